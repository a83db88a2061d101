"""Each patient is told what they should, by the channel they chose, once, with nothing about
health: a member who booked online, a caller the desk booked, a guest whose request was booked, an
inquiry's author, and a member waiting for a freed time. Through a real fake SOLAPI server and
``flask send-messages``."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from tests.fixtures.apps import _staff_maker
from tests.fixtures.board import GOOD, write
from tests.fixtures.booking import MONDAY_9AM, REQUEST, book, register_members
from tests.fixtures.members import sign_in
from tests.fixtures.messages import assert_plain
from tests.helpers import english, login_staff, submit

TUESDAY = "2026-03-10"


@pytest.fixture
def site(make_app, solapi):
    """A members' clinic sending text messages through the fake SOLAPI, Monday 09:00."""
    return make_app("members", CLOCK_FROZEN_AT=MONDAY_9AM, **solapi.config())


@pytest.fixture
def desk(site):
    client = english(site.test_client())
    login_staff(client, *_staff_maker(site)("staff"))
    return client


def _texts(solapi) -> list[dict]:
    with solapi.lock:
        return list(solapi.registered)


def _send(app) -> None:
    result = app.test_cli_runner().invoke(args=["send-messages"])
    assert result.exit_code == 0, result.output


def test_a_member_who_chose_text_messages_gets_one_for_the_booking(site, solapi):
    register_members(site, 1, "texter", "010-7000")
    with site.app_context():
        member = db.session.scalar(sa.select(Member))
        member.notify = "sms"
        db.session.commit()
    client = english(site.test_client())
    assert sign_in(client, username="texter_0").status_code == 303
    assert book(client, f"{TUESDAY}T10:00", note="Pain when chewing").status_code == 303
    _send(site)
    _send(site)  # a second run sends nothing again
    [text] = _texts(solapi)
    assert text["to"] == "01070000000" and text["type"] in ("SMS", "LMS")
    assert "10:00" in text["text"] and "/reservations" in text["text"]
    assert_plain(text["text"], "Pain when chewing", "Consultation")


def test_a_caller_booked_by_the_desk_gets_a_text_unless_they_said_no(site, solapi, desk):
    caller = {"patient_name": "이영희", "patient_mobile": "010-5555-6666", "service": "1",
              "doctor": "any", "date": TUESDAY, "slot": f"{TUESDAY}T11:00",
              "notify": "sms"}  # fmt: skip
    new = f"/admin/reservations/new?date={TUESDAY}"
    assert submit(desk, new, caller).status_code == 303
    quiet = {**caller, "patient_name": "최수진", "patient_mobile": "010-7777-8888",
             "slot": f"{TUESDAY}T11:30", "notify": "none"}  # fmt: skip
    assert submit(desk, new, quiet).status_code == 303
    _send(site)
    [text] = _texts(solapi)
    assert text["to"] == "01055556666" and "11:00" in text["text"]
    assert_plain(text["text"], "이영희")


def test_a_guest_whose_request_is_booked_is_told_the_time(site, solapi, desk):
    guest = english(site.test_client())
    sent = submit(guest, "/reservations/request", {**REQUEST, "notify": "sms"})
    assert sent.status_code == 303
    request_id = int(sent.headers["Location"].rsplit("/", 1)[1])
    url = f"/admin/reservations/requests/{request_id}"
    booking = {"service": "1", "doctor": "any", "slot": "2026-03-12T10:30"}
    assert submit(desk, url, booking, action=f"{url}/book").status_code == 303
    _send(site)
    [text] = _texts(solapi)
    assert text["to"] == "01044445555" and "10:30" in text["text"]
    assert f"/reservations/request/{request_id}" in text["text"]
    assert_plain(text["text"], REQUEST["note"])


