"""Who may enter /admin. Every staff blueprint runs ``require_staff`` before each request, so no
admin route can be left open by forgetting a decorator.

A staff member has passed sign-in only when the password was right and, where a second factor is
enrolled or required (CLINIC_STAFF_2FA), the one-time code too.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, current_app, redirect, request, session, url_for
from flask_login import current_user

SECOND_FACTOR_DONE = "staff_2fa_done"
# Pages a signed-in staff member can reach before the second factor is done.
SECOND_FACTOR_PAGES = (
    "staff.login",
    "staff.logout",
    "staff.two_factor_code",
    "staff.two_factor_setup",
)


def _is_signed_in_staff() -> bool:
    return current_user.is_authenticated and getattr(current_user, "kind", None) == "staff"


def second_factor_missing() -> str | None:
    """What the signed-in staff member still owes: "code", "enrol", or None."""
    if session.get(SECOND_FACTOR_DONE):
        return None
    if current_user.has_second_factor:
        return "code"
    if current_app.config["CLINIC_STAFF_2FA"] == "required":
        return "enrol"
    return None


def is_staff() -> bool:
    return _is_signed_in_staff() and second_factor_missing() is None


def require_staff():
    if is_staff():
        return None
    if _is_signed_in_staff():
        if request.endpoint in SECOND_FACTOR_PAGES:
            return None
        target = (
            "staff.two_factor_code"
            if second_factor_missing() == "code"
            else "staff.two_factor_setup"
        )
        return redirect(url_for(target, next=request.full_path.rstrip("?")))
    if current_user.is_authenticated:
        abort(403)  # a signed-in member is not staff
    if request.endpoint == "staff.login":
        return None
    return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))


def owner_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not (is_staff() and current_user.is_owner):
            abort(403)
        return view(*args, **kwargs)

    return wrapped
