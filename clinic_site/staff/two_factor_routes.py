"""Entering the one-time code after the password, and enrolling an authenticator app."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import require_staff
from ..extensions import db, limit_from_config, limiter
from ..platform.hooks import Note
from ..platform.http import safe_next
from ..platform.limit_keys import hashed
from ..records.services import record_sign_in
from ..settings.queries import get_settings
from . import two_factor
from .forms import CodeForm, StartForm
from .sign_in import second_factor_given, second_factor_missing

bp = Blueprint("two_factor", __name__, url_prefix="/admin/2fa")
bp.before_request(require_staff)

NEW_CODES = "staff_new_recovery_codes"  # shown once, on the next page, then gone


def _user_key() -> str:
    return "staff-2fa:" + hashed(f"staff-2fa:{current_user.get_id()}")


def _done():
    second_factor_given()
    db.session.commit()
    return redirect(safe_next(request.args.get("next"), url_for("admin.dashboard")))


@bp.route("", methods=["GET", "POST"])
@limiter.limit(limit_from_config("STAFF_CODE_LIMIT"), methods=["POST"], key_func=_user_key)
def code():
    if second_factor_missing() != "code":
        return redirect(url_for("admin.dashboard"))
    form = CodeForm()
    if form.validate_on_submit():
        if two_factor.verify(current_user, form.code.data):
            return _done()
        if two_factor.use_recovery_code(current_user, form.code.data):
            left = two_factor.recovery_codes_left(current_user)
            flash(_("You used a recovery code; %(n)d are left. Make new ones under Two-step "
                    "sign-in when you have your phone again.", n=left), "info")  # fmt: skip
            return _done()
        record_sign_in("staff", current_user.id, "code_refused", request.remote_addr)
        db.session.commit()
        form.code.errors.append(
            _("That code is not right or was used already. Wait for the next code and try again.")
        )
    return render_template("staff/two_factor.html", form=form), 422 if form.errors else 200


@bp.route("/setup", methods=["GET", "POST"])
@limiter.limit(limit_from_config("STAFF_CODE_LIMIT"), methods=["POST"], key_func=_user_key)
def setup():
    if current_user.has_second_factor:
        return redirect(url_for("admin.dashboard"))
    if request.method == "POST" and "start" in request.form:  # its CSRF token is checked first
        two_factor.start_enrolment(current_user)
        db.session.commit()
        return redirect(url_for("two_factor.setup", next=request.args.get("next")), code=303)
    secret = current_user.totp_secret
    if secret is None:
        # Showing the page changes nothing: the secret is made when the staff member starts.
        return render_template("staff/two_factor_start.html", form=StartForm())
    form = CodeForm()
    if form.validate_on_submit():
        if two_factor.complete_enrolment(current_user, form.code.data):
            session[NEW_CODES] = two_factor.new_recovery_codes(current_user)
            second_factor_given()
            db.session.commit()
            flash(
                _("Two-step sign-in is on. You will be asked for a code at each sign-in."),
                "success",
            )
            return redirect(url_for("two_factor.recovery_codes"), code=303)
        form.code.errors.append(_("That code is not right. Check the app's clock and try again."))
    uri = two_factor.provisioning_uri(secret, current_user.username, get_settings().clinic_name)
    return render_template(
        "staff/two_factor_setup.html", form=form, secret=secret, qr=two_factor.qr_data_uri(uri)
    ), 422 if form.errors else 200


@bp.route("/recovery-codes", methods=["GET", "POST"])
def recovery_codes():
    """The recovery codes just made, shown once; a POST replaces them all with new ones."""
    if not current_user.has_second_factor:
        return redirect(url_for("two_factor.setup"))
    form = StartForm()
    if form.validate_on_submit():
        session[NEW_CODES] = two_factor.new_recovery_codes(current_user)
        db.session.commit()
        return redirect(url_for("two_factor.recovery_codes"), code=303)
    return render_template(
        "staff/recovery_codes.html",
        codes=session.pop(NEW_CODES, None),
        left=two_factor.recovery_codes_left(current_user),
        form=form,
    )


def second_factor_offer() -> Note | None:
    """A dashboard note: with CLINIC_STAFF_2FA=optional, whoever has not enrolled is offered it."""
    if current_user.has_second_factor:
        return None
    return Note(_l("Your account has no second sign-in step."), "two_factor.setup",
                _l("Set up two-step sign-in"))  # fmt: skip
