"""Filing, extending and answering a rights request, and what the purge and a withdrawal destroy.
The due date counts from the day the request arrives, on the clinic's calendar."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import ColumnElement

from ..extensions import db
from ..platform import clock
from ..platform.database import affected
from ..policy.services import consent_version
from ..privacy.inventory import RIGHTS_ANSWER, RIGHTS_KEPT
from ..records.services import record_access
from .models import RightsRequest
from .refusals import RightsRefused

# What a person may ask for, in the order the policy lists the rights.
KINDS = {
    "access": _l("See my personal information"),
    "correction": _l("Correct my personal information"),
    "deletion": _l("Delete my personal information"),
    "suspension": _l("Stop processing my personal information"),
    "withdraw_consent": _l("Withdraw a consent I gave"),
}
# How staff checked who a visitor is before answering.
CHECKS = {
    "phone": _l("By phone, calling the number given"),
    "in_person": _l("In person, at the clinic"),
    "signed_in": _l("Signed in with their password"),
}


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="rights-request")


def token_for(row: RightsRequest) -> str:
    """The address of a visitor's request page: the number, signed with the site's key, so only
    the one given it (on the page after filing, and in the text message) can open it."""
    return str(_signer().dumps(row.id))


def file(
    kind: str,
    details: str,
    *,
    member=None,
    name: str | None = None,
    mobile: str | None = None,
) -> RightsRequest:
    """File a request: a member's (``member``) or a visitor's (``name`` and ``mobile``)."""
    if kind not in KINDS:
        raise RightsRefused("kind", "kind")
    now = clock.now()
    row = RightsRequest(
        kind=kind,
        member_id=member.id if member is not None else None,
        name=None if member is not None else name,
        mobile=None if member is not None else mobile,
        details=details or "",
        identity_check="signed_in" if member is not None else "",
        consent_policy_version=consent_version(),
        filed_at=now,
        due_on=clock.to_local(now).date() + timedelta(days=RIGHTS_ANSWER.count),
    )
    db.session.add(row)
    db.session.flush()
    if member is not None:
        record_access(member, "file", "rights_request", row.id, kind)
    return row


def by_token(token: str) -> RightsRequest | None:
    """The visitor's request whose page ``token`` opens, or None."""
    try:
        number = _signer().loads(token[:200])
    except BadSignature:
        return None
    if not isinstance(number, int):
        return None
    row = db.session.get(RightsRequest, number)
    return row if row is not None and row.member_id is None else None


def extend(row: RightsRequest, reason: str, staff, ip: str = "") -> None:
    """Move the due date once, 10 days on, with the reason the requester reads."""
    if not row.open:
        raise RightsRefused("answered")
    if row.extended_reason:
        raise RightsRefused("extended", "reason")
    row.extended_reason = reason
    row.due_on = row.due_on + timedelta(days=RIGHTS_ANSWER.count)
    record_access(staff, "extend", "rights_request", row.id, row.kind, ip)
    db.session.flush()


def answer(row: RightsRequest, body: str, staff, identity: str | None, ip: str = "") -> None:
    """Staff answer; for a visitor, how they checked who asked is recorded with it."""
    if not row.open:
        raise RightsRefused("answered")
    if row.member_id is None:
        row.identity_check = identity if identity in ("phone", "in_person") else "phone"
    row.answer = body
    row.answered_at = clock.now()
    row.answered_by = staff.name[:60]
    record_access(staff, "reply", "rights_request", row.id, row.kind, ip)
    db.session.flush()


def destroy_for_member(member_id: int) -> int:
    """A withdrawing member's requests go with the account."""
    return affected(
        db.session, db.delete(RightsRequest).where(RightsRequest.member_id == member_id)
    )


def expired(at: datetime) -> ColumnElement[bool]:
    """Requests 3 years after their answer, or after they were filed if never answered."""
    assert RIGHTS_KEPT.period is not None
    cutoff = RIGHTS_KEPT.period.before(at)
    return db.or_(
        RightsRequest.answered_at < cutoff,
        db.and_(RightsRequest.answered_at.is_(None), RightsRequest.filed_at < cutoff),
    )
