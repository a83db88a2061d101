"""The message log for staff (/admin/messages): failed messages first, each with "send again";
masked numbers, never a text; every reading in the access record; staff only. And what the
dashboard says: messages that could not be sent, messages no worker sends, text messages off."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord
from clinic_site.staff.services import create_staff
from tests.fixtures.messages import DAY, MOBILE, deliver, freeze, queue_one, row
from tests.helpers import english, login_staff, submit


def _staff(app, role="staff"):
    with app.app_context():
        create_staff(f"{role}-m", "Kim Staff", role, "long-enough-pw")
        db.session.commit()
    client = english(app.test_client())
    login_staff(client, f"{role}-m", "long-enough-pw")
    return client


def _last_access(app) -> AccessRecord:
    with app.app_context():
        found = db.session.scalar(sa.select(AccessRecord).order_by(AccessRecord.id.desc()))
        db.session.expunge(found)
        return found


def _fail_one(app) -> int:
    sender = app.config["SOLAPI_SENDER"]
    app.config["SOLAPI_SENDER"] = "0299998888"  # not registered: refused at once
    message_id, _key = queue_one(app, "visit_moved")
    deliver(app)
    app.config["SOLAPI_SENDER"] = sender
    return message_id


def test_staff_see_failed_messages_first_masked_and_the_reading_is_recorded(texting_app,
                                                                           solapi):  # fmt: skip
    queue_one(texting_app, "inquiry_answered")
    deliver(texting_app)
    failed = _fail_one(texting_app)
    client = _staff(texting_app)
    page = client.get("/admin/messages").get_data(as_text=True)
    could_not, everything = page.split("All messages")
    assert "Visit moved" in could_not and "Send again" in could_not
    assert f"/admin/messages/{failed}/send-again" in could_not
    assert "The provider refused the request (ValidationError)" in could_not
    assert "Inquiry answered" in everything and "Sent" in everything
    assert "010-****-6789" in page
    for hidden in (MOBILE, "01023456789", "https://clinic.example", solapi.key, solapi.secret):
        assert hidden not in page
    seen = _last_access(texting_app)
    assert (seen.action, seen.subject_kind, seen.actor_kind) == ("view", "message_log", "staff")


def test_send_again_queues_a_failed_message_as_new_and_records_who_did(texting_app, solapi):
    failed = _fail_one(texting_app)
    client = _staff(texting_app)
    answer = submit(client, "/admin/messages", {}, action=f"/admin/messages/{failed}/send-again")
    assert answer.status_code == 303
    again = row(texting_app, failed)
    assert (again.status, again.attempts, again.last_error) == ("queued", 0, "")
    done = _last_access(texting_app)
    assert (done.action, done.subject_kind, done.subject_id, done.detail) == (
        "update", "message", failed, "send_again"
    )  # fmt: skip
    assert deliver(texting_app).sent == 1
    assert len(solapi.delivered(again.key)) == 1
    # Sent, it cannot be sent again: the page says why and nothing changes.
    answer = submit(client, "/admin/messages", {}, action=f"/admin/messages/{failed}/send-again")
    assert answer.status_code == 303
    assert "Only a message that could not be sent" in client.get("/admin/messages").get_data(
        as_text=True
    )
    assert row(texting_app, failed).status == "sent"
    assert submit(client, "/admin/messages", {},
                  action="/admin/messages/999999/send-again").status_code == 404  # fmt: skip


def test_send_again_needs_the_forms_token(texting_app, solapi):
    failed = _fail_one(texting_app)
    client = _staff(texting_app)
    assert client.post(f"/admin/messages/{failed}/send-again").status_code == 400
    assert row(texting_app, failed).status == "failed"


def test_only_signed_in_staff_open_the_log(texting_app, members_app, member_client):
    visitor = texting_app.test_client()
    answer = visitor.get("/admin/messages")
    assert answer.status_code == 302 and "/admin/login" in answer.headers["Location"]
    assert visitor.post("/admin/messages/1/send-again").status_code in (302, 400)
    assert member_client.get("/admin/messages").status_code == 403


def test_the_dashboard_tells_staff_about_failed_and_waiting_messages(texting_app, solapi):
    client = _staff(texting_app)
    _fail_one(texting_app)
    _fail_one(texting_app)
    board = client.get("/admin/").get_data(as_text=True)
    assert re.search(r'work-count">2</span> <span class="work-label">messages that could not',
                     board)  # fmt: skip
    assert "Text and KakaoTalk messages are off" not in board
    # A message due long ago that no worker sent: is send-messages running?
    queue_one(texting_app, "inquiry_answered")
    freeze(texting_app, DAY + timedelta(minutes=16))
    board = client.get("/admin/").get_data(as_text=True)
    assert "1 messages are waiting past their time" in board
    # Three days on, the failures are old news.
    freeze(texting_app, DAY + timedelta(days=3, minutes=1))
    assert "messages that could not be sent" not in client.get("/admin/").get_data(as_text=True)


def test_with_text_messages_off_the_dashboard_and_the_log_say_so(app, en_staff_client):
    for page in ("/admin/", "/admin/messages"):
        text = en_staff_client.get(page).get_data(as_text=True)
        assert "Text and KakaoTalk messages are off" in text, page


def test_the_log_reads_in_korean(texting_app, solapi):
    queue_one(texting_app, "inquiry_answered")
    deliver(texting_app)
    client = _staff(texting_app)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ko"
    page = client.get("/admin/messages").get_data(as_text=True)
    assert '<html lang="ko"' in page and "환자에게 보내는 메시지" in page
    assert "문의 답변" in page and "문자" in page and "보냄" in page
    assert "다시 보내기" not in page  # nothing failed
