"""The owner manages staff access under /admin/staff; every staff member changes their own
password at /admin/password."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from ...admin.gate import owner_required, require_staff
from ...extensions import db
from ...platform import clock
from ...privacy import inventory
from ..sign_in import second_factor_given
from . import queries, services
from .forms import ChangePasswordForm, NewStaffForm, RoleForm
from .refusals import AccessRefused

bp = Blueprint("staff_access", __name__, url_prefix="/admin")
bp.before_request(require_staff)

# The link just made, shown once on the account's page, then gone.
NEW_LINK = "staff_new_link"


def _account(staff_id: int):
    staff = queries.account(staff_id)
    if staff is None:
        abort(404)
    return staff


@bp.get("/staff")
@owner_required
def index():
    return render_template(
        "staff/access/index.html",
        accounts=queries.accounts(),
        record=queries.rights_record(limit=50),
        kept=inventory.ACCESS_RIGHTS_RECORD,
    )


@bp.route("/staff/new", methods=["GET", "POST"])
@owner_required
def new():
    form = NewStaffForm()
    if form.validate_on_submit():
        try:
            staff, token = services.invite(
                current_user, form.username.data, form.name.data, form.role.data
            )
        except AccessRefused as refused:
            form.refused(refused, "username")
        else:
            db.session.commit()
            session[NEW_LINK] = (staff.id, token)
            flash(_("Account made for %(name)s.", name=staff.name), "success")
            return redirect(url_for("staff_access.show", id=staff.id), code=303)
    return render_template("staff/access/new.html", form=form), 422 if form.errors else 200


def _link_shown(staff_id: int) -> str | None:
    shown = session.get(NEW_LINK)
    if isinstance(shown, list | tuple) and len(shown) == 2 and shown[0] == staff_id:
        session.pop(NEW_LINK, None)
        return url_for("staff_welcome.welcome", token=shown[1], _external=True)
    return None


def _show(staff, role_form: RoleForm, status: int = 200):
    pending = queries.pending_link(staff)
    return render_template(
        "staff/access/show.html",
        staff=staff,
        role_form=role_form,
        link=_link_shown(staff.id),
        pending=pending,
        link_expired=pending is None or pending.expires_at <= clock.now(),
        record=queries.rights_record(staff.id),
    ), status


@bp.get("/staff/<int:id>")
@owner_required
def show(id: int):
    staff = _account(id)
    return _show(staff, RoleForm(data={"role": staff.role}))


def _act(id: int, change, done: str):
    """Apply one change to account ``id`` from a button (its CSRF token is checked for every POST
    before the view runs); refused, the page says why."""
    staff = _account(id)
    try:
        change(staff)
    except AccessRefused as refused:
        flash(refused.message, "error")
        return _show(staff, RoleForm(data={"role": staff.role}), refused.status)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("staff_access.show", id=staff.id), code=303)


@bp.post("/staff/<int:id>/disable")
@owner_required
def disable(id: int):
    return _act(
        id,
        lambda staff: services.disable(current_user, staff),
        _("The account is disabled; its sessions have ended."),
    )


@bp.post("/staff/<int:id>/enable")
@owner_required
def enable(id: int):
    return _act(
        id, lambda staff: services.enable(current_user, staff), _("The account can sign in again.")
    )


@bp.post("/staff/<int:id>/second-factor")
@owner_required
def reset_second_factor(id: int):
    return _act(
        id,
        lambda staff: services.reset_second_factor(current_user, staff),
        _("Two-step sign-in is cleared; it is set up again at the next sign-in."),
    )


@bp.post("/staff/<int:id>/link")
@owner_required
def link(id: int):
    def make(staff):
        session[NEW_LINK] = (staff.id, services.new_link(current_user, staff))

    return _act(id, make, _("A new link is made; the earlier one no longer works."))


@bp.post("/staff/<int:id>/role")
@owner_required
def role(id: int):
    staff = _account(id)
    form = RoleForm()
    status = 422
    if form.validate_on_submit():
        try:
            services.change_role(current_user, staff, form.role.data)
        except AccessRefused as refused:
            status = form.refused(refused, "role")
        else:
            db.session.commit()
            flash(_("The role is saved."), "success")
            return redirect(url_for("staff_access.show", id=staff.id), code=303)
    return _show(staff, form, status)


@bp.route("/password", methods=["GET", "POST"])
def password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        me = current_user._get_current_object()
        try:
            services.change_password(
                me, form.current_password.data, form.new_password.data,
                form.new_password_confirm.data,
            )  # fmt: skip
        except AccessRefused as refused:
            form.refused(refused, "new_password")
        else:
            # Every other session ended with the old token; this one carries on under the new.
            login_user(me)
            second_factor_given()
            db.session.commit()
            flash(_("Your password is changed. Other sessions have ended."), "success")
            return redirect(url_for("admin.dashboard"), code=303)
    return render_template("staff/access/password.html", form=form), 422 if form.errors else 200
