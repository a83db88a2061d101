"""Staff sign-in and sign-out at /admin/login and /admin/logout."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..admin.gate import is_staff, require_staff, signed_in_staff
from ..extensions import db
from ..identity.users import authenticate
from ..limits.sign_in import sign_in_limits
from ..platform import clock
from ..platform.http import safe_next
from .forms import StaffLoginForm
from .services import end_sessions
from .sign_in import LAST_SEEN

bp = Blueprint("staff", __name__, url_prefix="/admin")
bp.before_request(require_staff)


def _username_key() -> str:
    return "staff-login:" + request.form.get("username", "").strip().lower()[:40]


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits("STAFF_LOGIN_LIMIT", "STAFF_LOGIN_ACCOUNT_LIMIT", _username_key)
def login():
    if is_staff():
        return redirect(url_for("admin.dashboard"))
    form = StaffLoginForm()
    if form.validate_on_submit():
        user = authenticate("staff", form.username.data, form.password.data, request.remote_addr)
        if user is not None:
            # A fresh session: nothing an attacker planted before sign-in survives it.
            session.clear()
            login_user(user)
            session[LAST_SEEN] = int(clock.now().timestamp())
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), url_for("admin.dashboard")))
        db.session.commit()  # keep the sign-in record of the refused attempt
        form.password.errors.append(_("The username or password is not correct."))
    status = 422 if form.errors else 200
    return render_template("staff/login.html", form=form), status


@bp.post("/logout")
def logout():
    if signed_in_staff():
        # Every copy of this session, in this browser or any other, ends now.
        end_sessions(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("staff.login"))
