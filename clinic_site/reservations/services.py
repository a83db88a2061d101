"""Booking, cancelling and the staff's status changes. Capacity is kept by the database: a booking
inserts one seat row per slot it covers, and the unique constraints on those rows refuse a seat
that is taken or a member who already holds that time, whatever arrives at the same moment."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..clinic import services as clinic
from ..database import affected
from ..extensions import db
from ..inventory import RESERVATION_KEPT
from . import slots
from .models import Reservation, Service, SlotHold


class BookingError(Exception):
    """Why a booking or a change was refused: ``code`` names the rule for the route."""

    def __init__(self, code: str, **details):
        super().__init__(code)
        self.code = code
        self.details = details


# Codes: full (the slot filled up), closed (not a bookable time that day), past (too soon or gone),
# busy (the member holds that time already), waiting / hold (the account may not book),
# service (no such service), deadline (too late to cancel online), state (not in that status).


def offered() -> list[Service]:
    """The treatments that can be booked, in the owner's order."""
    return list(
        db.session.scalars(
            db.select(Service).where(Service.active).order_by(Service.position, Service.id)
        )
    )


def _check_member(member) -> None:
    if member.waiting_for_guardian:
        raise BookingError("waiting")
    if member.on_hold:
        raise BookingError("hold")


def _free_slot(start: datetime, service: Service, doctor) -> slots.Slot:
    """The slot starting at ``start`` if the day's rules offer it, else a BookingError."""
    if start < clock.local_now():
        raise BookingError("past")
    day = slots.day_slots(start.date(), service, doctor)
    for slot in day.slots:
        if slot.start == start:
            return slot
    rules = slots.settings()
    if start < clock.local_now() + timedelta(minutes=rules.notice_minutes):
        raise BookingError("past")
    if day.closed is not None or day.outside or not _on_grid(start, service, doctor):
        raise BookingError("closed")
    raise BookingError("full")


def _on_grid(start: datetime, service: Service, doctor) -> bool:
    """Whether ``start`` would be a slot of the day if nobody had booked anything."""
    hours = clinic.hours_on(start.date())
    if hours is None:
        return False
    rules = slots.settings()
    minutes = (start - datetime.combine(start.date(), hours.opens, tzinfo=start.tzinfo)).seconds
    return minutes % (rules.slot_minutes * 60) == 0 and hours.open_at(start.time())


def book(
    member, service: Service, doctor, start: datetime, note: str | None, staff=None, request=None
) -> Reservation:
    """Book ``start`` (clinic time) for ``member`` (or, from a visitor's ``request``, for nobody
    with an account). ``doctor`` None means any doctor free then. Raises BookingError."""
    if member is not None:
        _check_member(member)
    if not service.active:
        raise BookingError("service")
    slot = _free_slot(start, service, doctor)
    rules = slots.settings()
    step = timedelta(minutes=rules.slot_minutes)
    parts = [slot.start + step * n for n in range(service.slots)]
    member_id = member.id if member is not None else None
    if member_id is not None and _member_busy(member_id, parts):
        raise BookingError("busy")
    status = "confirmed" if rules.confirm_at_once or staff is not None else "requested"
    for doctor_id in slot.doctors:
        for seat in range(1, rules.per_slot + 1):
            reservation = _try_seat(
                member_id, request, service, doctor_id, seat, parts, step, status, note, staff
            )
            if reservation is not None:
                return reservation
    if member_id is not None and _member_busy(member_id, parts):
        raise BookingError("busy")
    raise BookingError("full")


def _member_busy(member_id: int, parts: list[datetime]) -> bool:
    return (
        db.session.scalar(
            db.select(SlotHold.id).where(
                SlotHold.member_id == member_id, SlotHold.starts_at.in_(parts)
            )
        )
        is not None
    )


def _try_seat(member_id, request, service, doctor_id, seat, parts, step, status, note, staff):
    """Insert the reservation and its seat rows in a savepoint; None when a seat was taken."""
    now = clock.now()
    reservation = Reservation(
        member_id=member_id,
        request_id=request.id if request is not None else None,
        service_id=service.id,
        doctor_id=doctor_id,
        starts_at=parts[0],
        ends_at=parts[-1] + step,
        day=parts[0].date(),
        status=status,
        note=note or None,
        created_at=now,
        booked_by=staff.id if staff is not None else None,
    )
    reservation.holds = [
        SlotHold(doctor_id=doctor_id, starts_at=part, seat=seat, member_id=member_id)
        for part in parts
    ]
    try:
        with db.session.begin_nested():
            db.session.add(reservation)
    except IntegrityError:
        return None
    return reservation


def free_slot(reservation: Reservation) -> None:
    """Give the reservation's seats back."""
    affected(db.session, db.delete(SlotHold).where(SlotHold.reservation_id == reservation.id))
    db.session.expire(reservation, ["holds"])


def cancel_deadline(reservation: Reservation) -> datetime:
    return reservation.starts_at - timedelta(hours=slots.settings().cancel_hours)


def cancel(reservation: Reservation, member) -> Reservation:
    """The member cancels their own reservation, up to the deadline; the slot is free again."""
    if reservation.member_id != member.id:
        raise BookingError("state")
    if not reservation.holds_slot:
        raise BookingError("state")
    if clock.now() > cancel_deadline(reservation):
        raise BookingError("deadline")
    return _change(reservation, "cancelled", "member")


def set_status(reservation: Reservation, status: str, staff) -> Reservation:
    """A staff member changes the status: confirmed, cancelled, completed or no_show."""
    allowed = {
        "confirmed": ("requested",),
        "cancelled": ("requested", "confirmed"),
        "completed": ("confirmed", "no_show"),
        "no_show": ("confirmed", "completed"),
    }
    if reservation.status not in allowed.get(status, ()):
        raise BookingError("state")
    return _change(reservation, status, staff.name)


def _change(reservation: Reservation, status: str, by: str) -> Reservation:
    reservation.status = status
    reservation.changed_at = clock.now()
    reservation.changed_by = by[:60]
    if status in ("cancelled", "declined"):
        free_slot(reservation)
    db.session.flush()
    return reservation


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
    upcoming = [r for r in rows if r.ends_at > now and r.status in ("requested", "confirmed")]
    past = [r for r in reversed(rows) if r not in upcoming]
    return upcoming, past


def destroy_for_member(member_id: int) -> int:
    """Destroy every reservation of a member (withdrawal); their seats go with them."""
    return affected(db.session, db.delete(Reservation).where(Reservation.member_id == member_id))


def expired(at: datetime) -> ColumnElement[bool]:
    """Reservations whose visit lies further back than the period the inventory states."""
    return Reservation.ends_at < RESERVATION_KEPT.before(at)
