"""Who is signed in. Staff and members are different tables; Flask-Login keeps one id string,
``<kind>:<id>:<session token>``, and each kind registers how to load its users.

The session token changes when a password changes or the user signs out everywhere, which ends
every other session of that user.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from .extensions import login_manager

Loader = Callable[[int, str], object | None]


def register_kind(app: Flask, kind: str, loader: Loader) -> None:
    app.extensions.setdefault("clinic_user_kinds", {})[kind] = loader


@login_manager.user_loader
def _load_user(user_id: str):
    kind, _, rest = user_id.partition(":")
    raw_id, _, token = rest.partition(":")
    loader = current_app.extensions.get("clinic_user_kinds", {}).get(kind)
    if loader is None or not raw_id.isdigit() or not token:
        return None
    return loader(int(raw_id), token)
