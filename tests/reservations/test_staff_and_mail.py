"""The staff's day, status changes and booking by phone; the confirmation through the outbox, with
nothing about health; reminders queued once; retention; withdrawal frees the times."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord, DestructionLog
from clinic_site.reservations.models import Reservation, SlotHold
from tests.fixtures.booking import MONDAY_9AM, book
from tests.fixtures.members import ADULT
from tests.fixtures.messages import assert_plain
from tests.helpers import english, login_staff, submit


def _staff(app, staff_factory, role="staff"):
    client = english(app.test_client())
    login_staff(client, *staff_factory(role))
    return client


def _only(app) -> Reservation:
    with app.app_context():
        return db.session.scalar(sa.select(Reservation))


def test_the_day_view_shows_bookings_per_doctor_and_records_each_opening(
    members_app, member_client, members_staff_factory
):
    book(member_client, "2026-03-10T10:00", note="Loose filling")
    staff = _staff(members_app, members_staff_factory)
    day = staff.get("/admin/reservations?date=2026-03-10").get_data(as_text=True)
    assert "Director" in day and "10:00" in day
    assert ADULT["name"] in day and "Loose filling" not in day  # the desk calls patients by name
    reservation = _only(members_app)
    detail = staff.get(f"/admin/reservations/{reservation.id}").get_data(as_text=True)
    assert ADULT["name"] in detail and "010-2345-6789" in detail and "Loose filling" in detail
    with members_app.app_context():
        views = db.session.scalars(
            sa.select(AccessRecord.subject_kind).where(AccessRecord.action == "view")
        ).all()
    assert views == ["schedule", "reservation"]  # the day's names, then the visit
    dashboard = staff.get("/admin/").get_data(as_text=True)
    # Monday; the booking is on Tuesday.
    assert re.search(r'work-count">0</span> <span class="work-label">visits today', dashboard)


def test_status_changes_and_who_cancelled(
    members_app, member_client, members_staff_factory, members_set_now
):
    book(member_client, "2026-03-10T10:00")
    staff = _staff(members_app, members_staff_factory)
    url = f"/admin/reservations/{_only(members_app).id}"
    early = submit(staff, url, {"status": "no_show"}, action=f"{url}/status")
    assert early.status_code == 303 and _only(members_app).status == "confirmed"
    assert "has not taken place yet" in staff.get(url).get_data(as_text=True)
    members_set_now(datetime(2026, 3, 10, 1, 31, tzinfo=UTC))  # 10:31 in Seoul
    staff = _staff(members_app, members_staff_factory)  # a day later: signed in afresh
    assert submit(staff, url, {"status": "no_show"}, action=f"{url}/status").status_code == 303
    assert _only(members_app).status == "no_show"
    assert submit(staff, url, {"status": "completed"}, action=f"{url}/status").status_code == 303
    assert submit(staff, url, {"status": "cancelled"}, action=f"{url}/status").status_code == 303
    assert _only(members_app).status == "completed"  # a visit that happened is not cancelled
    assert submit(staff, url, {"status": "anything"}, action=f"{url}/status").status_code == 400


def test_staff_cancel_frees_the_time_and_the_member_sees_who(
    members_app, member_client, members_staff_factory
):
    book(member_client, "2026-03-10T10:00")
    staff = _staff(members_app, members_staff_factory)
    url = f"/admin/reservations/{_only(members_app).id}"
    submit(staff, url, {"status": "cancelled"}, action=f"{url}/status")
    cancelled = _only(members_app)
    assert cancelled.status == "cancelled" and cancelled.changed_by == "Staff Kim"
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SlotHold)) == 0
    assert "by the clinic" in member_client.get("/reservations").get_data(as_text=True)


def test_staff_confirm_a_request_and_book_for_a_member_who_phoned(
    members_app, member, members_staff_factory, smtp, members_runner
):
    controller, inbox = smtp
    members_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port,
                      MAIL_SENDER="desk@clinic.example")  # fmt: skip
    staff = _staff(members_app, members_staff_factory)
    response = submit(
        staff,
        "/admin/reservations/new?date=2026-03-10",
        {
            "member": str(member),
            "service": "1",
            "doctor": "any",
            "date": "2026-03-10",
            "slot": "2026-03-10T15:00",
            "note": "",
        },  # fmt: skip
    )
    assert response.status_code == 303
    booked = _only(members_app)
    assert booked.status == "confirmed" and booked.booked_by is not None
    assert members_runner.invoke(args=["send-messages"]).exit_code == 0
    [envelope] = inbox.wait_for(1)
    assert envelope.rcpt_tos == [ADULT["email"]]
    refused = submit(
        staff,
        "/admin/reservations/new?date=2026-03-10",
        {
            "member": "999999",
            "service": "1",
            "doctor": "any",
            "date": "2026-03-10",
            "slot": "2026-03-10T16:00",
        },  # fmt: skip
    )
    assert refused.status_code == 422 and "no such member" in refused.get_data(as_text=True)


def test_the_confirmation_names_the_time_and_the_page_never_the_treatment_or_the_note(
    members_app, member_client, smtp, members_runner
):
    controller, inbox = smtp
    members_app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port,
                      MAIL_SENDER="desk@clinic.example")  # fmt: skip
    book(member_client, "2026-03-10T10:00", note="Pain when chewing")
    assert inbox.messages == []  # queued with the booking; no page waits for a mail server
    assert members_runner.invoke(args=["send-messages"]).exit_code == 0
    [envelope] = inbox.wait_for(1)
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "/reservations" in text and "10:00" in text
    assert_plain(text, "Pain when chewing", "Consultation")
    # The calendar file is a link away, on the page the message points to.
    listed = member_client.get("/reservations").get_data(as_text=True)
    assert re.search(r'href="/reservations/\d+/calendar.ics"', listed)


def test_reminders_are_queued_the_day_before_once_and_delivered_in_daytime(
    members_app, member_client, members_runner, smtp
):
    controller, inbox = smtp
    members_app.config.update(
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=controller.port,
        MAIL_SENDER="desk@clinic.example",
        SITE_URL="https://clinic.example",
    )
    book(member_client, "2026-03-10T10:00")
    members_runner.invoke(args=["send-messages"])
    inbox.wait_for(1)
    inbox.messages.clear()
    first = members_runner.invoke(args=["send-reminders"])
    assert first.exit_code == 0 and "reminders queued: 1" in first.output
    second = members_runner.invoke(args=["send-reminders"])
    assert "reminders queued: 0" in second.output
    members_runner.invoke(args=["send-messages"])
    [envelope] = inbox.wait_for(1)
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    text = message.get_content()
    assert "https://clinic.example/reservations" in text and "10:00" in text
    members_runner.invoke(args=["send-messages"])
    assert len(inbox.messages) == 1


def test_a_member_on_hold_is_told_nothing(members_app, member, member_client, members_runner):
    from clinic_site.accounts.management import hold
    from clinic_site.accounts.models import Member
    from clinic_site.messages.models import OutboxMessage

    book(member_client, "2026-03-10T10:00")
    with members_app.app_context():
        before = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
        hold(db.session.get(Member, member), "member_request", None)
        db.session.commit()
    assert members_runner.invoke(args=["send-reminders"]).exit_code == 0
    with members_app.app_context():
        after = db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
    assert before == 1 and after == 1  # the booking's message, and no reminder while on hold


def test_past_reservations_are_destroyed_a_year_after_the_visit(
    members_app, member_client, members_runner
):
    book(member_client, "2026-03-10T10:00")
    members_app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM + timedelta(days=365)
    assert "reservation: 0" in members_runner.invoke(args=["purge"]).output
    members_app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM + timedelta(days=367)
    assert "reservation: 1" in members_runner.invoke(args=["purge"]).output
    with members_app.app_context():
        log = db.session.scalar(
            sa.select(DestructionLog).where(DestructionLog.kind == "reservation")
        )
    assert log.rule == "reservations: 1 year after the visit"


def test_withdrawal_destroys_the_reservations_and_frees_their_times(
    members_app, member_client, make_member, signed_in
):
    book(member_client, "2026-03-10T10:00")
    submit(member_client, "/account/withdraw", {"password": ADULT["password"], "confirm": "y"})
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Reservation)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SlotHold)) == 0
    assert book(signed_in(make_member()[1]), "2026-03-10T10:00").status_code == 303


def test_withdrawal_names_the_reservations_it_destroyed_in_the_log_and_the_receipt(
    members_app, member_client, make_member, signed_in
):
    assert book(signed_in(make_member()[1]), "2026-03-10T11:00").status_code == 303  # not theirs
    assert book(member_client, "2026-03-10T10:00").status_code == 303
    assert book(member_client, "2026-03-11T10:00").status_code == 303
    withdrawn = submit(member_client, "/account/withdraw",
                       {"password": ADULT["password"], "confirm": "y"})  # fmt: skip
    assert withdrawn.status_code == 303
    receipt = member_client.get("/account/withdrawn").get_data(as_text=True)
    assert "<li>Reservations: 2</li>" in receipt
    with members_app.app_context():
        logged = db.session.execute(
            sa.select(DestructionLog.count, DestructionLog.rule).where(
                DestructionLog.kind == "reservation"
            )
        ).all()
        left = db.session.scalar(sa.select(sa.func.count()).select_from(Reservation))
    assert [tuple(row) for row in logged] == [(2, "withdrawal")]
    assert left == 1  # the other member's visit stays


def test_the_export_lists_the_member_s_reservations(members_app, member_client):
    import json

    book(member_client, "2026-03-10T10:00", note="Braces check")
    data = json.loads(member_client.get("/account/export").get_data(as_text=True))
    assert [r["starts_at"] for r in data["reservation"]] == ["2026-03-10T10:00:00+09:00"]
    assert data["reservation"][0]["note"] == "Braces check"
