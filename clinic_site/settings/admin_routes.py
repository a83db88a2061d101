"""/admin/settings: the owner edits the clinic's details and the switches features read."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..admin.gate import owner_required, require_staff
from ..extensions import db
from .forms import SettingsForm
from .queries import get_settings
from .refusals import SettingRefused
from .services import change_settings

bp = Blueprint("settings_admin", __name__, url_prefix="/admin/settings")
bp.before_request(require_staff)


@bp.route("", methods=["GET", "POST"])
@owner_required
def edit():
    current = get_settings()
    form = SettingsForm(data=current.__dict__ if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            change_settings(**form.values())
        except SettingRefused as refused:
            form.refused(refused, "clinic_name")
        else:
            db.session.commit()
            flash(_("Settings saved."), "success")
            return redirect(url_for("settings_admin.edit"))
    return render_template("settings/edit.html", form=form), 422 if form.errors else 200
