"""Limits on guessing the password of an item a visitor opens with one (an inquiry, a reservation
request): per item and address, in tiers (so one stranger cannot lock the author out, and each wait
is longer than the last), and per address over all items. Nothing counts one item over every
address: a stranger could fill that to lock the author out of their own inquiry.

The item's id comes from the route's ``id``.
"""

from __future__ import annotations

from flask import request

from ..extensions import limit_from_config, limiter
from ..platform import limit_keys as keys
from .sign_in import wrong_password


def item_password_limits(kind: str):
    """Decorate the password page of items of ``kind`` with both limits."""

    def item_and_address() -> str:
        return f"{kind}:{(request.view_args or {}).get('id')}:{keys.address()}"

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
