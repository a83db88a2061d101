"""Who may enter /admin. Every staff blueprint runs ``require_staff`` before each request, so no
admin route can be left open by forgetting a decorator."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user


def is_staff() -> bool:
    return current_user.is_authenticated and getattr(current_user, "kind", None) == "staff"


def require_staff():
    if is_staff():
        return None
    if current_user.is_authenticated:
        abort(403)  # a signed-in member is not staff
    return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))


def owner_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not (is_staff() and current_user.is_owner):
            abort(403)
        return view(*args, **kwargs)

    return wrapped
