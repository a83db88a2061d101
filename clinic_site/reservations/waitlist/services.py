"""The waiting list's rules. A member waits for a day (a treatment, a doctor or any); when a seat
frees that day (a cancellation, a move, the desk), everyone waiting whom the freed time suits is
told at once, and the first to book it has it: the atomic seat decides, as for any booking. An
offer stands for OFFER_FOR; a later freed seat offers again. An entry ends when its member books
that day, leaves the list, or the day passes (the purge)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement

from ...clinic import services as clinic
from ...clinic.models import Doctor
from ...core.dates import day as format_day
from ...extensions import db
from ...platform import clock
from ...platform.database import affected
from .. import notices, slots
from ..refusals import BookingRefused
from ..setup.models import Service
from ..setup.queries import booking_rules
from .models import WaitlistEntry

MAX_ENTRIES = 5  # days one member may wait for at once
OFFER_FOR = timedelta(hours=2)  # how long a "a time is free" offer stands


def join(member, day: date, service: Service, doctor: Doctor | None) -> WaitlistEntry:
    """Put ``member`` on the list for ``day``; refused with the reason when no time could free
    up that day for them, when one is free already, or when they wait for it or too many days."""
    first, last = slots.horizon(booking_rules())
    shown = format_day(day)
    if day < first:
        raise BookingRefused("wait_past", "date")
    if day > last:
        raise BookingRefused("wait_far", "date", days=(last - first).days)
    if clinic.hours_on(day) is None:
        raise BookingRefused("wait_closed", "date", day=shown)
    if doctor is not None and clinic.working_hours(doctor.id, day) is None:
        raise BookingRefused("wait_doctor_away", "doctor", day=shown)
    if slots.day_slots(day, service, doctor).slots:
        raise BookingRefused("wait_free", "date", day=shown)
    mine = list(
        db.session.scalars(
            db.select(WaitlistEntry).where(
                WaitlistEntry.member_id == member.id, WaitlistEntry.day >= first
            )
        )
    )
    if any(
        e.day == day and e.service_id == service.id and e.doctor_id == _id(doctor) for e in mine
    ):
        raise BookingRefused("wait_twice", "date")
    if len(mine) >= MAX_ENTRIES:
        raise BookingRefused("wait_many", "date", count=MAX_ENTRIES)
    entry = WaitlistEntry(
        member_id=member.id,
        day=day,
        service_id=service.id,
        doctor_id=_id(doctor),
        created_at=clock.now(),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def _id(doctor: Doctor | None) -> int | None:
    return doctor.id if doctor is not None else None


def leave(entry: WaitlistEntry) -> None:
    db.session.delete(entry)
    db.session.flush()


def booked(member_id: int, day: date) -> None:
    """The member booked a visit on ``day``: their wait for it is over."""
    affected(
        db.session,
        db.delete(WaitlistEntry).where(
            WaitlistEntry.member_id == member_id, WaitlistEntry.day == day
        ),
    )


def seat_freed(day: date) -> list[WaitlistEntry]:
    """A seat freed on ``day``: the entries it suits, not holding an offer still standing, get
    one now, and a message in the same transaction (returned, for the caller's information)."""
    now = clock.now()
    waiting = db.session.scalars(
        db.select(WaitlistEntry)
        .where(
            WaitlistEntry.day == day,
            db.or_(WaitlistEntry.offer_until.is_(None), WaitlistEntry.offer_until < now),
        )
        .order_by(WaitlistEntry.created_at, WaitlistEntry.id)
    ).all()
    offered = []
    for entry in waiting:
        service = db.session.get(Service, entry.service_id)
        doctor = db.session.get(Doctor, entry.doctor_id) if entry.doctor_id else None
        if service is None or not service.active:
            continue
        free = slots.day_slots(day, service, doctor).slots
        if free:
            entry.offered_at, entry.offer_until = now, now + OFFER_FOR
            offered.append(entry)
            link = notices.link_to("reservations.new", date=day.isoformat(), service=service.id,
                                   doctor=doctor.id if doctor else "any")  # fmt: skip
            notices.waitlist_offer(entry.member_id, free[0].start, link)
    db.session.flush()
    return offered


def expired(at: datetime) -> ColumnElement[bool]:
    """Entries whose day has passed at ``at`` (clinic time): the purge destroys them."""
    return WaitlistEntry.day < clock.to_local(at).date()


def destroy_for_member(member_id: int) -> int:
    return affected(
        db.session, db.delete(WaitlistEntry).where(WaitlistEntry.member_id == member_id)
    )
