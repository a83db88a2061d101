"""Reading the waiting list: a member's own entries (their page, the export)."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from ...clinic.models import Doctor
from ...core import dates
from ...extensions import db
from ...platform import clock
from ...platform.hooks import Mine
from .. import slots
from ..setup.models import Service
from .models import WaitlistEntry


def for_member(member_id: int) -> list[WaitlistEntry]:
    """The member's entries for today and later, soonest first."""
    return list(
        db.session.scalars(
            db.select(WaitlistEntry)
            .where(WaitlistEntry.member_id == member_id, WaitlistEntry.day >= clock.today())
            .order_by(WaitlistEntry.day, WaitlistEntry.id)
        )
    )


def offered(entry: WaitlistEntry) -> bool:
    """Whether a freed time is on offer to the member right now: the offer stands and the day
    still has a free time for them (someone else may have booked it first)."""
    if entry.offer_until is None or entry.offer_until <= clock.now():
        return False
    service = db.session.get(Service, entry.service_id)
    doctor = db.session.get(Doctor, entry.doctor_id) if entry.doctor_id else None
    return service is not None and bool(slots.day_slots(entry.day, service, doctor).slots)


def export_for_member(member_id: int) -> list[dict]:
    return [
        {
            "day": entry.day.isoformat(),
            "service_id": entry.service_id,
            "doctor_id": entry.doctor_id,
            "since": clock.stamp(entry.created_at),
            "offered_at": clock.stamp(entry.offered_at),
        }
        for entry in for_member(member_id)
    ]


def mine(member_id: int) -> list[Mine]:
    return [
        Mine(
            dates.day(entry.day),
            url_for("waitlist.index"),
            entry.created_at,
            _l("A time is free: book it") if offered(entry) else _l("Waiting"),
            dated=False,
        )
        for entry in for_member(member_id)
    ]
