"""Reading visitors' requests: those waiting for a call back, and one request for a member of
staff, which writes the access record itself."""

from __future__ import annotations

from ...extensions import db
from ...records.services import record_access
from .models import ReservationRequest


def open_requests(limit: int = 50) -> list[ReservationRequest]:
    """Requests waiting for a call back, oldest first."""
    return list(
        db.session.scalars(
            db.select(ReservationRequest)
            .where(ReservationRequest.status == "new")
            .order_by(ReservationRequest.id)
            .limit(limit)
        )
    )


def request_for_staff(request_id: int, staff, ip: str) -> ReservationRequest | None:
    """The request with the visitor's name and contact: every reading is in the access record."""
    row = db.session.get(ReservationRequest, request_id)
    if row is not None:
        record_access(staff, "view", "reservation_request", row.id, ip=ip)
    return row


def open_count() -> int:
    """How many requests wait for a call back."""
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(ReservationRequest)
            .where(ReservationRequest.status == "new")
        )
        or 0
    )
