"""Entering the one-time code after the password, and enrolling an authenticator app."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core.settings import get_settings
from ..extensions import db, limit_from_config, limiter
from ..records.services import record_sign_in
from ..security import safe_next
from . import two_factor
from .access import SECOND_FACTOR_DONE, second_factor_missing
from .forms import CodeForm
from .routes import bp


def _user_key() -> str:
    return f"staff-2fa:{current_user.get_id()}"


def _done():
    session[SECOND_FACTOR_DONE] = True
    db.session.commit()
    return redirect(safe_next(request.args.get("next"), url_for("staff.dashboard")))


@bp.route("/2fa", methods=["GET", "POST"])
@limiter.limit(limit_from_config("STAFF_LOGIN_LIMIT"), methods=["POST"], key_func=_user_key)
def two_factor_code():
    if second_factor_missing() != "code":
        return redirect(url_for("staff.dashboard"))
    form = CodeForm()
    if form.validate_on_submit():
        if two_factor.verify(current_user, form.code.data):
            return _done()
        record_sign_in("staff", current_user.id, "code_refused", request.remote_addr)
        db.session.commit()
        form.code.errors.append(
            _("That code is not right or was used already. Wait for the next code and try again.")
        )
    return render_template("staff/two_factor.html", form=form), 422 if form.errors else 200


@bp.route("/2fa/setup", methods=["GET", "POST"])
@limiter.limit(limit_from_config("STAFF_LOGIN_LIMIT"), methods=["POST"], key_func=_user_key)
def two_factor_setup():
    if current_user.has_second_factor:
        return redirect(url_for("staff.dashboard"))
    secret = two_factor.start_enrolment(current_user)
    db.session.commit()
    form = CodeForm()
    if form.validate_on_submit():
        if two_factor.complete_enrolment(current_user, form.code.data):
            flash(
                _("Two-step sign-in is on. You will be asked for a code at each sign-in."),
                "success",
            )
            return _done()
        form.code.errors.append(_("That code is not right. Check the app's clock and try again."))
    uri = two_factor.provisioning_uri(secret, current_user.username, get_settings().clinic_name)
    return render_template(
        "staff/two_factor_setup.html", form=form, secret=secret, qr=two_factor.qr_data_uri(uri)
    ), 422 if form.errors else 200
