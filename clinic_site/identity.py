"""Who is signed in. Staff and members are different tables; Flask-Login keeps one id string,
``<kind>:<id>:<session token>``, and each kind registers its model (with ``username``,
``password_hash``, ``session_token`` and ``last_login_at``), which is how users are loaded, how
they sign in and how the owner's record pages name them.

The session token changes when a password changes or the user signs out everywhere, which ends
every other session of that user.

Features that keep data tied to a member register as holders, so withdrawal destroys it and the
export includes it without the members' package importing them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app, has_request_context
from flask_login import current_user

from . import clock
from .extensions import db, login_manager
from .records.services import record_sign_in
from .security import hash_password, needs_rehash, verify_password

KINDS = "clinic_user_kinds"


def register_kind(app: Flask, kind: str, model) -> None:
    """Users of ``kind`` ("staff", "member") are rows of ``model``."""
    app.extensions.setdefault(KINDS, {})[kind] = model


def _model(kind: str):
    return current_app.extensions.get(KINDS, {}).get(kind)


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
    record_sign_in(kind, user.id, "success", ip)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = clock.now()
    return user


def account_names(kind: str, ids: Iterable[int]) -> dict[int, str]:
    """The usernames of accounts of ``kind`` among ``ids``; an account that is gone is absent."""
    model, ids = _model(kind), set(ids)
    if model is None or not ids:
        return {}
    rows = db.session.execute(db.select(model.id, model.username).where(model.id.in_(ids)))
    return {user_id: username for user_id, username in rows}


@login_manager.user_loader
def _load_user(user_id: str):
    kind, _, rest = user_id.partition(":")
    raw_id, _, token = rest.partition(":")
    model = _model(kind)
    if model is None or not raw_id.isdigit() or not token:
        return None
    user = db.session.get(model, int(raw_id))
    return user if user is not None and user.session_token == token else None


HOLDERS = "clinic_member_data_holders"


@dataclass(frozen=True)
class Mine:
    """One item a member sees listed under My information."""

    title: str
    url: str
    at: datetime
    status: object


@dataclass(frozen=True)
class Holder:
    """A feature that keeps data tied to a member: ``destroy(member_id)`` removes it at once and
    returns how many items went (for the withdrawal receipt and the destruction log);
    ``export(member_id)`` returns it as plain JSON-ready values; ``mine(member_id)`` lists it for
    the member's own page. ``kind`` names it in the export and the logs."""

    kind: str
    label: object  # what the receipt and My information call it: "Consultation inquiries"
    destroy: Callable[[int], int]
    export: Callable[[int], list[dict]]
    mine: Callable[[int], list[Mine]]


def register_holder(app: Flask, holder: Holder) -> None:
    app.extensions.setdefault(HOLDERS, []).append(holder)


def holders() -> list[Holder]:
    """Every feature that keeps data tied to a member, in the order they registered."""
    return list(current_app.extensions.get(HOLDERS, []))


def signed_in(kind: str):
    """The signed-in user if it is of ``kind`` ("staff", "member"), else None."""
    if not has_request_context():
        return None  # a command, or a mail sent in the background: nobody is signed in
    if current_user.is_authenticated and getattr(current_user, "kind", None) == kind:
        return current_user._get_current_object()
    return None
