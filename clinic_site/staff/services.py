"""Creating staff accounts and checking their sign-in."""

from __future__ import annotations

import re

from .. import clock
from ..extensions import db
from ..records.services import record_sign_in
from ..security import hash_password, needs_rehash, verify_password
from .models import ROLES, StaffUser, new_session_token

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


def authenticate(username: str, password: str, ip: str = "") -> StaffUser | None:
    """The staff user whose username and password these are, else None. Takes as long for an unknown
    username as for a wrong password, so the answer does not reveal which accounts exist. Every
    attempt goes into the sign-in record."""
    user = db.session.scalar(
        db.select(StaffUser).where(StaffUser.username == username.strip().lower())
    )
    if not verify_password(user.password_hash if user else None, password) or user is None:
        record_sign_in("staff", user.id if user else None, "refused", ip)
        return None
    record_sign_in("staff", user.id, "success", ip)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = clock.now()
    return user


def load_staff(user_id: int, token: str) -> StaffUser | None:
    user = db.session.get(StaffUser, user_id)
    return user if user is not None and user.session_token == token else None


def reset_second_factor(username: str) -> StaffUser:
    """Forget the user's second factor and end all their sessions; they enrol again at sign-in."""
    user = db.session.scalar(
        db.select(StaffUser).where(StaffUser.username == username.strip().lower())
    )
    if user is None:
        raise StaffError(f"no staff account {username!r}")
    user.totp_secret = None
    user.totp_last_step = None
    user.session_token = new_session_token()
    return user
