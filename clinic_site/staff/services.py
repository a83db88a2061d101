"""Creating staff accounts and checking their sign-in."""

from __future__ import annotations

import re

from ..extensions import db
from ..platform import clock
from ..platform.passwords import hash_password
from .models import ROLES, RecoveryCode, StaffUser, new_session_token
from .refusals import StaffRefused

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
MIN_PASSWORD = 10


def create_staff(username: str, name: str, role: str, password: str) -> StaffUser:
    """A new staff account with a hashed password. Refuses a taken or malformed username, an unknown
    role, and a password shorter than 10 characters or equal to the username."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise StaffRefused("username_shape", "username")
    if role not in ROLES:
        raise StaffRefused("role", "role", roles=", ".join(ROLES))
    if not name.strip():
        raise StaffRefused("name", "name")
    if len(password) < MIN_PASSWORD or password.lower() == username:
        raise StaffRefused("password", "password", least=MIN_PASSWORD)
    if db.session.scalar(db.select(StaffUser.id).where(StaffUser.username == username)):
        raise StaffRefused("taken", "username", username=username)
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
        raise StaffRefused("unknown", "username", username=username)
    user.totp_secret = None
    user.totp_last_step = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.staff_id == user.id))
    end_sessions(user)
    return user


def end_sessions(user: StaffUser) -> None:
    """End every session of ``user``, on every device: the token they carry no longer matches."""
    user.session_token = new_session_token()
