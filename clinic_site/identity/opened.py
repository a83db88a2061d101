"""Things a visitor opens with a password they chose (a consultation, a reservation request): which
ones this browser may open, kept in its session for 30 minutes each. The limits on guessing those
passwords are ``limits/item_passwords.py``.

A feature names its kind ("consultation", "request") and the item's id.
"""

from __future__ import annotations

from flask import session

from ..platform import clock

ALLOW_SECONDS = 30 * 60
ALLOW_KEEP = 20  # allowances one browser holds at most, over all kinds


def _key(kind: str) -> str:
    return f"allowed_{kind}"


def allow(kind: str, item_id: int) -> None:
    """This browser may open the item for the next 30 minutes."""
    now = clock.now().timestamp()
    allowed = {k: v for k, v in session.get(_key(kind), {}).items() if v > now}
    allowed[str(item_id)] = now + ALLOW_SECONDS
    session[_key(kind)] = dict(sorted(allowed.items(), key=lambda kv: kv[1])[-ALLOW_KEEP:])


def forget(kind: str, item_id: int) -> None:
    allowed = dict(session.get(_key(kind), {}))
    if allowed.pop(str(item_id), None) is not None:
        session[_key(kind)] = allowed


def allowed(kind: str, item_id: int) -> bool:
    expiry = session.get(_key(kind), {}).get(str(item_id))
    return expiry is not None and expiry > clock.now().timestamp()
