"""What patients are told about their visits, through the outbox (messages/): a booking, a move,
a cancellation by the clinic, a guest's request booked or answered, a freed time offered from the
waiting list, and the reminder the day before. Each is queued in the same transaction as the
change it tells about, by the channel the patient chose; like every message of the site it
carries the clinic's name, the time and a link, never the treatment or the note. A member whose
account is on hold is told nothing (their data is not used while the hold lasts).

The visit's calendar file is here too: the booking pages offer it."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, has_request_context, url_for
from icalendar import Calendar, Event

from ..accounts.models import Member
from ..extensions import db
from ..messages.recipients import Recipient, member_recipient, recipient
from ..messages.services import tell
from ..platform import clock
from ..platform.database import affected
from ..settings.queries import get_settings
from .models import Reservation
from .requests.models import ReservationRequest


def calendar_file(reservation: Reservation) -> bytes:
    """An iCalendar (RFC 5545) event for the visit, made with the maintained icalendar library."""
    clinic = get_settings()
    calendar = Calendar()
    calendar.add("prodid", "-//clinic_site//reservations//EN")
    calendar.add("version", "2.0")
    event = Event()
    host = current_app.config.get("SERVER_NAME") or "clinic"
    event.add("uid", f"reservation-{reservation.id}@{host}")
    event.add("dtstamp", clock.now())
    event.add("dtstart", reservation.starts_at)
    event.add("dtend", reservation.ends_at)
    event.add("summary", clinic.clinic_name)
    if clinic.address:
        event.add("location", clinic.address)
    link = link_to("reservations.index")
    if link:
        event.add("url", link)
    calendar.add_component(event)
    return calendar.to_ical()


def link_to(endpoint: str, **values) -> str | None:
    """The page's whole address: from the request being answered, or, for the command line's
    reminders, from SITE_URL (the site's public address); None when neither says."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    site = current_app.config.get("SITE_URL")
    if not site:
        return None
    with current_app.test_request_context(base_url=site.rstrip("/")):
        return url_for(endpoint, _external=True, **values)


def _patient(reservation: Reservation) -> tuple[Recipient | None, str | None]:
    """Who the visit's messages go to, and the link they follow: a member to their
    reservations, a guest to their request's page, a caller to nothing (the desk has them)."""
    if reservation.member_id is not None:
        member = db.session.get(Member, reservation.member_id)
        return member_recipient(member), link_to("reservations.index")
    if reservation.request_id is not None:
        asked = db.session.get(ReservationRequest, reservation.request_id)
        if asked is None:
            return None, None
        to = recipient(asked.notify, mobile=asked.mobile, email=asked.email)
        return to, link_to("reservation_requests.show", id=asked.id)
    if reservation.notify == "sms":
        return recipient("sms", mobile=reservation.patient_mobile), None
    return None, None


def booked(reservation: Reservation) -> None:
    """Tell the patient the visit is booked (a guest: the request they sent is)."""
    if reservation.status != "confirmed":
        return
    to, link = _patient(reservation)
    kind = "request_booked" if reservation.request_id is not None else "booking_confirmed"
    tell(kind, to, when=reservation.starts_at, link=link, member_id=reservation.member_id)


def moved(reservation: Reservation) -> None:
    to, link = _patient(reservation)
    tell("visit_moved", to, when=reservation.starts_at, link=link,
         member_id=reservation.member_id)  # fmt: skip


def cancelled_by_clinic(reservation: Reservation) -> None:
    to, link = _patient(reservation)
    tell("visit_cancelled_by_clinic", to, when=reservation.starts_at, link=link,
         member_id=reservation.member_id)  # fmt: skip


def request_answered(row: ReservationRequest) -> None:
    """Tell a guest the clinic answered their request without booking it."""
    to = recipient(row.notify, mobile=row.mobile, email=row.email)
    tell("request_answered", to, link=link_to("reservation_requests.show", id=row.id))


def waitlist_offer(member_id: int, start: datetime, link: str | None) -> None:
    """Tell a waiting member a time is free on their day (``start``: its first free time)."""
    tell("waitlist_offer", member_recipient(db.session.get(Member, member_id)), when=start,
         link=link, member_id=member_id)  # fmt: skip


def queue_reminders(now: datetime | None = None) -> int:
    """Queue a reminder for each of tomorrow's confirmed visits (clinic date), once: each visit
    is claimed by setting ``reminder_sent_at`` in the same transaction as its message, so a
    second run, even one at the same moment, queues nothing twice. The outbox sends reminders in
    daytime only. Returns how many were queued."""
    now = now or clock.now()
    tomorrow = clock.to_local(now).date() + timedelta(days=1)
    ids = list(
        db.session.scalars(
            db.select(Reservation.id).where(
                Reservation.day == tomorrow,
                Reservation.status == "confirmed",
                Reservation.reminder_sent_at.is_(None),
            )
        )
    )
    queued = 0
    for reservation_id in ids:
        claimed = affected(
            db.session,
            db.update(Reservation)
            .where(Reservation.id == reservation_id, Reservation.reminder_sent_at.is_(None))
            .values(reminder_sent_at=now),
        )
        if claimed:
            reservation = db.session.get(Reservation, reservation_id)
            if reservation is not None:
                to, link = _patient(reservation)
                told = tell("reminder", to, when=reservation.starts_at, link=link,
                            member_id=reservation.member_id)  # fmt: skip
                if told is not None:
                    queued += 1
        db.session.commit()
    return queued
