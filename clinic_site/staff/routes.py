from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from ..core.paging import page_number
from ..core.settings import get_settings, update_settings
from ..extensions import db, limit_from_config, limiter
from ..policy.services import states_retention_days
from ..records.models import AccessRecord, SignInRecord
from ..security import safe_next
from .access import is_staff, owner_required, require_staff
from .forms import SettingsForm, StaffLoginForm
from .models import StaffUser
from .services import authenticate

bp = Blueprint("staff", __name__, url_prefix="/admin")


# Every /admin page, this blueprint's and each feature's, passes this gate first.
bp.before_request(require_staff)


def _username_key() -> str:
    return "staff-login:" + request.form.get("username", "").strip().lower()[:40]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(limit_from_config("STAFF_LOGIN_LIMIT"), methods=["POST"])
@limiter.limit(limit_from_config("STAFF_LOGIN_LIMIT"), methods=["POST"], key_func=_username_key)
def login():
    if is_staff():
        return redirect(url_for("staff.dashboard"))
    form = StaffLoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data, request.remote_addr)
        if user is not None:
            # A fresh session: nothing an attacker planted before sign-in survives it.
            session.clear()
            login_user(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next"), url_for("staff.dashboard")))
        db.session.commit()  # keep the sign-in record of the refused attempt
        form.password.errors.append(_("The username or password is not correct."))
    status = 422 if form.errors else 200
    return render_template("staff/login.html", form=form), status


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("staff.login"))


@bp.get("/")
def dashboard():
    days = get_settings().consultation_retention_days
    return render_template(
        "staff/dashboard.html",
        sections=current_app.extensions["clinic_admin_sections"],
        # Once a revised policy with another period takes effect, the setting must follow.
        retention_mismatch=None if states_retention_days(days) else days,
    )


def _check_against_current(form: SettingsForm, current) -> None:
    """Rules that compare a change with what is in force: the cookie revision only rises, and the
    inquiry retention period must be the one the privacy policy in effect states."""
    if form.cookie_revision.data < current.cookie_revision:
        form.cookie_revision.errors.append(
            _("The revision can only go up (now %(n)d).", n=current.cookie_revision)
        )
    days = form.consultation_retention_days.data
    if days != current.consultation_retention_days and not states_retention_days(days):
        form.consultation_retention_days.errors.append(
            _(
                "The privacy policy in effect states another period for inquiries. Announce a "
                "version that states %(days)d days, and change this once it is in effect.",
                days=days,
            )
        )


@bp.route("/settings", methods=["GET", "POST"])
@owner_required
def settings():
    current = get_settings()
    form = SettingsForm(data=current.__dict__ if request.method == "GET" else None)
    if form.validate_on_submit():
        _check_against_current(form, current)
        if not form.errors:
            values = {
                name: field.data for name, field in form._fields.items() if name != "csrf_token"
            }
            values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
            update_settings(**values)
            db.session.commit()
            flash(_("Settings saved."), "success")
            return redirect(url_for("staff.settings"))
    return render_template("staff/settings.html", form=form), 422 if form.errors else 200


def _newest_first(model):
    """One page of a record, newest first; a page past the end is simply empty."""
    return db.paginate(
        db.select(model).order_by(model.at.desc(), model.id.desc()),
        page=page_number(),
        per_page=50,
        error_out=False,
    )


@bp.get("/audit")
@owner_required
def audit():
    return render_template("staff/audit.html", records=_newest_first(AccessRecord))


@bp.get("/audit/sign-ins")
@owner_required
def sign_ins():
    records = _newest_first(SignInRecord)
    staff_ids = {r.account_id for r in records.items if r.account_kind == "staff"}
    usernames = dict(
        db.session.execute(
            db.select(StaffUser.id, StaffUser.username).where(StaffUser.id.in_(staff_ids))
        ).all()
    )
    return render_template("staff/sign_ins.html", records=records, usernames=usernames)
