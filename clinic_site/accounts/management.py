"""What staff do with members' accounts: find them, confirm a child's legal representative, put an
account on hold and release it. Every change is written to the access record by the caller's
route, with the staff member who did it."""

from __future__ import annotations

from dataclasses import dataclass

from .. import clock
from ..extensions import db
from ..phones import normalise_mobile
from .models import HOLD_REASONS, Member

PER_PAGE = 30
STATUSES = ("waiting", "hold")


class ManagementError(ValueError):
    """A staff action that does not apply to this account as it stands."""


@dataclass(frozen=True)
class MemberPage:
    items: list[Member]
    page: int
    has_next: bool


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find(query: str, status: str | None, page: int) -> MemberPage:
    """Members newest first, optionally only those waiting for a representative's confirmation
    (``waiting``) or on hold (``hold``), and matching ``query``: part of a name or ID, or a whole
    mobile number (the member's or the representative's)."""
    select = db.select(Member)
    if status == "waiting":
        select = select.where(Member.is_child, Member.guardian_confirmed_at.is_(None))
    elif status == "hold":
        select = select.where(Member.held_at.is_not(None))
    query = (query or "").strip()[:50]
    if query:
        mobile = normalise_mobile(query)
        pattern = (
            "%" + query.lower().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
        )
        matches = [
            db.func.lower(Member.name).like(pattern, escape="\\"),
            Member.username.like(pattern, escape="\\"),
        ]
        if mobile:
            matches += [Member.mobile == mobile, Member.guardian_mobile == mobile]
        select = select.where(db.or_(*matches))
    rows = list(
        db.session.scalars(
            select.order_by(Member.id.desc()).limit(PER_PAGE + 1).offset((page - 1) * PER_PAGE)
        )
    )
    return MemberPage(rows[:PER_PAGE], page, len(rows) > PER_PAGE)


def confirm_guardian(member: Member, staff) -> Member:
    """Note that ``staff`` confirmed the legal representative's consent (who and when); the child
    may book from now on unless the account is on hold."""
    if not member.is_child:
        raise ManagementError("only a child's account has a legal representative")
    if member.guardian_confirmed_at is not None:
        raise ManagementError("the representative was confirmed already")
    member.guardian_confirmed_at = clock.now()
    member.guardian_confirmed_by = staff.id
    db.session.flush()
    return member


def hold(member: Member, reason: str) -> Member:
    """Put the account on hold: it can sign in but not book, until released."""
    if reason not in HOLD_REASONS:
        raise ManagementError(f"unknown reason {reason!r}")
    member.held_at = clock.now()
    member.hold_reason = reason
    db.session.flush()
    return member


def release(member: Member) -> Member:
    """End a hold."""
    member.held_at = None
    member.hold_reason = None
    db.session.flush()
    return member
