"""Passwords: argon2id hashes (argon2-cffi), never the password itself. The cost comes from the
configuration (production keeps argon2-cffi's defaults; tests lower them)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from .hooks import app_state


def _hasher() -> PasswordHasher:
    config = current_app.config
    key = (
        config["PASSWORD_HASH_TIME_COST"],
        config["PASSWORD_HASH_MEMORY_COST"],
        config["PASSWORD_HASH_PARALLELISM"],
    )
    cache: dict = app_state("password_hashers", dict)
    if key not in cache:
        cache[key] = PasswordHasher(time_cost=key[0], memory_cost=key[1], parallelism=key[2])
    return cache[key]


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``; the password itself is never stored."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches. With no hash, still spends the time, so a missing account and a
    wrong password take as long as each other."""
    hasher = _hasher()
    if not password_hash:
        hasher.hash(password)
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
