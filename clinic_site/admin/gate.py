"""Who may enter /admin. Every admin blueprint runs ``require_staff`` before each request, so no
admin route can be left open by forgetting a decorator; ``owner_required`` narrows a view to the
owner.

A staff member has passed sign-in only when every step the staff feature asks for is done (the
password and, where enrolled or required, the one-time code).
"""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

from ..platform import hooks
from ..platform.hooks import SignIn


def _sign_in() -> SignIn | None:
    return hooks.staff_sign_in.one()


def signed_in_staff() -> bool:
    """A staff account is signed in, whether or not every sign-in step is done."""
    return current_user.is_authenticated and getattr(current_user, "kind", None) == "staff"


def is_staff() -> bool:
    """A staff account is signed in and has done every sign-in step."""
    sign_in = _sign_in()
    return signed_in_staff() and sign_in is not None and sign_in.pending() is None


def _here() -> str:
    return request.full_path.rstrip("?")


def require_staff():
    sign_in = _sign_in()
    if sign_in is None:
        abort(404)  # no staff feature: there is no admin area
    if signed_in_staff():
        step = sign_in.pending()
        if step is None or request.endpoint in sign_in.steps:
            return None
        return redirect(url_for(step, next=_here()))
    if current_user.is_authenticated:
        abort(403)  # a signed-in member is not staff
    if request.endpoint == sign_in.login:
        return None
    return redirect(url_for(sign_in.login, next=_here()))


def owner_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not (is_staff() and current_user.is_owner):
            abort(403)
        return view(*args, **kwargs)

    return wrapped
