"""``flask send-messages`` as operators run it, in processes of its own: a worker killed between
the provider's accepting a message and marking it sent, then started again, sends it exactly once
(and one killed before the provider got it does not lose it); two workers racing over one outbox
never send a message twice; ``--watch`` stops cleanly on SIGTERM."""

from __future__ import annotations

import signal
import time

import pytest

from clinic_site.extensions import db
from clinic_site.messages.recipients import Recipient
from clinic_site.messages.services import tell
from tests.fixtures.messages import (
    LINK,
    MOBILE,
    freeze,
    queue_one,
    row,
    rows,
    worker_process,
)


@pytest.fixture
def live_app(texting_app):
    """The texting app on the real clock, as the worker processes are."""
    freeze(texting_app, None)
    texting_app.config.pop("CLOCK_FROZEN_AT")
    return texting_app


def _finish(process, seconds=60) -> str:
    out, err = process.communicate(timeout=seconds)
    assert process.returncode == 0, err[-3000:]
    return out


def _kill_while_the_provider_holds_the_answer(app, solapi, tmp_path, step: str):
    solapi.plan.append(step)
    message_id, key = queue_one(app, "inquiry_answered")
    worker = worker_process(app, tmp_path, MESSAGES_CLAIM_SECONDS=1)
    assert solapi.holding.wait(60), worker.communicate(timeout=5)
    worker.send_signal(signal.SIGKILL)
    worker.communicate(timeout=30)
    solapi.release.set()
    stuck = row(app, message_id)
    assert (stuck.status, stuck.attempts) == ("sending", 1)
    time.sleep(1.2)  # the claim outlives MESSAGES_CLAIM_SECONDS
    out = _finish(worker_process(app, tmp_path, MESSAGES_CLAIM_SECONDS=1))
    assert "taken back from a stopped worker: 1" in out
    return message_id, key


def test_a_worker_killed_after_the_provider_accepted_does_not_send_again(live_app, solapi,
                                                                        tmp_path):  # fmt: skip
    message_id, key = _kill_while_the_provider_holds_the_answer(live_app, solapi, tmp_path,
                                                                "hold")  # fmt: skip
    [delivered] = solapi.delivered(key)
    assert solapi.posts() == 1  # the restarted worker asked, found it, and did not send
    done = row(live_app, message_id)
    assert (done.status, done.attempts) == ("sent", 2)
    assert done.provider_id == delivered["messageId"]


def test_a_worker_killed_before_the_provider_registered_it_does_not_lose_it(live_app, solapi,
                                                                           tmp_path):  # fmt: skip
    message_id, key = _kill_while_the_provider_holds_the_answer(live_app, solapi, tmp_path,
                                                                "forget")  # fmt: skip
    assert len(solapi.delivered(key)) == 1 and solapi.posts() == 2
    assert row(live_app, message_id).status == "sent"


def test_two_workers_racing_over_one_outbox_send_each_message_once(live_app, solapi, smtp,
                                                                   tmp_path):  # fmt: skip
    controller, inbox = smtp
    live_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port,
                           MAIL_SENDER="clinic@haneul.example")  # fmt: skip
    with live_app.app_context():
        for number in range(60):
            to = (Recipient("email", f"p{number}@example.com") if number % 3 == 0
                  else Recipient("sms", f"010-5555-{number:04d}"))  # fmt: skip
            tell("inquiry_answered", to, link=LINK)
        db.session.commit()
    # The first worker's first message is held by the provider until the second worker has
    # sent some; with every answer slow, the two then compete for the rest.
    solapi.delay = 0.02
    solapi.plan.append("hold")
    workers = [worker_process(live_app, tmp_path)]
    assert solapi.holding.wait(60)
    workers.append(worker_process(live_app, tmp_path))
    deadline = time.monotonic() + 60
    while len(solapi.registered) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    solapi.release.set()
    outs = [_finish(worker) for worker in workers]
    messages = rows(live_app)
    assert {m.status for m in messages} == {"sent"}
    texts = [m for m in messages if m.channel == "sms"]
    assert all(len(solapi.delivered(m.key)) == 1 for m in texts)
    assert solapi.posts() == len(texts) == 40
    mails = inbox.wait_for(20)
    ids = [mail.content.decode().split("Message-ID: ")[1].split()[0] for mail in mails]
    assert len(ids) == 20 and len(set(ids)) == 20
    # Both took part (each says what it sent), and between them sent everything once.
    sent = [int(out.split("messages sent: ")[1].split(",")[0]) for out in outs]
    assert sum(sent) == 60 and min(sent) > 0, sent


def test_watch_delivers_as_messages_arrive_and_stops_cleanly_on_sigterm(live_app, solapi,
                                                                       tmp_path):  # fmt: skip
    watcher = worker_process(live_app, tmp_path, "--watch", MESSAGES_WATCH_SECONDS=0.2)
    try:
        time.sleep(1)
        message_id, key = queue_one(live_app, "inquiry_answered", mobile=MOBILE)
        deadline = time.monotonic() + 30
        while row(live_app, message_id).status != "sent" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert row(live_app, message_id).status == "sent"
        watcher.send_signal(signal.SIGTERM)
        out = _finish(watcher, 20)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert "messages sent: 1" in out
    assert len(solapi.delivered(key)) == 1
