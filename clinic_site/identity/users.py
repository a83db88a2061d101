"""Who is signed in. Staff and members are different tables; Flask-Login keeps one id string,
``<kind>:<id>:<session token>``, and each kind names its model through the ``user_kinds`` hook
(with ``username``, ``password_hash``, ``session_token`` and ``last_login_at``), which is how
users are loaded and how they sign in. Every attempt goes into the sign-in record.

The session token changes when a password changes or the user signs out everywhere, which ends
every other session of that user.
"""

from __future__ import annotations

from flask import has_request_context
from flask_login import current_user

from ..cache import revision
from ..extensions import db, login_manager
from ..platform import clock, hooks
from ..platform.passwords import hash_password, needs_rehash, verify_password
from ..records.services import record_sign_in


def _model(kind: str):
    return next((each.model for each in hooks.user_kinds if each.kind == kind), None)


def normal_username(raw: str | None) -> str:
    """Usernames are kept in lower case: "Kim_01" and "kim_01" are one account."""
    return (raw or "").strip().lower()


def authenticate(kind: str, username: str, password: str, ip: str = ""):
    """The user of ``kind`` whose username and password these are, else None. An unknown name
    takes as long as a wrong password, so the answer does not reveal which accounts exist. Every
    attempt goes into the sign-in record; an old hash is renewed at the current cost."""
    model = _model(kind)
    user = db.session.scalar(db.select(model).where(model.username == normal_username(username)))
    if not verify_password(user.password_hash if user else None, password) or user is None:
        record_sign_in(kind, user.id if user else None, "refused", ip)
        return None
    if not user.is_active:
        # A disabled account: refused as a wrong password is, so the page tells nothing more.
        record_sign_in(kind, user.id, "disabled", ip)
        return None
    record_sign_in(kind, user.id, "success", ip)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = clock.now()
    return user


@login_manager.user_loader
def _load_user(user_id: str):
    kind, _, rest = user_id.partition(":")
    raw_id, _, token = rest.partition(":")
    model = _model(kind)
    if model is None or not raw_id.isdigit() or not token:
        return None
    # The site's revision comes along: every signed-in page reads it, in one statement fewer.
    row = db.session.execute(revision.along(db.select(model).where(model.id == int(raw_id))))
    found = row.first()
    if found is None:
        return None
    user, number = found
    revision.note(number)
    # A disabled account's sessions end at once, as a changed token ends them.
    return user if user.session_token == token and user.is_active else None


def signed_in(kind: str):
    """The signed-in user if it is of ``kind`` ("staff", "member"), else None."""
    if not has_request_context():
        return None  # a command, or a mail sent in the background: nobody is signed in
    if current_user.is_authenticated and getattr(current_user, "kind", None) == kind:
        return current_user._get_current_object()
    return None
