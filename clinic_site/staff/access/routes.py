"""A new staff member sets their password through the single-use link the owner gave them, at
/admin/welcome/<token>, and is signed in; the second factor follows as at any sign-in."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import login_user
from werkzeug.exceptions import NotFound

from ...core.errors import render_error
from ...extensions import db
from ...platform import clock
from ..sign_in import LAST_SEEN
from . import services
from .forms import SetPasswordForm
from .refusals import AccessRefused

bp = Blueprint("staff_welcome", __name__, url_prefix="/admin/welcome")


@bp.route("/<token>", methods=["GET", "POST"])
def welcome(token: str):
    staff = services.invited(token)
    if staff is None:
        return render_error(NotFound(), AccessRefused("link").message)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            staff = services.accept_link(token, form.password.data, form.password_confirm.data)
        except AccessRefused as refused:
            if refused.code == "link":
                return render_error(NotFound(), refused.message)
            form.refused(refused, "password")
        else:
            session.clear()
            login_user(staff)
            session[LAST_SEEN] = int(clock.now().timestamp())
            db.session.commit()
            flash(_("Your password is set. Welcome, %(name)s.", name=staff.name), "success")
            return redirect(url_for("admin.dashboard"), code=303)
    return render_template("staff/access/welcome.html", form=form, staff=staff), (
        422 if form.errors else 200
    )
