"""The steps of a staff sign-in after the password: where a second factor is enrolled or required
(CLINIC_STAFF_2FA), the one-time code too. The admin shell asks ``pending_step`` before every
/admin page and sends the staff member to the step still owed.

A staff session ends when it has been idle ``STAFF_IDLE_MINUTES`` (30 unless configured), and
every copy of it ends when its owner signs out. That the code was given is noted against the
account's session token, which the server checks on every request: a note made under an earlier
token (before a sign-out or a reset) counts for nothing.
"""

from __future__ import annotations

from flask import current_app, flash, session
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from ..platform import clock

SECOND_FACTOR_DONE = "staff_2fa_done"
LAST_SEEN = "staff_seen"
LOGIN = "staff.login"
LOGOUT = "staff.logout"
CODE = "two_factor.code"
SETUP = "two_factor.setup"
# Pages a signed-in staff member can reach before the second factor is done.
STEPS = frozenset({LOGIN, LOGOUT, CODE, SETUP})


def second_factor_given() -> None:
    """Note that the signed-in staff member has given the code, under their current token."""
    session[SECOND_FACTOR_DONE] = current_user.session_token


def second_factor_missing() -> str | None:
    """What the signed-in staff member still owes: "code", "enrol", or None."""
    if session.get(SECOND_FACTOR_DONE) == current_user.session_token:
        return None
    if current_user.has_second_factor:
        return "code"
    if current_app.config["CLINIC_STAFF_2FA"] == "required":
        return "enrol"
    return None


def pending_step() -> str | None:
    """The endpoint of the step the signed-in staff member still owes, or None."""
    missing = second_factor_missing()
    if missing is None:
        return None
    return CODE if missing == "code" else SETUP


def end_idle_session() -> None:
    """Before every request: sign a staff member out whose session has been idle too long, else
    note that it is in use now."""
    if not (current_user.is_authenticated and getattr(current_user, "kind", None) == "staff"):
        return
    now = int(clock.now().timestamp())
    seen = session.get(LAST_SEEN)
    if isinstance(seen, int) and now - seen > current_app.config["STAFF_IDLE_MINUTES"] * 60:
        logout_user()
        session.clear()
        flash(_("You were signed out after a time without activity. Please sign in again."), "info")
        return
    session[LAST_SEEN] = now


def has_second_factor() -> bool:
    """Whether the signed-in staff member has enrolled a second factor (recovery codes are theirs
    only then)."""
    return bool(getattr(current_user, "has_second_factor", False))
