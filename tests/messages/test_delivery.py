"""Delivery through SOLAPI's API (a real local server speaking it): signed requests, text
messages and LMS, KakaoTalk 알림톡 and its text fallback, waiting and trying again on 429 and
5xx, giving up after the bound, and no key ever in what the site keeps or says."""

from __future__ import annotations

from datetime import timedelta

from clinic_site.messages.sms import byte_length
from tests.fixtures.messages import (
    DAY,
    LINK,
    MOBILE,
    assert_plain,
    deliver,
    freeze,
    queue_one,
    row,
)
from tests.fixtures.solapi import TEMPLATE_REFUSED


def test_a_text_message_goes_once_signed_with_the_key_and_its_outbox_key(texting_app, solapi):
    message_id, key = queue_one(texting_app, "inquiry_answered", link=LINK)
    report = deliver(texting_app)
    assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
    [sent] = solapi.delivered(key)
    assert sent["to"] == "01023456789" and sent["from"] == solapi.sender
    assert sent["type"] == ("SMS" if byte_length(sent["text"]) <= 90 else "LMS")
    assert LINK in sent["text"] and "Haneul Clinic" in sent["text"]
    assert_plain(sent["text"], clinic="Haneul Clinic")
    done = row(texting_app, message_id)
    assert done.status == "sent" and done.attempts == 1
    assert done.provider_id == sent["messageId"] and done.sent_as == sent["type"]
    # Once sent, the log keeps no text and no whole number.
    assert (done.text, done.recipient, done.shown_as) == ("", "", "010-****-6789")
    # A second run finds nothing to do.
    assert deliver(texting_app).sent == 0
    assert solapi.posts() == 1


def test_a_long_text_goes_as_an_lms_with_a_subject(texting_app, solapi):
    _id, key = queue_one(texting_app, "visit_cancelled_by_clinic")
    deliver(texting_app)
    [sent] = solapi.delivered(key)
    assert sent["type"] == "LMS" and byte_length(sent["text"]) > 90 and sent["subject"]


def test_kakaotalk_goes_with_its_approved_template_and_variables(texting_app, solapi):
    message_id, key = queue_one(texting_app, "booking_confirmed", notify="kakao")
    deliver(texting_app)
    [sent] = solapi.delivered(key)
    assert sent["type"] == "ATA"
    options = sent["kakaoOptions"]
    assert options["pfId"] == solapi.pfid and options["templateId"] == "TPL_BOOKED"
    assert options["variables"]["#{clinic}"] == "Haneul Clinic"
    assert options["variables"]["#{link}"] == LINK and options["variables"]["#{when}"]
    assert row(texting_app, message_id).sent_as == "ATA"


def test_a_refused_template_falls_back_to_a_text_message_at_once(texting_app, solapi):
    # Reminders are configured with a template the channel does not have.
    freeze(texting_app, DAY)
    message_id, key = queue_one(texting_app, "reminder", notify="kakao",
                                when=DAY + timedelta(days=1))  # fmt: skip
    report = deliver(texting_app)
    assert report.sent == 1
    [sent] = solapi.delivered(key)
    assert sent["type"] in ("SMS", "LMS") and "Haneul Clinic" in sent["text"]
    assert [p["type"] for p in solapi.payloads] == ["ATA", sent["type"]]
    assert row(texting_app, message_id).sent_as == sent["type"]
    assert TEMPLATE_REFUSED  # the fake refused the first one with its template code


def test_a_kind_without_a_template_goes_as_text_from_the_start(texting_app, solapi):
    message_id, key = queue_one(texting_app, "visit_moved", notify="kakao")
    assert row(texting_app, message_id).channel == "sms"
    deliver(texting_app)
    assert [p["type"] for p in solapi.payloads] == [solapi.delivered(key)[0]["type"]]


def test_429_waits_at_least_as_long_as_asked_then_goes_once(texting_app, solapi):
    solapi.plan.append(429)
    message_id, key = queue_one(texting_app)
    report = deliver(texting_app)
    assert (report.sent, report.retrying) == (0, 1)
    waiting = row(texting_app, message_id)
    assert waiting.status == "queued" and waiting.last_error == "http_429"
    # The fake asked for 120 seconds (Retry-After), more than the first wait of 60.
    assert waiting.next_attempt_at == DAY + timedelta(seconds=120)
    freeze(texting_app, DAY + timedelta(seconds=119))
    assert deliver(texting_app).sent == 0
    freeze(texting_app, DAY + timedelta(seconds=120))
    assert deliver(texting_app).sent == 1
    assert len(solapi.delivered(key)) == 1
    # The second try asked first whether the first had gone after all.
    assert ("GET", "/messages/v4/list", 200) in solapi.requests


def test_5xx_is_tried_again_with_a_doubling_wait_and_given_up_after_the_bound(texting_app,
                                                                              solapi):  # fmt: skip
    texting_app.config["MESSAGES_MAX_ATTEMPTS"] = 4
    solapi.plan.extend([503, 500, 503, 502])
    message_id, key = queue_one(texting_app)
    now, waits = DAY, []
    for _try in range(4):
        freeze(texting_app, now)
        deliver(texting_app)
        message = row(texting_app, message_id)
        if message.status == "failed":
            break
        waits.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert waits == [timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240)]
    assert message.status == "failed" and message.attempts == 4
    assert message.last_error == "http_5xx:502" and message.failed_at == now
    # Given up, it keeps its text for staff to send it again.
    assert message.text and message.recipient
    assert solapi.delivered(key) == []


def test_an_invalid_message_is_given_up_at_once_with_the_providers_code(texting_app, solapi):
    texting_app.config["SOLAPI_SENDER"] = "0299998888"  # not the registered sender number
    message_id, _key = queue_one(texting_app)
    report = deliver(texting_app)
    assert report.failed == 1
    assert row(texting_app, message_id).last_error == "rejected:ValidationError"


def test_a_wrong_key_or_secret_is_tried_again_and_never_written_anywhere(
    texting_app, solapi, caplog, capsys
):
    texting_app.config["SOLAPI_API_KEY"] = "NCSWRONGKEY77"
    first, _key = queue_one(texting_app)
    deliver(texting_app)
    texting_app.config["SOLAPI_API_KEY"] = solapi.key
    texting_app.config["SOLAPI_API_SECRET"] = "a-wrong-secret-55"
    second, _key = queue_one(texting_app)
    deliver(texting_app)
    codes = {row(texting_app, first).last_error, row(texting_app, second).last_error}
    assert codes == {"auth:InvalidAPIKey", "auth:SignatureDoesNotMatch"}
    said = caplog.text + "".join(capsys.readouterr())
    for secret in ("NCSWRONGKEY77", "a-wrong-secret-55", solapi.key, solapi.secret):
        assert secret not in said
        assert all(secret not in str(vars(row(texting_app, i))) for i in (first, second))


def test_the_provider_away_is_a_network_failure_tried_again(texting_app, solapi):
    solapi.stop()
    message_id, _key = queue_one(texting_app)
    assert deliver(texting_app).retrying == 1
    assert row(texting_app, message_id).last_error == "network"


def test_mobile_numbers_are_sent_as_digits_and_shown_masked(texting_app, solapi):
    message_id, key = queue_one(texting_app, mobile="011 234 5678")
    deliver(texting_app)
    assert solapi.delivered(key)[0]["to"] == "0112345678"
    assert row(texting_app, message_id).shown_as == "011-***-5678"
    assert MOBILE  # the usual number is shown in the other tests
