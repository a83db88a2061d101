"""The message log is kept for its stated period and destroyed by the purge; a message's text and
whole address go as soon as it is sent, or, when it could not be sent, after the days staff have
to send it again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clinic_site.extensions import db
from clinic_site.messages.refusals import MessagesRefused
from clinic_site.messages.services import send_again
from clinic_site.privacy.inventory import MESSAGE_LOG, MESSAGE_TEXT_KEPT
from clinic_site.records.models import DestructionLog
from tests.fixtures.messages import DAY, deliver, freeze, queue_one, row, rows


def _purge(app) -> dict[str, int]:
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    return dict(line.split(": ") for line in result.output.splitlines())


def _destroyed(app, kind: str) -> int:
    with app.app_context():
        return sum(db.session.scalars(
            db.select(DestructionLog.count).where(DestructionLog.kind == kind)
        ))  # fmt: skip


def test_the_log_goes_six_months_after_sending(texting_app, solapi):
    queue_one(texting_app)
    deliver(texting_app)
    assert MESSAGE_LOG.english() == "6 months"
    six_months = DAY.replace(month=DAY.month + 6)  # calendar months: 10 March to 10 September
    freeze(texting_app, six_months - timedelta(minutes=1))
    assert _purge(texting_app)["message_log"] == "0"
    assert len(rows(texting_app)) == 1
    freeze(texting_app, six_months + timedelta(minutes=1))
    assert _purge(texting_app)["message_log"] == "1"
    assert rows(texting_app) == []
    assert _destroyed(texting_app, "message_log") == 1


def test_a_failed_message_can_be_sent_again_for_seven_days_then_its_text_goes(texting_app,
                                                                             solapi):  # fmt: skip
    texting_app.config["SOLAPI_SENDER"] = "0299998888"  # refused: given up at once
    message_id, _key = queue_one(texting_app)
    deliver(texting_app)
    assert MESSAGE_TEXT_KEPT.english() == "7 days"
    freeze(texting_app, DAY + timedelta(days=7) - timedelta(minutes=1))
    assert _purge(texting_app)["message_text"] == "0"
    assert row(texting_app, message_id).text
    freeze(texting_app, DAY + timedelta(days=7, minutes=1))
    assert _purge(texting_app)["message_text"] == "1"
    kept = row(texting_app, message_id)
    assert (kept.text, kept.recipient, kept.subject, kept.variables) == ("", "", "", None)
    assert (kept.status, kept.shown_as) == ("failed", "010-****-6789")
    assert kept.last_error == "rejected:ValidationError"
    with texting_app.app_context(), pytest.raises(MessagesRefused) as refused:
        send_again(message_id, None)
    assert refused.value.code == "too_old"
    # The log entry itself stays its six months.
    freeze(texting_app, DAY.replace(month=DAY.month + 6) + timedelta(minutes=1))
    assert _purge(texting_app)["message_log"] == "1"


def test_a_message_no_worker_sent_for_seven_days_is_given_up_and_its_text_destroyed(
    texting_app,
):
    message_id, _key = queue_one(texting_app)
    freeze(texting_app, DAY + timedelta(days=7, minutes=1))
    assert _purge(texting_app)["message_text"] == "1"
    given_up = row(texting_app, message_id)
    assert (given_up.status, given_up.last_error, given_up.text) == ("failed", "expired", "")
    assert deliver(texting_app).sent == 0
