"""Booking, cancelling and the staff's status changes: the rules (who may book, which times, until
when a visit may be cancelled). The seats themselves are taken atomically in ``seats.py``."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement

from ..clinic import services as clinic
from ..extensions import db
from ..platform import clock
from ..platform.database import affected
from ..privacy.inventory import RESERVATION_KEPT
from ..records.services import record_access
from ..settings.queries import get_settings
from . import seats, slots
from .models import Reservation
from .refusals import BookingRefused
from .setup.models import Service
from .setup.queries import booking_rules


def _check_member(member) -> None:
    if member.waiting_for_guardian:
        raise BookingRefused("waiting")
    if member.on_hold:
        raise BookingRefused("hold")


def _free_slot(start: datetime, service: Service, doctor) -> slots.Slot:
    """The slot starting at ``start`` if the day's rules offer it, else a BookingRefused."""
    if start < clock.local_now():
        raise BookingRefused("past")
    day = slots.day_slots(start.date(), service, doctor)
    for slot in day.slots:
        if slot.start == start:
            return slot
    rules = booking_rules()
    if start < clock.local_now() + timedelta(minutes=rules.notice_minutes):
        raise BookingRefused("past")
    if day.closed is not None or day.outside or not _on_grid(start, service, doctor):
        raise BookingRefused("closed")
    raise BookingRefused("full")


def _on_grid(start: datetime, service: Service, doctor) -> bool:
    """Whether ``start`` would be a slot of the day if nobody had booked anything."""
    hours = clinic.hours_on(start.date())
    if hours is None:
        return False
    rules = booking_rules()
    minutes = (start - datetime.combine(start.date(), hours.opens, tzinfo=start.tzinfo)).seconds
    return minutes % (rules.slot_minutes * 60) == 0 and hours.open_at(start.time())


def book(
    member,
    service: Service,
    doctor,
    start: datetime,
    note: str | None,
    staff=None,
    request=None,
    ip: str = "",
) -> Reservation:
    """Book ``start`` (clinic time) for ``member`` (or, from a visitor's ``request``, for nobody
    with an account). ``doctor`` None means any doctor free then. A booking ``staff`` make is
    noted in the access record. Raises BookingRefused."""
    if member is not None:
        _check_member(member)
    if not service.active:
        raise BookingRefused("service")
    slot = _free_slot(start, service, doctor)
    rules = booking_rules()
    step = timedelta(minutes=rules.slot_minutes)
    parts = [slot.start + step * n for n in range(service.slots)]
    member_id = member.id if member is not None else None
    if member_id is not None and seats.member_holds(member_id, parts):
        raise BookingRefused("busy")
    status = "confirmed" if rules.confirm_at_once or staff is not None else "requested"
    for doctor_id in slot.doctors:
        for seat in range(1, rules.per_slot + 1):
            reservation = seats.new_reservation(
                member_id=member_id,
                request_id=request.id if request is not None else None,
                service_id=service.id,
                status=status,
                note=note or None,
                booked_by=staff.id if staff is not None else None,
            )
            if seats.take(reservation, doctor_id, seat, parts, step) is not None:
                if staff is not None:
                    detail = "booked_from_request" if request is not None else "booked_by_phone"
                    record_access(staff, "update", "reservation", reservation.id, detail, ip)
                return reservation
    if member_id is not None and seats.member_holds(member_id, parts):
        raise BookingRefused("busy")
    raise BookingRefused("full")


def cancel_deadline(reservation: Reservation) -> datetime:
    return reservation.starts_at - timedelta(hours=booking_rules().cancel_hours)


def cancel(reservation: Reservation, member) -> Reservation:
    """The member cancels their own reservation, up to the deadline; the slot is free again."""
    if reservation.member_id != member.id or not reservation.holds_slot:
        raise BookingRefused("not_cancellable")
    if clock.now() > cancel_deadline(reservation):
        raise BookingRefused("deadline", phone=get_settings().phone or "")
    return _change(reservation, "cancelled", "member")


def set_status(reservation: Reservation, status: str, staff, ip: str = "") -> Reservation:
    """A staff member changes the status: confirmed, cancelled, completed or no_show; noted in
    the access record."""
    allowed = {
        "confirmed": ("requested",),
        "cancelled": ("requested", "confirmed"),
        "completed": ("confirmed", "no_show"),
        "no_show": ("confirmed", "completed"),
    }
    if reservation.status not in allowed.get(status, ()):
        raise BookingRefused("state")
    record_access(staff, "update", "reservation", reservation.id, f"status:{status}", ip)
    return _change(reservation, status, staff.name)


def _change(reservation: Reservation, status: str, by: str) -> Reservation:
    reservation.status = status
    reservation.changed_at = clock.now()
    reservation.changed_by = by[:60]
    if status in ("cancelled", "declined"):
        seats.free(reservation)
    db.session.flush()
    return reservation


def destroy_for_member(member_id: int) -> int:
    """Destroy every reservation of a member (withdrawal); their seats go with them."""
    return affected(db.session, db.delete(Reservation).where(Reservation.member_id == member_id))


def expired(at: datetime) -> ColumnElement[bool]:
    """Reservations whose visit lies further back than the period the inventory states."""
    return Reservation.ends_at < RESERVATION_KEPT.before(at)
