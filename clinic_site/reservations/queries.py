"""Reading reservations: a member's own (for their pages, My information and the export), the
names of treatments and doctors they name, today's count for the dashboard, and the staff's reads
of one visit, which write the access record themselves."""

from __future__ import annotations

from flask import url_for

from ..clinic.models import Doctor
from ..extensions import db
from ..platform import clock
from ..platform.hooks import Mine
from ..records.services import record_access
from .models import Reservation
from .setup.models import Service
from .statuses import HOLDING, STATUS_WORDS


def for_member(member_id: int) -> tuple[list[Reservation], list[Reservation]]:
    """(upcoming, past) reservations of a member; upcoming soonest first, past newest first."""
    rows = list(
        db.session.scalars(
            db.select(Reservation)
            .where(Reservation.member_id == member_id)
            .order_by(Reservation.starts_at)
        )
    )
    now = clock.now()
    upcoming = [r for r in rows if r.ends_at > now and r.status in HOLDING]
    past = [r for r in reversed(rows) if r not in upcoming]
    return upcoming, past


def names(rows: list[Reservation], lang: str) -> dict:
    """Treatment and doctor names for the rows, in ``lang``, in two queries."""
    service_ids = {r.service_id for r in rows if r.service_id}
    doctor_ids = {r.doctor_id for r in rows if r.doctor_id}
    found = {}
    if service_ids:
        for s in db.session.scalars(db.select(Service).where(Service.id.in_(service_ids))):
            found[("service", s.id)] = s.name(lang)
    if doctor_ids:
        for d in db.session.scalars(db.select(Doctor).where(Doctor.id.in_(doctor_ids))):
            found[("doctor", d.id)] = d.name(lang)
    return found


def mine(member_id: int) -> list[Mine]:
    """A member's upcoming visits, for My information."""
    upcoming, _past = for_member(member_id)
    return [
        Mine(
            clock.to_local(r.starts_at).strftime("%Y-%m-%d %H:%M"),
            url_for("reservations.index"),
            r.starts_at,
            STATUS_WORDS[r.status],
        )
        for r in upcoming
    ]


def export_for_member(member_id: int) -> list[dict]:
    """A member's reservations, as plain values for the data download."""
    upcoming, past = for_member(member_id)
    return [
        {
            "starts_at": clock.to_local(r.starts_at).isoformat(),
            "ends_at": clock.to_local(r.ends_at).isoformat(),
            "status": r.status,
            "service_id": r.service_id,
            "doctor_id": r.doctor_id,
            "note": r.note,
            "booked_at": r.created_at.isoformat(),
        }
        for r in upcoming + past
    ]


def today_count() -> int:
    """Visits today that still hold their time."""
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(Reservation)
            .where(Reservation.day == clock.today(), Reservation.status.in_(HOLDING))
        )
        or 0
    )


def reservation_for_staff(reservation_id: int, staff, ip: str) -> Reservation | None:
    """One visit with its patient, for a member of staff: every reading is in the access
    record."""
    reservation = db.session.get(Reservation, reservation_id)
    if reservation is not None:
        record_access(staff, "view", "reservation", reservation.id, ip=ip)
    return reservation
