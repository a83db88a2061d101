"""Limits on guessing a password at a sign-in form, staff's and members' alike.

Two limits, both kept in the limiter's storage (Redis when several workers run):

- every attempt from one address (``address_limit``), checked before the form is read, so a flood
  is refused before any password is hashed;
- wrong passwords for one account from one address (``account_limit``), in tiers that make each
  wait longer than the last (a minute, then an hour, then a day). A stranger guessing elsewhere
  never locks the rightful user out: their own address keeps its own count.

No limit counts one account over every address: that would let anyone lock a staff member or a
patient out by typing wrong passwords on purpose. Guessing from very many addresses at once is
slowed by the address limit and stopped by passwords of at least 10 characters (and, for staff,
the second factor).

Counters are keyed by keyed hashes of the account and the address (``platform/limit_keys.py``),
never either in clear; ``forget`` clears every counter that holds a tag, for a member who
withdraws.
"""

from __future__ import annotations

from collections.abc import Callable

from ..extensions import limit_from_config, limiter
from ..platform import limit_keys as keys


def wrong_password(response) -> bool:
    # Every sign-in form answers a refused password with 422; opening the form costs nothing.
    return response.status_code == 422


def sign_in_limits(address_limit: str, account_limit: str, account: Callable[[], str]):
    """Decorate a sign-in view with both limits; the limits are configuration keys, ``account``
    says which account the form names (already normalised)."""

    def account_and_address() -> str:
        return keys.account_and_address(account())

    def decorate(view):
        view = limiter.limit(limit_from_config(address_limit), methods=["POST"])(view)
        return limiter.limit(
            limit_from_config(account_limit),
            methods=["POST"],
            key_func=account_and_address,
            deduct_when=wrong_password,
        )(view)

    return decorate


def forget(tag: str) -> int:
    """Clear every counter whose key holds ``tag`` (``keys.account_tag(...)``, say), in the
    limiter's storage and in the in-memory one it falls back to while Redis is away. Returns how
    many counters went."""
    cleared = 0
    for storage in (limiter.storage, getattr(limiter, "_fallback_storage", None)):
        if storage is None:
            continue
        if hasattr(storage, "get_connection"):  # Redis: its keys, found without blocking it
            try:
                connection = storage.get_connection()
                found = list(connection.scan_iter(match=f"*{tag}*", count=1000))
                cleared += connection.delete(*found) if found else 0
            except storage.base_exceptions:
                # Redis is away: its counters name no one and end by themselves within a day.
                limiter.logger.warning("could not clear limit counters: storage unreachable")
        else:  # memory://: a dictionary per kind of window
            names = {
                name
                for table in ("storage", "expirations", "events")
                for name in list(getattr(storage, table, {}))
                if tag in name
            }
            for name in names:
                storage.clear(name)
            cleared += len(names)
    return cleared