def test_an_inquiry_author_is_told_an_answer_waits_never_its_words(site, solapi, desk):
    author = english(site.test_client())
    assert write(author, notify="sms", mobile="010-3333-4444").status_code == 303
    with site.app_context():
        from clinic_site.board.models import ConsultationPost

        post_id = db.session.scalar(sa.select(ConsultationPost.id))
    url = f"/admin/consultations/{post_id}"
    reply = {"body": "Please rinse with salt water and come on Tuesday."}
    assert submit(desk, url, reply, action=f"{url}/reply").status_code == 303
    _send(site)
    [text] = _texts(solapi)
    assert text["to"] == "01033334444" and f"/consultations/{post_id}" in text["text"]
    assert_plain(text["text"], "salt water", GOOD["body"][:20])


def test_a_waiting_member_is_offered_a_freed_time(site, solapi, desk):
    register_members(site, 2, "wait", "010-7100")
    with site.app_context():
        for member in db.session.scalars(sa.select(Member)):
            member.notify = "sms"
        db.session.commit()
    first, second = english(site.test_client()), english(site.test_client())
    sign_in(first, username="wait_0")
    sign_in(second, username="wait_1")
    block = {"doctor": "all", "start": f"{TUESDAY}T00:00", "end": f"{TUESDAY}T10:00",
             "reason": "x"}  # fmt: skip
    assert submit(desk, "/admin/reservations/blocks", block).status_code == 303
    block = {**block, "start": f"{TUESDAY}T10:30", "end": f"{TUESDAY}T23:59"}
    assert submit(desk, "/admin/reservations/blocks", block).status_code == 303
    assert book(first, f"{TUESDAY}T10:00").status_code == 303
    waitlist = {"date": TUESDAY, "service": "1", "doctor": "any"}
    assert submit(second, "/reservations/waitlist", waitlist).status_code == 303
    with site.app_context():
        from clinic_site.reservations.models import Reservation

        visit = db.session.scalar(sa.select(Reservation.id))
    cancel = f"/reservations/{visit}/cancel"
    assert submit(first, "/reservations", {}, action=cancel).status_code == 303
    _send(site)
    offers = [t for t in _texts(solapi) if t["to"] == "01071000001"]
    assert len(offers) == 1 and "10:00" in offers[0]["text"]
    assert "/reservations/new?date=2026-03-10" in offers[0]["text"]


def test_a_held_member_gets_no_reminder_while_the_others_do(site, solapi):
    """A hold stops every use of the member's data: the day-before reminder too."""
    register_members(site, 2, "remind", "010-7100")
    with site.app_context():
        for member in db.session.scalars(sa.select(Member)):
            member.notify = "sms"
        db.session.commit()
    for number in (0, 1):
        client = english(site.test_client())
        assert sign_in(client, username=f"remind_{number}").status_code == 303
        assert book(client, f"{TUESDAY}T1{number}:00").status_code == 303
    _send(site)  # the booking confirmations
    with site.app_context():
        held = db.session.scalar(sa.select(Member).where(Member.username == "remind_1"))
        held.held_at, held.hold_reason = MONDAY_9AM, "member_request"
        db.session.commit()
    with solapi.lock:
        solapi.registered.clear()
    assert site.test_cli_runner().invoke(args=["send-reminders"]).exit_code == 0
    site.config["CLOCK_FROZEN_AT"] = MONDAY_9AM.replace(hour=10)  # daytime: reminders may go
    _send(site)
    assert [text["to"] for text in _texts(solapi)] == ["01071000000"]


def test_forms_offer_texts_only_when_the_clinic_sends_them(make_app, solapi):
    """A patient is not offered a text message the clinic cannot send."""
    quiet = english(make_app("members").test_client())
    page = quiet.get("/consultations/new").get_data(as_text=True)
    assert 'value="email"' in page
    assert 'value="sms"' not in page and 'value="kakao"' not in page
    ticked = re.search(r'<input checked[^>]*name="notify"[^>]*value="([a-z]+)"', page)
    assert ticked and ticked.group(1) == "email"  # the first choice offered, ticked
    # A child's representative could only choose "not at all": nothing is asked.
    assert 'name="notify"' not in quiet.get("/account/register/child").get_data(as_text=True)
    texting = english(make_app("members", **solapi.config()).test_client())
    page = texting.get("/account/register").get_data(as_text=True)
    assert 'value="sms"' in page
