"""The owner's booking rules and bookable treatments under /admin/reservations."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...admin.gate import owner_required, require_staff
from ...extensions import db
from .forms import ServiceForm, SettingsForm
from .models import BookingSettings, Service
from .queries import RULES, booking_rules

bp = Blueprint("booking_setup", __name__, url_prefix="/admin/reservations")
bp.before_request(require_staff)


@bp.route("/settings", methods=["GET", "POST"])
@owner_required
def settings():
    current = booking_rules()
    shown = {name: getattr(current, name) for name in RULES}
    form = SettingsForm(data=shown if request.method == "GET" else None)
    if form.validate_on_submit():
        row = db.session.get(BookingSettings, 1) or BookingSettings(id=1)
        db.session.add(row)
        for name in RULES:
            setattr(row, name, form[name].data)
        db.session.commit()
        flash(_("The booking rules are saved."), "success")
        return redirect(url_for("booking_setup.settings"), code=303)
    return render_template("reservations/setup_settings.html", form=form), (
        422 if form.errors else 200
    )


@bp.get("/services")
@owner_required
def services():
    rows = db.session.scalars(db.select(Service).order_by(Service.position, Service.id))
    return render_template("reservations/setup_services.html", services=list(rows))


@bp.route("/services/new", methods=["GET", "POST"], defaults={"id": None})
@bp.route("/services/<int:id>", methods=["GET", "POST"])
@owner_required
def service(id: int | None):
    found = db.get_or_404(Service, id) if id is not None else None
    form = ServiceForm(obj=found if request.method == "GET" else None)
    if form.validate_on_submit():
        if found is None:
            last = db.session.scalar(db.select(db.func.max(Service.position))) or 0
            found = Service(position=last + 1)
            db.session.add(found)
        form.populate_obj(found)
        db.session.commit()
        flash(_("The treatment is saved."), "success")
        return redirect(url_for("booking_setup.services"), code=303)
    return render_template("reservations/setup_service.html", form=form, service=found), (
        422 if form.errors else 200
    )
