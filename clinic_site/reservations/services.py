"""Booking, cancelling and the staff's status changes: the rules (who may book, which times, until
when a visit may be cancelled). The seats themselves are taken atomically in ``seats.py``."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement

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
from .waitlist import services as waitlist


def _check_member(member, desk: bool = False) -> None:
    """A member who may not book, told why: to the member, or to the desk booking for them."""
    if member.waiting_for_guardian:
        raise BookingRefused("desk_waiting" if desk else "waiting", "member")
    if member.on_hold:
        raise BookingRefused("desk_hold" if desk else "hold", "member")


def book(
    member,
    service: Service,
    doctor,
    start: datetime,
    note: str | None,
    staff=None,
    request=None,
    ip: str = "",
    caller: tuple[str, str] | None = None,
) -> Reservation:
    """Book ``start`` (clinic time) for ``member``, or for a patient who is not a member: from a
    visitor's ``request``, or a ``caller`` (name, mobile) the front desk books. ``doctor`` None
    means any doctor free then. The desk (``staff``) may book the slot under way (a walk-in) and
    further ahead than patients; its bookings are noted in the access record. One atomic seat
    for everyone, however the patient reached the clinic. Raises BookingRefused."""
    if member is not None:
        _check_member(member, desk=staff is not None)
    if not service.active:
        raise BookingRefused("service")
    slot = slots.free_slot(start, service, doctor, desk=staff is not None)
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
                patient_name=caller[0] if caller else None,
                patient_mobile=caller[1] if caller else None,
            )
            if seats.take(reservation, doctor_id, seat, parts, step) is not None:
                if staff is not None:
                    detail = "booked_from_request" if request is not None else "booked_by_phone"
                    record_access(staff, "update", "reservation", reservation.id, detail, ip)
                if member_id is not None:
                    waitlist.booked(member_id, slot.start.date())
                return reservation
    if member_id is not None and seats.member_holds(member_id, parts):
        raise BookingRefused("busy")
    raise BookingRefused("full")


# A patient who booked a time already inside the change window may still undo a wrong tap
# online for a short while; after that, the clinic's rule applies (said before booking).
GRACE = timedelta(minutes=10)


def cancel_deadline(reservation: Reservation) -> datetime:
    """Until when the member may cancel or move the visit online: the booking rules' hours
    before it, or, for a visit booked inside them, GRACE after booking (never after it starts)."""
    rule = reservation.starts_at - timedelta(hours=booking_rules().cancel_hours)
    grace = min(reservation.created_at + GRACE, reservation.starts_at)
    return max(rule, grace)


def inside_change_window(start: datetime) -> bool:
    """Whether a visit at ``start`` booked now could be changed online only for GRACE."""
    return clock.now() > start - timedelta(hours=booking_rules().cancel_hours)


def cancel(reservation: Reservation, member) -> Reservation:
    """The member cancels their own reservation, up to the deadline; the slot is free again."""
    if reservation.member_id != member.id or not reservation.holds_slot:
        raise BookingRefused("not_cancellable")
    if clock.now() > cancel_deadline(reservation):
        raise BookingRefused("deadline", phone=get_settings().phone or "")
    return _change(reservation, "cancelled", "member")


def move(
    reservation: Reservation,
    start: datetime,
    doctor,
    staff=None,
    member=None,
    ip: str = "",
) -> Reservation:
    """Move a visit to ``start`` (with ``doctor``, or any doctor free then) in one step: its
    seats are given back and the new ones taken in one savepoint, so the old time is freed only
    if the new one is had; otherwise nothing changes and the refusal says why. A member moves
    their own visit until the deadline for changes; staff move any visit that holds its time."""
    if not reservation.holds_slot or reservation.starts_at < clock.now():
        raise BookingRefused("not_movable")
    if member is not None:
        if reservation.member_id != member.id:
            raise BookingRefused("not_movable")
        _check_member(member)
        if clock.now() > cancel_deadline(reservation):
            raise BookingRefused("deadline", phone=get_settings().phone or "")
    service = db.session.get(Service, reservation.service_id) if reservation.service_id else None
    if service is None:
        raise BookingRefused("service")
    rules = booking_rules()
    step = timedelta(minutes=rules.slot_minutes)
    parts = [start + step * n for n in range(service.slots)]
    was = clock.to_local(reservation.starts_at)
    with db.session.begin_nested():  # every step below, or none of them
        seats.free(reservation)
        db.session.flush()
        slot = slots.free_slot(start, service, doctor, desk=staff is not None)
        if reservation.member_id is not None and seats.member_holds(reservation.member_id, parts):
            raise BookingRefused("busy", "slot")
        if not seats.retake(reservation, slot.doctors, parts, step, rules.per_slot):
            raise BookingRefused("full", "slot")
    reservation.changed_at = clock.now()
    reservation.changed_by = (staff.name if staff is not None else "member")[:60]
    db.session.flush()
    waitlist.seat_freed(was.date())
    if staff is not None:
        moved = f"moved:{was.strftime('%Y-%m-%dT%H:%M')}"
        record_access(staff, "update", "reservation", reservation.id, moved, ip)
    db.session.flush()
    return reservation


def set_status(reservation: Reservation, status: str, staff, ip: str = "") -> Reservation:
    """A staff member changes the status: confirmed, cancelled, completed or no_show (the last
    two only once the visit's time has come); noted in the access record."""
    allowed = {
        "confirmed": ("requested",),
        "cancelled": ("requested", "confirmed"),
        "completed": ("confirmed", "no_show"),
        "no_show": ("confirmed", "completed"),
    }
    if reservation.status not in allowed.get(status, ()):
        raise BookingRefused("state")
    if status in ("completed", "no_show") and reservation.starts_at > clock.now():
        raise BookingRefused("not_yet")
    record_access(staff, "update", "reservation", reservation.id, f"status:{status}", ip)
    return _change(reservation, status, staff.name)


def _change(reservation: Reservation, status: str, by: str) -> Reservation:
    reservation.status = status
    reservation.changed_at = clock.now()
    reservation.changed_by = by[:60]
    if status in ("cancelled", "declined"):
        seats.free(reservation)
        db.session.flush()
        waitlist.seat_freed(reservation.day)
    db.session.flush()
    return reservation


def destroy_for_member(member_id: int) -> int:
    """Destroy every reservation of a member (withdrawal); their seats go with them."""
    return affected(db.session, db.delete(Reservation).where(Reservation.member_id == member_id))


def expired(at: datetime) -> ColumnElement[bool]:
    """Reservations whose visit lies further back than the period the inventory states."""
    return Reservation.ends_at < RESERVATION_KEPT.before(at)
