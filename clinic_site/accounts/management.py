"""What staff do with members' accounts: confirm a child's legal representative, put an account on
hold and release it. Every change is written to the access record here, with the staff member who
did it. Finding and reading members is ``queries.py``."""

from __future__ import annotations

from ..extensions import db
from ..platform import clock
from ..records.services import record_access
from .models import HOLD_REASONS_ADULT, HOLD_REASONS_CHILD, Member
from .refusals import AccountRefused


def waiting_children() -> int:
    """How many children's accounts wait for their legal representative's confirmation."""
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(Member)
            .where(Member.is_child, Member.guardian_confirmed_at.is_(None))
        )
        or 0
    )


def confirm_guardian(member: Member, staff, ip: str = "") -> Member:
    """Note that ``staff`` confirmed the legal representative's consent (who and when); the child
    may book from now on unless the account is on hold."""
    if not member.is_child:
        raise AccountRefused("not_a_child")
    if member.guardian_confirmed_at is not None:
        raise AccountRefused("already_confirmed")
    member.guardian_confirmed_at = clock.now()
    member.guardian_confirmed_by = staff.id
    member.guardian_confirmed_how = "phone"
    record_access(staff, "update", "member", member.id, "representative_confirmed", ip)
    db.session.flush()
    return member


def hold(member: Member, reason: str, staff, ip: str = "") -> Member:
    """Put the account on hold: it can sign in but not book, until released."""
    if reason not in (HOLD_REASONS_CHILD if member.is_child else HOLD_REASONS_ADULT):
        raise AccountRefused("unknown_reason", "reason")
    member.held_at = clock.now()
    member.hold_reason = reason
    record_access(staff, "update", "member", member.id, f"hold:{reason}", ip)
    db.session.flush()
    return member


def correct(
    member: Member, changes: dict[str, str | None], reason: str, staff, ip: str = ""
) -> int:
    """Correct a member's details on request (``changes``: name, and phone and mobile for an
    adult or the representative's name and mobile for a child; an empty value keeps what is
    there). The access record names the reason, never the values. A hold put on
    while the correction was pending ends with it. Returns how many fields changed."""
    allowed = ("name", "guardian_name", "guardian_mobile") if member.is_child else (
        "name", "phone", "mobile")  # fmt: skip
    changed = [key for key in allowed if changes.get(key) and changes[key] != getattr(member, key)]
    for key in changed:
        setattr(member, key, changes[key])
    if changed:
        record_access(staff, "update", "member", member.id, f"corrected:{reason}", ip)
    if member.hold_reason == "correction_requested":
        release(member, staff, ip)
    db.session.flush()
    return len(changed)


def release(member: Member, staff, ip: str = "") -> Member:
    """End a hold."""
    member.held_at = None
    member.hold_reason = None
    record_access(staff, "update", "member", member.id, "released", ip)
    db.session.flush()
    return member
