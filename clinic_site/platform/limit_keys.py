"""What the limits count by. A counter's key names no one: not a login ID, not a member's number,
not an address in clear, but a keyed hash of each (HMAC-SHA256 with the app's SECRET_KEY, cut to
20 hex characters). Whoever reads the limiter's storage (Redis) learns nothing about who tried;
the site, which knows the key, can still find a member's counters to clear them on withdrawal.

It needs nothing but Flask, so ``extensions`` can use it for the default key; ``limits`` builds
its keys with it.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request


def hashed(name: str) -> str:
    """A keyed hash of ``name`` for a counter's key: the same for the same name while the
    SECRET_KEY stays, and nothing anyone can turn back into the name without it."""
    secret = current_app.config["SECRET_KEY"]
    secret = secret if isinstance(secret, bytes) else str(secret).encode()
    return hmac.new(secret, name.encode(), hashlib.sha256).hexdigest()[:20]


def address() -> str:
    """The visitor's address, hashed: the default key of every limit counted per address."""
    return "addr:" + hashed("address:" + (request.remote_addr or ""))


def account_and_address(account: str) -> str:
    """The key of the counter of ``account`` (as a sign-in form names it) from this address."""
    return f"{account_tag(account)}:{address()}"


def account_tag(account: str) -> str:
    """What every counter of ``account`` holds in its key, whatever the address."""
    return "acct:" + hashed(account)
