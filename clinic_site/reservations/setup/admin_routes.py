"""The owner's booking rules and bookable treatments under /admin/reservations."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ...admin.gate import owner_required, require_staff
from ...extensions import db
from ...pages.models import Treatment
from ...pages.services import treatments as page_treatments
from .forms import ServiceForm, SettingsForm, duration, length_choices
from .models import BookingSettings, Service
from .queries import RULES, booking_checked, booking_rules

bp = Blueprint("booking_setup", __name__, url_prefix="/admin/reservations")
bp.before_request(require_staff)


@bp.route("/settings", methods=["GET", "POST"])
@owner_required
def settings():
    current = booking_rules()
    shown = {name: getattr(current, name) for name in RULES}
    form = SettingsForm(data=shown if request.method == "GET" else None)
    if form.validate_on_submit():
        row = _rules_row()
        for name in RULES:
            setattr(row, name, form[name].data)
        db.session.commit()
        flash(_("The booking rules are saved."), "success")
        return redirect(url_for("booking_setup.settings"), code=303)
    return render_template("reservations/setup_settings.html", form=form), (
        422 if form.errors else 200
    )


def _rules_row() -> BookingSettings:
    row = db.session.get(BookingSettings, 1) or BookingSettings(id=1)
    db.session.add(row)
    return row


def _checked() -> None:
    """The owner has said what patients book: the setup list's step is done."""
    _rules_row().booking_checked = True


@bp.route("/services", methods=["GET", "POST"])
@owner_required
def services():
    if request.method == "POST":
        # "The list is right as it is": the step is done without changing a treatment.
        _checked()
        db.session.commit()
        flash(_("The treatments to book are confirmed."), "success")
        return redirect(url_for("booking_setup.services"), code=303)
    return render_template(
        "reservations/setup_services.html",
        services=_services(),
        described=_not_offered(),
        checked=booking_checked(),
        slot_minutes=booking_rules().slot_minutes,
        duration=duration,
    )


def _services() -> list[Service]:
    return list(db.session.scalars(db.select(Service).order_by(Service.position, Service.id)))


def _service_name(treatment: Treatment) -> str:
    return treatment.title_ko[: Service.name_ko.type.length]


def _not_offered() -> list[Treatment]:
    """The treatments the website describes that are not among the treatments to book (under
    their Korean name, switched off or not): the owner wrote them once and adds them here with
    one press instead of typing them again."""
    offered = {service.name_ko for service in _services()}
    return [t for t in page_treatments() if _service_name(t) not in offered]


def _added_service() -> Service:
    last = db.session.scalar(db.select(db.func.max(Service.position))) or 0
    service = Service(position=last + 1)
    db.session.add(service)
    return service


def _offer(treatments: list[Treatment]) -> None:
    """Offer ``treatments`` for booking under the same names, one slot long, and tell the owner."""
    for treatment in treatments:
        service = _added_service()
        service.name_ko = _service_name(treatment)
        service.name_en = treatment.title_en[: Service.name_en.type.length]
        service.slots = 1
        service.active = True
        db.session.flush()  # the next one's position counts this one
    if treatments:
        _checked()
    db.session.commit()
    names = ", ".join(_service_name(t) for t in treatments)
    if treatments:
        flash(_("Patients can now book: %(names)s.", names=names), "success")


@bp.post("/services/from-treatment/<int:id>")
@owner_required
def service_from_treatment(id: int):
    """Offer for booking one treatment the website describes (a second press adds nothing)."""
    treatment = db.get_or_404(Treatment, id)
    waiting = [t for t in _not_offered() if t.id == treatment.id]
    _offer(waiting)
    if not waiting:
        name = _service_name(treatment)
        flash(_("%(name)s is among the treatments to book already.", name=name), "info")
    return redirect(url_for("booking_setup.services"), code=303)


@bp.post("/services/from-treatments")
@owner_required
def services_from_treatments():
    """Offer for booking every treatment the website describes that is not offered yet."""
    _offer(_not_offered())
    return redirect(url_for("booking_setup.services"), code=303)


@bp.route("/services/new", methods=["GET", "POST"], defaults={"id": None})
@bp.route("/services/<int:id>", methods=["GET", "POST"])
@owner_required
def service(id: int | None):
    found = db.get_or_404(Service, id) if id is not None else None
    form = ServiceForm(obj=found if request.method == "GET" else None)
    form.slots.choices = length_choices(booking_rules().slot_minutes)
    if form.validate_on_submit():
        if found is None:
            found = _added_service()
        form.populate_obj(found)
        _checked()
        db.session.commit()
        flash(_("The treatment is saved."), "success")
        return redirect(url_for("booking_setup.services"), code=303)
    return render_template(
        "reservations/setup_service.html",
        form=form,
        service=found,
        slot_minutes=booking_rules().slot_minutes,
    ), (422 if form.errors else 200)
