"""Reading reservations: a member's own (for their pages, My information and the export), the
names of treatments and doctors they name, today's count for the dashboard, and the staff's reads
of one visit, which write the access record themselves."""

from __future__ import annotations

from flask import current_app, url_for

from ..cache.revision import copies, kept
from ..clinic.models import Doctor
from ..core import dates
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


def _everything_named() -> tuple[tuple[Service, ...], tuple[Doctor, ...]]:
    # Every treatment and doctor, those no longer offered too (a past visit names them): a
    # clinic has a handful of each.
    return copies(Service, db.select(Service.__table__)), copies(
        Doctor, db.select(Doctor.__table__)
    )


def names(rows: list[Reservation], lang: str) -> dict:
    """Treatment and doctor names for the rows, in ``lang``, kept while the site's revision
    holds."""
    service_ids = {r.service_id for r in rows if r.service_id}
    doctor_ids = {r.doctor_id for r in rows if r.doctor_id}
    if not service_ids and not doctor_ids:
        return {}
    services, doctors = kept("reservation_names", _everything_named)
    found = {("service", s.id): s.name(lang) for s in services if s.id in service_ids}
    found.update({("doctor", d.id): d.name(lang) for d in doctors if d.id in doctor_ids})
    return found


def mine(member_id: int) -> list[Mine]:
    """A member's upcoming visits, for My information (the past ones are not read)."""
    upcoming = db.session.scalars(
        db.select(Reservation)
        .where(
            Reservation.member_id == member_id,
            Reservation.ends_at > clock.now(),
            Reservation.status.in_(HOLDING),
        )
        .order_by(Reservation.starts_at)
    )
    return [
        Mine(
            dates.moment(r.starts_at),
            url_for("reservations.index"),
            r.starts_at,
            STATUS_WORDS[r.status],
            dated=False,
        )
        for r in upcoming
    ]


def export_for_member(member_id: int) -> list[dict]:
    """A member's reservations, as plain values for the data download: treatments and doctors by
    name (in the clinic's language), times on the clinic's clock with their offset."""
    upcoming, past = for_member(member_id)
    rows = upcoming + past
    named = names(rows, current_app.config["CLINIC_LANGUAGE"])
    return [
        {
            "starts_at": clock.stamp(r.starts_at),
            "ends_at": clock.stamp(r.ends_at),
            "status": r.status,
            "treatment": named.get(("service", r.service_id)),
            "doctor": named.get(("doctor", r.doctor_id)),
            "note": r.note,
            "booked_at": clock.stamp(r.created_at),
        }
        for r in rows
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
