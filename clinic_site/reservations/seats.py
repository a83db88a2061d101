"""Taking and giving back seats: the one place a booking is made atomic.

Capacity is kept by the database, not by reading first: a booking inserts its reservation with one
``SlotHold`` row per slot it covers, in a savepoint, and the unique constraints on those rows refuse
a seat that is taken (doctor, slot, seat) or a member who already holds that time, whatever arrives
at the same moment. A refused insert rolls back only its savepoint, and the next seat is tried.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..platform import clock
from ..platform.database import affected
from .models import Reservation, SlotHold


def take(
    reservation: Reservation, doctor_id: int, seat: int, parts: list[datetime], step: timedelta
) -> Reservation | None:
    """Give ``reservation`` (not yet stored) seat ``seat`` of ``doctor_id`` at each slot start in
    ``parts`` and store both, in one savepoint; None when any of those seats was taken."""
    reservation.doctor_id = doctor_id
    reservation.starts_at = parts[0]
    reservation.ends_at = parts[-1] + step
    reservation.day = parts[0].date()
    reservation.holds = [
        SlotHold(doctor_id=doctor_id, starts_at=part, seat=seat, member_id=reservation.member_id)
        for part in parts
    ]
    try:
        with db.session.begin_nested():
            db.session.add(reservation)
    except IntegrityError:
        return None
    return reservation


def new_reservation(**values) -> Reservation:
    """A reservation not yet stored, made now; ``take`` gives it its seats."""
    return Reservation(created_at=clock.now(), **values)


def free(reservation: Reservation) -> None:
    """Give the reservation's seats back."""
    affected(db.session, db.delete(SlotHold).where(SlotHold.reservation_id == reservation.id))
    db.session.expire(reservation, ["holds"])


def retake(
    reservation: Reservation,
    doctors: tuple[int, ...],
    parts: list[datetime],
    step: timedelta,
    per_slot: int,
) -> bool:
    """Give a stored ``reservation`` seats at ``parts`` with the first of ``doctors`` who has one
    free, each try in its own savepoint; False when every seat was taken. The caller gives the
    old seats back first, in the same savepoint as this, so that a move is one step."""
    for doctor_id in doctors:
        for seat in range(1, per_slot + 1):
            holds = [
                SlotHold(
                    reservation_id=reservation.id,
                    doctor_id=doctor_id,
                    starts_at=part,
                    seat=seat,
                    member_id=reservation.member_id,
                )  # fmt: skip
                for part in parts
            ]
            try:
                with db.session.begin_nested():
                    db.session.add_all(holds)
            except IntegrityError:
                continue
            reservation.doctor_id = doctor_id
            reservation.starts_at = parts[0]
            reservation.ends_at = parts[-1] + step
            reservation.day = parts[0].date()
            return True
    return False


def member_holds(member_id: int, parts: list[datetime]) -> bool:
    """Whether the member already holds any of these slot starts."""
    found = db.session.scalar(
        db.select(SlotHold.id).where(SlotHold.member_id == member_id, SlotHold.starts_at.in_(parts))
    )
    return found is not None
