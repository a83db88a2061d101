"""Reservation requests from visitors without an account: a preferred day and time, no slot held.
Staff call back and book it or decline it, with an answer the visitor reads with the request's
password; the visitor may withdraw it. Kept and destroyed like a consultation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement

from ...clinic import services as clinic
from ...clinic.forms import WEEKDAY_NAMES
from ...extensions import db
from ...platform import clock
from ...platform.database import affected
from ...platform.passwords import hash_password, verify_password
from ...policy.services import consent_version
from ...privacy.inventory import CONSULTATION
from ...records.services import record_access
from ...settings.queries import get_settings
from .. import services, slots
from ..models import Reservation
from ..refusals import BookingRefused
from ..setup.models import Service
from ..setup.queries import booking_rules
from .models import ReservationRequest

CLOSED_DAY = _l("a day the clinic closes")


def create(
    *,
    name: str,
    password: str,
    mobile: str,
    email: str | None,
    service: Service | None,
    preferred_date: date,
    preferred_time: time,
    note: str | None,
    notify: str | None = None,
) -> ReservationRequest:
    """Store a visitor's request, the password hashed, naming the policy version consented to.
    Refuses a day or time the clinic does not open, saying why (``check_preferred``)."""
    check_preferred(preferred_date, preferred_time)
    row = ReservationRequest(
        name=name,
        password_hash=hash_password(password),
        mobile=mobile,
        email=email or None,
        notify=notify or "none",
        service_id=service.id if service else None,
        preferred_date=preferred_date,
        preferred_time=preferred_time,
        note=note or None,
        consent_policy_version=consent_version(),
        created_at=clock.now(),
    )
    db.session.add(row)
    db.session.flush()
    return row


def check_preferred(day: date, moment: time) -> None:
    """A preferred day and time the clinic could take: within the booking horizon, on a day it
    opens, during its hours and not in the lunch break; else the refusal names why."""
    first, last = slots.horizon(booking_rules())
    if day < first:
        raise BookingRefused("request_past", "preferred_date")
    if day > last:
        raise BookingRefused("request_far", "preferred_date", days=(last - first).days)
    if clinic.week().get(day.weekday()) is None:
        raise BookingRefused(
            "request_weekday", "preferred_date", weekday=WEEKDAY_NAMES[day.weekday()]
        )
    closure = clinic.closure(day, str(get_locale()))
    if closure is not None:
        why = closure.reason or CLOSED_DAY
        raise BookingRefused("request_closed_day", "preferred_date", why=why)
    hours = clinic.hours_on(day)
    assert hours is not None  # open that weekday, and not a closure
    if hours.lunch_from and hours.lunch_to and hours.lunch_from <= moment < hours.lunch_to:
        raise BookingRefused(
            "request_lunch", "preferred_time", start=f"{hours.lunch_from:%H:%M}",
            end=f"{hours.lunch_to:%H:%M}",
        )  # fmt: skip
    if not hours.open_at(moment):
        raise BookingRefused(
            "request_hours", "preferred_time", opens=f"{hours.opens:%H:%M}",
            closes=f"{hours.closes:%H:%M}",
        )  # fmt: skip


def check_password(row: ReservationRequest, password: str) -> bool:
    return verify_password(row.password_hash, password or "")


def withdraw(row: ReservationRequest) -> None:
    """The visitor withdraws the request: it is destroyed at once, with a booking made from it."""
    affected(db.session, db.delete(ReservationRequest).where(ReservationRequest.id == row.id))
    db.session.expunge(row)


def _answer(row: ReservationRequest, status: str, answer: str, staff) -> None:
    if row.status != "new":
        raise BookingRefused("answered")
    row.status = status
    row.answer = answer or None
    row.answered_at = clock.now()
    row.answered_by = staff.name[:60]


def decline(row: ReservationRequest, answer: str, staff, ip: str = "") -> None:
    """Staff could not offer a time; the answer says so (and what the visitor can do)."""
    _answer(row, "declined", answer, staff)
    record_access(staff, "reply", "reservation_request", row.id, "declined", ip)
    db.session.flush()


def book(
    row: ReservationRequest,
    service: Service | None,
    start: datetime,
    doctor,
    answer: str,
    staff,
    ip: str = "",
) -> Reservation:
    """Staff book the visit they agreed on the phone, from the free times of the schedule (the
    treatment may differ from the one asked for); it takes its seat like any booking, and the
    visitor's page shows the time booked."""
    if row.status != "new":
        raise BookingRefused("answered")
    if service is None:
        raise BookingRefused("service", "service")
    reservation = services.book(
        None, service, doctor, start, row.note, staff=staff, request=row, ip=ip
    )
    _answer(row, "booked", answer, staff)
    record_access(staff, "reply", "reservation_request", row.id, "booked", ip)
    db.session.flush()
    return reservation


def expired(at: datetime) -> ColumnElement[bool]:
    """Requests the set number of days after the clinic's answer, or after they were sent if
    never answered: the consultation board's rule."""
    cutoff = at - timedelta(days=max(1, CONSULTATION.days(get_settings())))
    return db.or_(
        ReservationRequest.answered_at < cutoff,
        db.and_(ReservationRequest.answered_at.is_(None), ReservationRequest.created_at < cutoff),
    )
