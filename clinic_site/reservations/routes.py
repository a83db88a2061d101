"""The member's side of booking: the booking page, my reservations and cancelling."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import clock
from ..accounts.access import member_required, the_member
from ..clinic import services as clinic
from ..clinic.models import Doctor
from ..extensions import db
from ..settings.services import get_settings
from . import notices, services, slots
from .forms import ActionForm, BookingForm, doctor_choices, service_choices, slot_choices
from .models import Reservation, Service

bp = Blueprint("reservations", __name__, url_prefix="/reservations")

# What a refused booking tells the member, and the status it answers with.
REFUSALS = {
    "full": (409, _l("Someone booked this time a moment ago. Please choose another time.")),
    "busy": (409, _l("You already have a reservation at this time.")),
    "past": (
        422,
        _l("This time has passed or is too soon to book online. Please choose a later time."),
    ),
    "closed": (
        422,
        _l("The clinic does not take bookings at this time. Please choose one of the times shown."),
    ),
    "service": (422, _l("Choose one of the treatments in the list.")),
    "waiting": (
        409,
        _l("You can book once the clinic has confirmed your parent's or guardian's consent."),
    ),
    "hold": (
        409,
        _l("Your account is on hold, so it cannot book at the moment. Please call the clinic."),
    ),
}


def _lang() -> str:
    return str(get_locale())


def _choices(form: BookingForm, offered: list[Service], doctors: list[Doctor]) -> None:
    lang = _lang()
    form.service.choices = service_choices(offered, lang)
    form.doctor.choices = doctor_choices(doctors, lang)


def _chosen(raw, options: list, default=None):
    """The option whose id ``raw`` names, else ``default``."""
    for option in options:
        if str(option.id) == str(raw):
            return option
    return default


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@bp.route("/new", methods=["GET", "POST"])
@member_required
def new():
    member = the_member()
    offered, doctors = services.offered(), clinic.doctors()
    form = BookingForm()
    _choices(form, offered, doctors)
    source = request.form if request.method == "POST" else request.args
    # A page shown without a choice starts from the first treatment; a booking names its own.
    fallback = offered[0] if offered and request.method == "GET" else None
    service = _chosen(source.get("service"), offered, fallback)
    doctor = _chosen(source.get("doctor"), doctors) if len(doctors) > 1 else None
    day = form.date.data if request.method == "POST" else _day(request.args.get("date"))
    status, refusal = 200, None
    if not member.can_book:
        # A page that says why, not a bare refusal; a booking sent anyway is a conflict.
        code = 409 if request.method == "POST" else 200
        return render_template("reservations/cannot_book.html", member=member), code
    if request.method == "POST" and "show" not in request.form and form.validate():
        refusal = _book(member, service, doctor, form)
        if refusal is None:
            return redirect(url_for("reservations.index"), code=303)
        status = REFUSALS[refusal][0]
    elif request.method == "POST" and form.errors:
        status = 422
    shown_service = service or (offered[0] if offered else None)
    return _page(form, member, offered, doctors, shown_service, doctor, day, refusal), status


def _book(member, service, doctor, form) -> str | None:
    """Book what the form says; the refusal's code, or None when booked."""
    start = slots.parse_slot(form.slot.data)
    if service is None:
        form.service.errors.append(REFUSALS["service"][1])
        return "service"
    if start is None:
        form.slot.errors.append(_("Choose one of the times shown."))
        return "closed"
    try:
        reservation = services.book(member, service, doctor, start, form.note.data)
    except services.BookingError as refused:
        db.session.rollback()
        form.slot.errors.append(REFUSALS[refused.code][1])
        return refused.code
    db.session.commit()
    if reservation.status == "confirmed":
        notices.send_confirmation(reservation)
        flash(_("Your visit is booked."), "success")
    else:
        flash(
            _("Your request is sent. The clinic confirms it soon; you see the status here."),
            "success",
        )
    return None


def _page(form, member, offered, doctors, service, doctor, day, refusal):
    lang = _lang()
    first, last = slots.horizon(slots.settings())
    taken = slots.held(doctor)  # the seats of every day this page looks at, in one query
    if service is not None and day is None:
        # No day asked for: the first day with a free time, from today on.
        day = first if slots.day_slots(first, service, doctor, lang, taken).slots else None
        day = day or slots.next_free_day(first, service, doctor, taken) or first
    day = day or first
    shown = slots.day_slots(day, service, doctor, lang, taken) if service is not None else None
    following = (
        slots.next_free_day(day, service, doctor, taken)
        if service is not None and shown is not None and not shown.slots
        else None
    )
    form.service.data = str(service.id) if service else None
    form.doctor.data = str(doctor.id) if doctor else "any"
    form.date.data = day
    if shown is not None:
        form.slot.choices = slot_choices(shown.slots)
    return render_template(
        "reservations/new.html",
        form=form,
        service=service,
        doctor=doctor,
        day=day,
        shown=shown,
        following=following,
        previous_day=day - timedelta(days=1) if day > first else None,
        next_day=day + timedelta(days=1) if day < last else None,
        several_doctors=len(doctors) > 1,
        refusal=refusal,
    )


@bp.get("")
@member_required
def index():
    member = the_member()
    upcoming, past = services.for_member(member.id)
    return render_template(
        "reservations/index.html",
        upcoming=upcoming,
        past=past,
        deadline=services.cancel_deadline,
        now=clock.now(),
        names=_names(upcoming + past),
        form=ActionForm(),
        phone=get_settings().phone,
    )


def _names(rows: list[Reservation]) -> dict:
    """Treatment and doctor names for the rows, in the page's language, in two queries."""
    lang = _lang()
    service_ids = {r.service_id for r in rows if r.service_id}
    doctor_ids = {r.doctor_id for r in rows if r.doctor_id}
    found = {}
    if service_ids:
        for s in db.session.scalars(db.select(Service).where(Service.id.in_(service_ids))):
            found[("service", s.id)] = s.name(lang)
    if doctor_ids:
        for d in db.session.scalars(db.select(Doctor).where(Doctor.id.in_(doctor_ids))):
            found[("doctor", d.id)] = d.name(lang)
    return found


@bp.post("/<int:id>/cancel")
@member_required
def cancel(id: int):
    member = the_member()
    reservation = db.get_or_404(Reservation, id)
    if reservation.member_id != member.id:
        abort(404)  # another member's reservation is not there at all
    try:
        services.cancel(reservation, member)
    except services.BookingError as refused:
        db.session.rollback()
        message = (
            _(
                "It is too late to cancel online. Please call the clinic: %(phone)s",
                phone=get_settings().phone or "",
            )
            if refused.code == "deadline"
            else _("This reservation cannot be cancelled.")
        )
        flash(message, "error")
        return redirect(url_for("reservations.index"), code=303)
    db.session.commit()
    flash(_("Your reservation is cancelled; the time is free for others again."), "success")
    return redirect(url_for("reservations.index"), code=303)
