"""Reading staff access back: the accounts, one account, and the access-rights record."""

from __future__ import annotations

from ...extensions import db
from ..models import StaffUser
from .models import AccessRightsRecord, StaffInvite


def accounts() -> list[StaffUser]:
    """Every staff account, owners first, then by username; disabled ones too."""
    return list(
        db.session.scalars(
            db.select(StaffUser).order_by(StaffUser.role != "owner", StaffUser.username)
        )
    )


def account(staff_id: int) -> StaffUser | None:
    if not 0 < staff_id < 2**31:
        return None
    return db.session.get(StaffUser, staff_id)


def pending_link(staff: StaffUser) -> StaffInvite | None:
    """The link ``staff`` has not used yet, if any (it may have expired)."""
    return db.session.scalar(
        db.select(StaffInvite).where(
            StaffInvite.staff_id == staff.id, StaffInvite.used_at.is_(None)
        )
    )


def rights_record(staff_id: int | None = None, limit: int = 100) -> list[AccessRightsRecord]:
    """The newest entries of the access-rights record, of one account when given."""
    query = db.select(AccessRightsRecord)
    if staff_id is not None:
        query = query.where(AccessRightsRecord.staff_id == staff_id)
    return list(
        db.session.scalars(
            query.order_by(AccessRightsRecord.at.desc(), AccessRightsRecord.id.desc()).limit(limit)
        )
    )
