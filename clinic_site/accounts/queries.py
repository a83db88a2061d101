"""Reading members for staff: listing and finding them, and opening one. Each writes the access
record itself: the list and a search show names, and every showing of a member's record its
details."""

from __future__ import annotations

from dataclasses import dataclass

from ..extensions import db
from ..forms.phones import normalise_mobile
from ..records.services import record_access
from .models import Member

PER_PAGE = 30
STATUSES = ("waiting", "hold")
LAST_DIGITS = 4  # the fewest digits a search by the end of a mobile number takes


@dataclass(frozen=True)
class MemberPage:
    items: list[Member]
    page: int
    has_next: bool


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find(query: str, status: str | None, page: int, staff, ip: str) -> MemberPage:
    """Members newest first, optionally only those waiting for a representative's confirmation
    (``waiting``) or on hold (``hold``), and matching ``query``: part of a name or ID, or a
    mobile number (the member's or the representative's), whole or its last four digits or
    more."""
    select = db.select(Member)
    if status == "waiting":
        select = select.where(Member.is_child, Member.guardian_confirmed_at.is_(None))
    elif status == "hold":
        select = select.where(Member.held_at.is_not(None))
    query = (query or "").strip()[:50]
    # The list shows members' names: a reading of personal data, noted like any other; a search
    # is noted without what was searched (the words may be a name or a number).
    if not query:
        record_access(staff, "view", "member", None, "list", ip)
    else:
        record_access(staff, "search", "member", None, ip=ip)
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
        digits = query.replace("-", "").replace(" ", "")
        if digits.isdigit() and len(digits) >= LAST_DIGITS:
            # "6789" or "2345-6789": the end of a number, as a caller reads it out.
            ending = "%" + digits
            matches += [
                db.func.replace(Member.mobile, "-", "").like(ending),
                db.func.replace(Member.guardian_mobile, "-", "").like(ending),
            ]
        select = select.where(db.or_(*matches))
    rows = list(
        db.session.scalars(
            select.order_by(Member.id.desc()).limit(PER_PAGE + 1).offset((page - 1) * PER_PAGE)
        )
    )
    return MemberPage(rows[:PER_PAGE], page, len(rows) > PER_PAGE)


def member_for_staff(member_id: int, staff, ip: str) -> Member | None:
    """The member's record for a member of staff: every reading is in the access record."""
    member = db.session.get(Member, member_id)
    if member is not None:
        record_access(staff, "view", "member", member.id, ip=ip)
    return member
