"""Reading rights requests: the staff's list and one request (each reading recorded), a member's
own, and what the dashboard counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..platform import clock
from ..platform.hooks import Evidence, Mine
from ..records.services import record_access
from .models import RightsRequest
from .services import KINDS

SOON = timedelta(days=3)


def for_staff(limit: int = 200) -> list[RightsRequest]:
    """Open requests by due date first, then the answered, newest first. The list shows kinds and
    dates only; the name and details are read on the request's own page."""
    return list(
        db.session.scalars(
            db.select(RightsRequest)
            .order_by(
                RightsRequest.answered_at.is_not(None),
                RightsRequest.due_on,
                RightsRequest.id.desc(),
            )
            .limit(limit)
        )
    )


def one_for_staff(request_id: int, staff, ip: str) -> RightsRequest | None:
    row = db.session.get(RightsRequest, request_id)
    if row is not None:
        record_access(staff, "view", "rights_request", row.id, ip=ip)
    return row


def of_member(member_id: int) -> list[RightsRequest]:
    return list(
        db.session.scalars(
            db.select(RightsRequest)
            .where(RightsRequest.member_id == member_id)
            .order_by(RightsRequest.id.desc())
        )
    )


@dataclass(frozen=True)
class Due:
    waiting: int
    overdue: int
    soon: int


def due() -> Due:
    """Open requests: how many, how many past their date, how many due within three days (one
    statement, counted by the database)."""
    today = clock.today()
    open_ = RightsRequest.answered_at.is_(None)

    def counted(*condition):
        return db.func.count().filter(open_, *condition)

    waiting, overdue, soon = db.session.execute(
        db.select(
            counted(),
            counted(RightsRequest.due_on < today),
            counted(RightsRequest.due_on >= today, RightsRequest.due_on <= today + SOON),
        ).select_from(RightsRequest)
    ).one()
    return Due(waiting=waiting or 0, overdue=overdue or 0, soon=soon or 0)


def export_for_member(member_id: int) -> list[dict]:
    return [
        {
            "number": row.id,
            "kind": row.kind,
            "details": row.details,
            "filed_at": clock.stamp(row.filed_at),
            "due_on": row.due_on.isoformat(),
            "extended_reason": row.extended_reason,
            "answer": row.answer,
            "answered_at": clock.stamp(row.answered_at),
        }
        for row in of_member(member_id)
    ]


def mine(member_id: int) -> list[Mine]:
    return [
        Mine(
            str(KINDS[row.kind]),
            url_for("rights_account.index", _anchor=f"request-{row.id}"),
            row.filed_at,
            _l("answered") if not row.open else _l("waiting for the answer"),
        )
        for row in of_member(member_id)
    ]


def evidence() -> list[Evidence]:
    """For the owner's privacy desk: the promise to answer within 10 days, and how it stands."""
    state = due()
    if state.overdue:
        level, reason = (
            "red",
            _("Answer the requests past their date now, or extend them once with a reason."),
        )
    elif state.soon:
        level, reason = "amber", _("Some requests are due within three days.")
    else:
        level, reason = "green", _("Every request is answered or within its date.")
    return [
        Evidence(
            group="rights",
            promise=_(
                "Requests to see, correct, delete or stop the use of personal data are "
                "answered within 10 days."
            ),
            mechanism=_(
                "The rights desk (/rights and each member's account) gives each request its "
                "date; staff answer at Rights requests."
            ),
            evidence=_(
                "%(waiting)d waiting, %(overdue)d past their date, %(soon)d due within three days.",
                waiting=state.waiting,
                overdue=state.overdue,
                soon=state.soon,
            ),
            level=level,
            reason=reason,
            endpoint="rights_admin.index",
        )
    ]
