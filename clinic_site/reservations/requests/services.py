"""Reservation requests from visitors without an account: a preferred day and time, no slot held.
Staff call back and book it or decline it, with an answer the visitor reads with the request's
password; the visitor may withdraw it. Kept and destroyed like a consultation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement

from ...extensions import db
from ...platform import clock
from ...platform.database import affected
from ...platform.passwords import hash_password, verify_password
from ...policy.services import consent_version
from ...privacy.inventory import CONSULTATION
from ...records.services import record_access
from ...settings.queries import get_settings
from .. import services
from ..models import Reservation
from ..refusals import BookingRefused
from ..setup.models import Service
from .models import ReservationRequest


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
) -> ReservationRequest:
    """Store a visitor's request, the password hashed, naming the policy version consented to."""
    row = ReservationRequest(
        name=name,
        password_hash=hash_password(password),
        mobile=mobile,
        email=email or None,
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
    row.answer = answer
    row.answered_at = clock.now()
    row.answered_by = staff.name[:60]


def decline(row: ReservationRequest, answer: str, staff, ip: str = "") -> None:
    """Staff could not offer a time; the answer says so (and what the visitor can do)."""
    _answer(row, "declined", answer, staff)
    record_access(staff, "reply", "reservation_request", row.id, "declined", ip)
    db.session.flush()


def book(
    row: ReservationRequest, start: datetime, doctor, answer: str, staff, ip: str = ""
) -> Reservation:
    """Staff booked the visit they agreed on the phone; it takes its slot like any booking."""
    if row.status != "new":
        raise BookingRefused("answered")
    service = db.session.get(Service, row.service_id) if row.service_id else None
    if service is None:
        raise BookingRefused("service")
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
