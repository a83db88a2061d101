"""E-mail through the outbox, to a real SMTP server (aiosmtpd): the message's own Message-ID on
every try, a mail server away tried again, an address refused given up, and no mail server set up
said plainly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller

from clinic_site.extensions import db
from clinic_site.messages.worker import claim
from tests.fixtures.apps import free_port
from tests.fixtures.messages import DAY, EMAIL, deliver, freeze, queue_one, row


@pytest.fixture
def mail_app(make_app, smtp):
    controller, _inbox = smtp
    return make_app(
        "anonymous",
        CLOCK_FROZEN_AT=DAY,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=controller.port,
        MAIL_SENDER="clinic@haneul.example",
    )


def _header(envelope, name: str) -> str:
    text = envelope.content.decode()
    return text.split(f"\n{name}: ", 1)[1].split("\n", 1)[0].strip()


def test_an_email_goes_once_with_its_own_message_id(mail_app, smtp):
    _controller, inbox = smtp
    message_id, key = queue_one(mail_app, "inquiry_answered", notify="email", email=EMAIL)
    assert deliver(mail_app).sent == 1
    [mail] = inbox.wait_for(1)
    assert mail.rcpt_tos == [EMAIL]
    assert _header(mail, "Message-ID") == f"<{key}@haneul.example>"
    assert "Haneul Clinic" in _header(mail, "Subject")
    done = row(mail_app, message_id)
    assert (done.status, done.sent_as, done.shown_as) == ("sent", "email", "p***@example.com")
    assert (done.text, done.recipient) == ("", "")
    assert deliver(mail_app).sent == 0 and len(inbox.messages) == 1


def test_a_mail_server_away_is_tried_again_with_the_same_message_id(mail_app, smtp):
    controller, inbox = smtp
    mail_app.config["MAIL_PORT"] = free_port()  # nothing listens there
    message_id, key = queue_one(mail_app, "inquiry_answered", notify="email", email=EMAIL)
    assert deliver(mail_app).retrying == 1
    assert row(mail_app, message_id).last_error == "mail_error"
    mail_app.config["MAIL_PORT"] = controller.port
    freeze(mail_app, DAY + timedelta(minutes=1))
    assert deliver(mail_app).sent == 1
    assert _header(inbox.wait_for(1)[0], "Message-ID") == f"<{key}@haneul.example>"


class Refusing:
    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        return "550 5.1.1 No such mailbox"


def test_an_address_the_mail_server_refuses_is_given_up_at_once(mail_app):
    refusing = Controller(Refusing(), hostname="127.0.0.1", port=free_port())
    refusing.start()
    try:
        mail_app.config["MAIL_PORT"] = refusing.port
        message_id, _key = queue_one(mail_app, "inquiry_answered", notify="email", email=EMAIL)
        assert deliver(mail_app).failed == 1
    finally:
        refusing.stop()
    assert row(mail_app, message_id).last_error == "mail_refused"


def test_without_a_mail_server_an_email_is_given_up_saying_so(make_app):
    app = make_app("anonymous", CLOCK_FROZEN_AT=DAY)
    message_id, _key = queue_one(app, "inquiry_answered", notify="email", email=EMAIL)
    assert deliver(app).failed == 1
    assert row(app, message_id).last_error == "mail_off"


def test_an_email_whose_worker_stopped_mid_send_goes_once_when_taken_back(mail_app, smtp):
    _controller, inbox = smtp
    message_id, key = queue_one(mail_app, "inquiry_answered", notify="email", email=EMAIL)
    with mail_app.app_context():
        assert claim(message_id, "a-worker-that-died")
        assert not claim(message_id, "another-worker")  # taken: nobody else may have it
        db.session.remove()
    assert deliver(mail_app).sent == 0  # the claim is fresh: it is left alone
    freeze(mail_app, DAY + timedelta(seconds=301))  # past MESSAGES_CLAIM_SECONDS
    report = deliver(mail_app)
    assert (report.recovered, report.sent) == (1, 1)
    [mail] = inbox.wait_for(1)
    assert _header(mail, "Message-ID") == f"<{key}@haneul.example>"
    assert row(mail_app, message_id).attempts == 2
