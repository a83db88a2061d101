"""The owner's booking rules and bookable treatments under /admin/reservations."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...admin.gate import owner_required, require_staff
from ...extensions import db
from ...pages.models import Treatment
from ...pages.services import treatments as page_treatments
from ...settings.queries import get_settings
from ...settings.services import update_settings
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


@bp.route("/services", methods=["GET", "POST"])
@owner_required
def services():
    if request.method == "POST":
        # "The list is right as it is": the setup list's step is done without changing a row.
        update_settings(booking_checked=True)
        db.session.commit()
        flash(_("Patients book from this list."), "success")
        return redirect(url_for("booking_setup.services"), code=303)
    rows = list(db.session.scalars(db.select(Service).order_by(Service.position, Service.id)))
    # The treatments the website describes that patients cannot book yet: the owner wrote them
    # once and adds them here with one press instead of typing them again.
    offered = {row.name_ko for row in rows}
    described = [t for t in page_treatments() if _service_name(t) not in offered]
    return render_template(
        "reservations/setup_services.html",
        services=rows,
        described=described,
        checked=get_settings().booking_checked,
        slot_minutes=booking_rules().slot_minutes,
    )


def _service_name(treatment: Treatment) -> str:
    return treatment.title_ko[: Service.name_ko.type.length]


def _added_service() -> Service:
    last = db.session.scalar(db.select(db.func.max(Service.position))) or 0
    service = Service(position=last + 1)
    db.session.add(service)
    return service


def _offer(treatment: Treatment) -> str:
    """Offer ``treatment`` for booking under the same names, one slot long (once: a second press
    finds it there); its name."""
    name = _service_name(treatment)
    if db.session.scalar(db.select(Service.id).where(Service.name_ko == name)) is None:
        service = _added_service()
        service.name_ko = name
        service.name_en = treatment.title_en[: Service.name_en.type.length]
        service.slots = 1
        service.active = True
        db.session.flush()
    update_settings(booking_checked=True)
    return name


@bp.post("/services/from-treatment/<int:id>")
@owner_required
def service_from_treatment(id: int):
    """Offer for booking one treatment the website describes."""
    name = _offer(db.get_or_404(Treatment, id))
    db.session.commit()
    flash(_("Patients can now book this: %(name)s.", name=name), "success")
    return redirect(url_for("booking_setup.services"), code=303)


@bp.post("/services/from-treatments")
@owner_required
def services_from_treatments():
    """Offer for booking every treatment the website describes, in the website's order."""
    names = [_offer(treatment) for treatment in page_treatments()]
    db.session.commit()
    if names:
        flash(_("Patients can now book this: %(name)s.", name=", ".join(names)), "success")
    return redirect(url_for("booking_setup.services"), code=303)


@bp.route("/services/new", methods=["GET", "POST"], defaults={"id": None})
@bp.route("/services/<int:id>", methods=["GET", "POST"])
@owner_required
def service(id: int | None):
    found = db.get_or_404(Service, id) if id is not None else None
    form = ServiceForm(obj=found if request.method == "GET" else None)
    if form.validate_on_submit():
        if found is None:
            found = _added_service()
        form.populate_obj(found)
        update_settings(booking_checked=True)
        db.session.commit()
        flash(_("The treatment is saved."), "success")
        return redirect(url_for("booking_setup.services"), code=303)
    return render_template(
        "reservations/setup_service.html",
        form=form,
        service=found,
        slot_minutes=booking_rules().slot_minutes,
    ), (422 if form.errors else 200)
