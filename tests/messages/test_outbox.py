"""Putting messages in the outbox: in the caller's transaction (gone with a rollback), by the
channel the patient chose when it can reach them, with only the clinic's name, a time and a link
in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clinic_site.extensions import db
from clinic_site.messages.kinds import KINDS
from clinic_site.messages.models import OutboxMessage
from clinic_site.messages.recipients import Recipient, recipient
from clinic_site.messages.services import queue, tell
from clinic_site.messages.texts import compose
from tests.fixtures.messages import DAY, EMAIL, LINK, MOBILE, assert_plain, rows

TREATMENT, NOTE = "도수치료", "허리가 아파요"


def test_a_message_is_saved_with_the_callers_change_or_not_at_all(texting_app):
    with texting_app.app_context():
        tell("booking_confirmed", recipient("sms", MOBILE), when=DAY, link=LINK)
        db.session.rollback()  # the booking failed: no message about it
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0
        message = tell("booking_confirmed", recipient("sms", MOBILE), when=DAY, link=LINK)
        db.session.commit()
        assert (message.status, message.channel, message.recipient) == (
            "queued", "sms", "01023456789"
        )  # fmt: skip
        assert message.next_attempt_at == DAY and len(message.key) == 32


@pytest.mark.parametrize(
    ("notify", "mobile", "email", "expected"),
    [
        ("sms", MOBILE, EMAIL, ("sms", "010-2345-6789")),
        ("kakao", MOBILE, None, ("kakao", "010-2345-6789")),
        ("email", MOBILE, EMAIL, ("email", EMAIL)),
        ("email", MOBILE, None, None),
        ("sms", None, EMAIL, ("email", EMAIL)),  # no number: email, since there is one
        ("sms", "02-555-1234", None, None),  # a landline takes no text message
        ("none", MOBILE, EMAIL, None),
        (None, MOBILE, EMAIL, None),
    ],
)
def test_the_patients_choice_decides_when_it_can_reach_them(
    texting_app, notify, mobile, email, expected
):
    with texting_app.app_context():
        found = recipient(notify, mobile=mobile, email=email)
    assert (found and (found.channel, found.address)) == expected


def test_with_text_messages_off_a_text_choice_is_told_by_email_or_not_at_all(make_app):
    app = make_app("anonymous")  # CLINIC_SMS_PROVIDER=none, the default
    with app.app_context():
        for notify in ("sms", "kakao"):
            assert recipient(notify, MOBILE, EMAIL) == Recipient("email", EMAIL)
            assert recipient(notify, MOBILE, None) is None


def test_kakaotalk_without_the_clinics_channel_goes_as_a_text_message(make_app, solapi):
    app = make_app("anonymous", **solapi.config(SOLAPI_PFID=None))
    with app.app_context():
        assert recipient("kakao", MOBILE) == Recipient("sms", "010-2345-6789")
    console = make_app("anonymous", CLINIC_SMS_PROVIDER="console")
    with console.app_context():
        assert recipient("kakao", MOBILE) == Recipient("sms", "010-2345-6789")


def test_queue_refuses_what_is_not_a_message(texting_app):
    with texting_app.app_context():
        with pytest.raises(ValueError, match="kind"):
            queue("newsletter", Recipient("email", EMAIL), "Hello")
        with pytest.raises(ValueError, match="mobile"):
            queue("reminder", Recipient("sms", "02-555-1234"), "Hello")
        with pytest.raises(ValueError, match="time"):
            tell("booking_confirmed", Recipient("email", EMAIL), link=LINK)
        assert queue("reminder", None, "Hello") is None
        assert tell("reminder", None, when=DAY) is None


def test_a_later_start_is_kept_and_a_past_one_means_now(texting_app):
    with texting_app.app_context():
        later = queue("visit_moved", Recipient("email", EMAIL), "x",
                      not_before=DAY + timedelta(hours=2))  # fmt: skip
        past = queue("visit_moved", Recipient("email", EMAIL), "x",
                     not_before=DAY - timedelta(hours=2))  # fmt: skip
        assert later.next_attempt_at == DAY + timedelta(hours=2)
        assert past.next_attempt_at == DAY


# Answers and requests that are about no visit, so they name no time.
UNTIMED = (
    "request_answered", "inquiry_answered", "representative_consent", "rights_answered",
    "rights_extended",
)  # fmt: skip


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_says_the_clinic_the_time_and_the_link_and_nothing_about_health(
    make_app, language, kind
):
    app = make_app("members", CLINIC_LANGUAGE=language)
    with app.app_context():
        content = compose(kind, DAY, LINK)
    clinic = "Haneul Clinic"
    assert content.text.startswith(f"[{clinic}]") and LINK in content.text
    assert clinic in content.subject
    assert "%(" not in content.text + content.subject
    if kind not in UNTIMED:
        assert content.variables["when"] and content.variables["when"] in content.text
    for words in (content.text, content.subject):
        assert_plain(words, TREATMENT, NOTE, clinic=clinic)
    assert set(content.variables) == {"clinic", "when", "link"}


def test_messages_are_written_in_the_clinics_language_whatever_the_page(make_app):
    app = make_app("anonymous", CLINIC_LANGUAGE="ko")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        text = compose("booking_confirmed", DAY, LINK).text
    assert "예약" in text and "2026년 3월 10일" in text


def test_the_kakao_template_is_kept_only_for_kinds_that_have_one(texting_app):
    with texting_app.app_context():
        tell("booking_confirmed", recipient("kakao", MOBILE), when=DAY, link=LINK)
        tell("visit_moved", recipient("kakao", MOBILE), when=DAY, link=LINK)
        db.session.commit()
    booked, moved = rows(texting_app)
    assert (booked.channel, booked.template_id) == ("kakao", "TPL_BOOKED")
    assert booked.variables["link"] == LINK
    assert (moved.channel, moved.template_id, moved.variables) == ("sms", "", None)
