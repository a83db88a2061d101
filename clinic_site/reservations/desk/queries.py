"""Reading the schedule for the front desk: a day or a week with every patient's name, whoever
booked and however they reached the clinic. Each reading shows names and numbers, so each writes
the access record itself, once per view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...accounts.models import Member
from ...extensions import db
from ...platform import clock
from ...records.services import record_access
from ..models import Reservation
from ..requests.models import ReservationRequest


@dataclass(frozen=True)
class Visit:
    """A reservation with the patient it is for."""

    reservation: Reservation
    name: str
    mobile: str
    member_id: int | None

    @property
    def starts(self) -> datetime:
        return clock.to_local(self.reservation.starts_at)

    @property
    def ends(self) -> datetime:
        return clock.to_local(self.reservation.ends_at)


def _visits(rows: list[Reservation]) -> list[Visit]:
    """The patients of ``rows``, in two queries whatever their number."""
    member_ids = {r.member_id for r in rows if r.member_id}
    request_ids = {r.request_id for r in rows if r.request_id}
    members = {}
    if member_ids:
        members = {
            m.id: m for m in db.session.scalars(db.select(Member).where(Member.id.in_(member_ids)))
        }
    requests = {}
    if request_ids:
        requests = {
            q.id: q
            for q in db.session.scalars(
                db.select(ReservationRequest).where(ReservationRequest.id.in_(request_ids))
            )
        }
    found = []
    for row in rows:
        member = members.get(row.member_id) if row.member_id else None
        asked = requests.get(row.request_id) if row.request_id else None
        if member is not None:
            name, mobile = member.name, member.mobile or member.guardian_mobile or ""
        elif asked is not None:
            name, mobile = asked.name, asked.mobile
        else:
            name, mobile = row.patient_name or "", row.patient_mobile or ""
        found.append(Visit(row, name, mobile, row.member_id))
    return found


def _between(first: date, last: date) -> list[Reservation]:
    return list(
        db.session.scalars(
            db.select(Reservation)
            .where(Reservation.day >= first, Reservation.day <= last)
            .order_by(Reservation.starts_at, Reservation.id)
        )
    )


def day_for_staff(day: date, staff, ip: str) -> list[Visit]:
    """Every visit of ``day`` with its patient's name and mobile; one access-record entry for
    the reading of the day."""
    record_access(staff, "view", "schedule", None, f"day:{day.isoformat()}", ip)
    return _visits(_between(day, day))


def week_for_staff(monday: date, staff, ip: str) -> list[Visit]:
    """Every visit of the week from ``monday``; one access-record entry for the reading."""
    record_access(staff, "view", "schedule", None, f"week:{monday.isoformat()}", ip)
    return _visits(_between(monday, monday + timedelta(days=6)))


def visits_for_staff(rows: list[Reservation], what: str, staff, ip: str) -> list[Visit]:
    """``rows`` with their patients' names, for a page listing them (the visits inside blocked
    time); one access-record entry naming the page, none when there is nobody to show."""
    if rows:
        record_access(staff, "view", "schedule", None, what, ip)
    return _visits(rows)
