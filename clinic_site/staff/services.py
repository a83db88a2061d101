"""Creating staff accounts and checking their sign-in."""

from __future__ import annotations

import re

from .. import clock
from ..extensions import db
from ..security import hash_password
from .models import ROLES, RecoveryCode, StaffUser, new_session_token

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD = 10


class StaffError(ValueError):
    """A staff account cannot be made as asked; the message says why."""


def create_staff(username: str, name: str, role: str, password: str) -> StaffUser:
    """A new staff account with a hashed password. Refuses a taken or malformed username, an unknown
    role, and a password shorter than 10 characters or equal to the username."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise StaffError(
            "username: 3-40 characters, lowercase letters, digits, dot, dash or underscore"
        )
    if role not in ROLES:
        raise StaffError(f"role must be one of: {', '.join(ROLES)}")
    if not name.strip():
        raise StaffError("name is required")
    if len(password) < MIN_PASSWORD or password.lower() == username:
        raise StaffError(
            f"password must have at least {MIN_PASSWORD} characters and not be the username"
        )
    if db.session.scalar(db.select(StaffUser.id).where(StaffUser.username == username)):
        raise StaffError(f"username {username!r} is taken")
    user = StaffUser(
        username=username,
        name=name.strip(),
        role=role,
        password_hash=hash_password(password),
        created_at=clock.now(),
    )
    db.session.add(user)
    db.session.flush()
    return user


def reset_second_factor(username: str) -> StaffUser:
    """Forget the user's second factor and end all their sessions; they enrol again at sign-in."""
    user = db.session.scalar(
        db.select(StaffUser).where(StaffUser.username == username.strip().lower())
    )
    if user is None:
        raise StaffError(f"no staff account {username!r}")
    user.totp_secret = None
    user.totp_last_step = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
    end_sessions(user)
    return user


def end_sessions(user: StaffUser) -> None:
    """End every session of ``user``, on every device: the token they carry no longer matches."""
    user.session_token = new_session_token()
