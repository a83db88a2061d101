"""Reading blocked time: the blocks still to come, the visits a block covers (for staff to
move), and the days a doctor is away (for /about)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ...clinic import services as clinic
from ...extensions import db
from ...platform import clock
from ..models import Reservation
from ..statuses import HOLDING
from .models import Block


def upcoming() -> list[Block]:
    """Blocks that have not ended yet, soonest first."""
    return list(
        db.session.scalars(
            db.select(Block).where(Block.ends_at > clock.now()).order_by(Block.starts_at)
        )
    )


def visits_inside(blocks: list[Block]) -> dict[int, list[Reservation]]:
    """By block, the visits still holding their time inside it (with its doctor, or any doctor
    for a block of the clinic's): what staff should move."""
    found: dict[int, list[Reservation]] = {block.id: [] for block in blocks}
    if not blocks:
        return found
    since = min(block.starts_at for block in blocks)
    until = max(block.ends_at for block in blocks)
    rows = db.session.scalars(
        db.select(Reservation)
        .where(
            Reservation.status.in_(HOLDING),
            Reservation.starts_at < until,
            Reservation.ends_at > since,
        )
        .order_by(Reservation.starts_at)
    )
    for row in rows:
        for block in blocks:
            same_doctor = block.doctor_id in (None, row.doctor_id)
            if same_doctor and row.starts_at < block.ends_at and row.ends_at > block.starts_at:
                found[block.id].append(row)
    return found


def days_away(doctor_id: int, first: date, last: date) -> list[date]:
    """The days from ``first`` to ``last`` on which the doctor would work but blocked time (the
    doctor's own or the clinic's) covers all of their hours."""
    zone = clock.zone()
    since = datetime.combine(first, time.min, zone)
    until = datetime.combine(last + timedelta(days=1), time.min, zone)
    blocks = list(
        db.session.scalars(
            db.select(Block)
            .where(
                db.or_(Block.doctor_id == doctor_id, Block.doctor_id.is_(None)),
                Block.starts_at < until,
                Block.ends_at > since,
            )
            .order_by(Block.starts_at)
        )
    )
    away = []
    day = first
    while blocks and day <= last:
        hours = clinic.working_hours(doctor_id, day)
        if hours is not None:
            starts = datetime.combine(day, hours[0], zone)
            ends = datetime.combine(day, hours[1], zone)
            if _covered(starts, ends, blocks):
                away.append(day)
        day += timedelta(days=1)
    return away


def _covered(starts: datetime, ends: datetime, blocks: list[Block]) -> bool:
    """Whether blocks (soonest first) cover starts..ends without a gap."""
    reached = starts
    for block in blocks:
        if block.starts_at > reached:
            break
        reached = max(reached, block.ends_at)
        if reached >= ends:
            return True
    return reached >= ends
