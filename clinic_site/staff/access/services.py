"""Staff access over its life: the owner grants it (a new account and a single-use link to set
its password), changes a role, disables and enables an account, clears a second factor; staff
change their own password. Every grant, change and removal goes into the access-rights record.

``actor`` is the staff member acting, or None for the command line."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from ...extensions import db
from ...platform import clock
from ...platform.database import affected
from ...platform.passwords import hash_password, verify_password
from ..models import ROLES, StaffUser
from ..services import MIN_PASSWORD, USERNAME, end_sessions
from ..services import reset_second_factor as _reset_second_factor
from .models import AccessRightsRecord, StaffInvite
from .refusals import AccessRefused

LINK_HOURS = 72


def record_change(actor, staff: StaffUser, change: str, detail: str = "") -> AccessRightsRecord:
    """Note in the access-rights record that ``actor`` made ``change`` to ``staff``'s access."""
    entry = AccessRightsRecord(
        at=clock.now(),
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "username", "") or "",
        staff_id=staff.id,
        staff_username=staff.username,
        change=change,
        detail=detail[:200],
    )
    db.session.add(entry)
    return entry


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_link(actor, staff: StaffUser, hours: int = LINK_HOURS) -> str:
    """A fresh single-use link token for ``staff`` to set a password with, valid ``hours``; any
    earlier link of theirs stops working. Only its digest is kept: the caller shows it once."""
    if staff.has_password:
        raise AccessRefused("no_link")
    db.session.execute(db.delete(StaffInvite).where(StaffInvite.staff_id == staff.id))
    token = secrets.token_urlsafe(32)
    now = clock.now()
    db.session.add(
        StaffInvite(
            staff_id=staff.id,
            digest=_digest(token),
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    record_change(actor, staff, "link")
    db.session.flush()
    return token


def invite(actor, username: str, name: str, role: str, hours: int = LINK_HOURS):
    """A new staff account with no password yet, and the token of its single-use link. Refuses a
    malformed or taken username, an empty name and an unknown role."""
    username = (username or "").strip().lower()
    if not USERNAME.match(username):
        raise AccessRefused("username_shape", "username")
    if not (name or "").strip():
        raise AccessRefused("name", "name")
    if role not in ROLES:
        raise AccessRefused("role", "role")
    if db.session.scalar(db.select(StaffUser.id).where(StaffUser.username == username)):
        raise AccessRefused("taken", "username")
    staff = StaffUser(
        username=username, name=name.strip()[:60], role=role, password_hash="",
        created_at=clock.now(),
    )  # fmt: skip
    db.session.add(staff)
    db.session.flush()
    record_change(actor, staff, "granted", f"role:{role}")
    return staff, new_link(actor, staff, hours)


def invited(token: str) -> StaffUser | None:
    """The account whose unused, unexpired link ``token`` is, else None."""
    if not token or len(token) > 100:
        return None
    link = db.session.scalar(db.select(StaffInvite).where(StaffInvite.digest == _digest(token)))
    if link is None or link.used_at is not None or link.expires_at <= clock.now():
        return None
    staff = db.session.get(StaffUser, link.staff_id)
    if staff is None or staff.has_password or not staff.is_active:
        return None
    return staff


def _check_password(staff: StaffUser, password: str, confirm: str) -> None:
    if len(password) < MIN_PASSWORD or password.lower() == staff.username:
        raise AccessRefused("password", "password", least=MIN_PASSWORD)
    if password != confirm:
        raise AccessRefused("password_mismatch", "password_confirm")


def accept_link(token: str, password: str, confirm: str) -> StaffUser:
    """Set the password of the account whose link ``token`` is, and spend the link. A link is
    used once: two requests at once, only one spends it."""
    staff = invited(token)
    if staff is None:
        raise AccessRefused("link")
    _check_password(staff, password, confirm)
    spend = (
        db.update(StaffInvite)
        .where(StaffInvite.digest == _digest(token), StaffInvite.used_at.is_(None))
        .values(used_at=clock.now())
    )
    if affected(db.session, spend) != 1:
        raise AccessRefused("link")
    staff.password_hash = hash_password(password)
    end_sessions(staff)
    record_change(staff, staff, "password_set")
    return staff


def _active_owners() -> int:
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(StaffUser)
            .where(StaffUser.role == "owner", StaffUser.disabled_at.is_(None))
        )
        or 0
    )


def _not_self_or_last_owner(actor, staff: StaffUser, losing_owner: bool) -> None:
    if actor is not None and actor.id == staff.id:
        raise AccessRefused("self")
    if losing_owner and staff.is_owner and staff.is_active and _active_owners() <= 1:
        raise AccessRefused("last_owner")


def disable(actor, staff: StaffUser) -> None:
    """Disable ``staff``: it cannot sign in, and every session of it ends now. Refuses the actor's
    own account and the last owner who can sign in."""
    if not staff.is_active:
        return
    _not_self_or_last_owner(actor, staff, losing_owner=True)
    staff.disabled_at = clock.now()
    end_sessions(staff)
    record_change(actor, staff, "disabled")


def enable(actor, staff: StaffUser) -> None:
    """Let a disabled account sign in again (with its password and second factor as before)."""
    if staff.is_active:
        return
    staff.disabled_at = None
    end_sessions(staff)
    record_change(actor, staff, "enabled")


def change_role(actor, staff: StaffUser, role: str) -> None:
    """Make ``staff`` an owner or staff member; its sessions end so the new role applies at
    once. Refuses the actor's own role and taking the last owner's role away."""
    if role not in ROLES:
        raise AccessRefused("role", "role")
    if role == staff.role:
        return
    _not_self_or_last_owner(actor, staff, losing_owner=role != "owner")
    record_change(actor, staff, "role", f"{staff.role}:{role}")
    staff.role = role
    end_sessions(staff)


def reset_second_factor(actor, staff: StaffUser) -> None:
    """Clear ``staff``'s second factor (a lost phone) and end its sessions; it enrols again at
    the next sign-in."""
    _reset_second_factor(staff.username)
    record_change(actor, staff, "second_factor_reset")


def change_password(staff: StaffUser, current: str, new: str, confirm: str) -> None:
    """Change ``staff``'s own password, the current one given first. Every other session of the
    account ends (the caller signs this one in again)."""
    if not verify_password(staff.password_hash, current or ""):
        raise AccessRefused("current_password", "current_password")
    _check_password(staff, new or "", confirm or "")
    staff.password_hash = hash_password(new)
    end_sessions(staff)
    record_change(staff, staff, "password_changed")
