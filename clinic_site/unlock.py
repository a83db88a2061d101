"""Things a visitor opens with a password they chose (a consultation, a reservation request): which
ones this browser may open, kept in its session for 30 minutes each, and the limits on wrong
passwords that stop guessing without locking the author out.

A feature names its kind ("consultation", "request"); the item's id comes from the route's ``id``.
"""

from __future__ import annotations

from flask import request, session

from . import clock
from .extensions import limit_from_config, limiter
from .guesses import wrong_password

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


def limits(kind: str):
    """The limits on wrong passwords for a password page: per item and address, in tiers (so one
    stranger cannot lock the author out, and each wait is longer than the last), and per address
    over all items. Nothing counts one item over every address: a stranger could fill that to
    lock the author out of their own inquiry."""

    def item_and_address() -> str:
        return f"{kind}:{(request.view_args or {}).get('id')}:{request.remote_addr}"

    def decorate(view):
        view = limiter.limit(
            limit_from_config("BOARD_UNLOCK_IP_LIMIT"), methods=["POST"],
            deduct_when=wrong_password,
        )(view)  # fmt: skip
        return limiter.limit(
            limit_from_config("BOARD_UNLOCK_POST_LIMIT"), methods=["POST"],
            key_func=item_and_address, deduct_when=wrong_password,
        )(view)  # fmt: skip

    return decorate
