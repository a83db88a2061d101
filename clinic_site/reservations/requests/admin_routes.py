"""Staff handle visitors' reservation requests: read one (recorded), then book the time agreed on
the phone or decline, with an answer the visitor reads with the request's password."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...admin.gate import require_staff
from ...clinic import services as clinic
from ...extensions import db
from ...platform import clock
from ...platform.hooks import Note
from .. import notices, slots
from ..forms import chosen, doctor_choices, named_doctor, service_choices, slot_choices
from ..models import Reservation
from ..refusals import BookingRefused
from ..setup.models import Service
from ..setup.queries import offered
from . import queries
from . import services as requests
from .forms import AnswerForm, BookRequestForm
from .models import ReservationRequest

bp = Blueprint("requests_admin", __name__, url_prefix="/admin/reservations/requests")
bp.before_request(require_staff)


def _ip() -> str:
    return request.remote_addr or ""


def _row(id: int) -> ReservationRequest:
    """The request, read for this member of staff: every reading is in the access record."""
    row = queries.request_for_staff(id, current_user, _ip())
    if row is None:
        abort(404)
    db.session.commit()
    return row


def _show(row: ReservationRequest, form: AnswerForm | None = None, book_form=None, status=200):
    """The request with the visitor's details (read through ``_row``), the free times of the
    day to book it at (the preferred day unless another is asked for), and the decline form."""
    service = db.session.get(Service, row.service_id) if row.service_id else None
    book_form = book_form or BookRequestForm(formdata=None)
    lang = str(get_locale())
    treatments, doctors = offered(), clinic.doctors()
    book_form.service.choices = service_choices(treatments, lang)
    book_form.doctor.choices = doctor_choices(doctors, lang)
    picked = chosen(book_form.service.data, treatments, service)
    doctor = chosen(book_form.doctor.data, doctors)
    on = book_form.date.data or max(row.preferred_date, clock.today())
    free = slots.day_slots(on, picked, doctor, lang, desk=True) if picked else None
    book_form.service.data = str(picked.id) if picked else None
    book_form.date.data = on
    book_form.slot.choices = slot_choices(free.slots if free else [])
    booked = db.session.scalar(
        db.select(Reservation).where(Reservation.request_id == row.id).limit(1)
    )
    return render_template(
        "reservations/admin_request.html",
        row=row,
        form=form or AnswerForm(formdata=None),
        book_form=book_form,
        free=free,
        service=service,
        booked=booked,
    ), status


@bp.get("/<int:id>")
def show(id: int):
    return _show(_row(id))


@bp.post("/<int:id>/book")
def book(id: int):
    """Book the request at one of the free times, picked from the schedule's own list."""
    row = db.get_or_404(ReservationRequest, id)
    form = BookRequestForm()
    if "show" in request.form or not form.validate():
        return _show(_row(id), book_form=form, status=200 if "show" in request.form else 422)
    service = chosen(form.service.data, offered())
    start = slots.parse_slot(form.slot.data)
    try:
        doctor = named_doctor(form.doctor.data, clinic.doctors())
        if start is None:
            raise BookingRefused("no_slot", "slot")
        reservation = requests.book(
            row, service, start, doctor, form.answer.data or "", current_user, _ip()
        )
        notices.booked(reservation)
    except BookingRefused as refused:
        db.session.rollback()
        if refused.code == "answered":
            flash(refused.message, "error")
            return redirect(url_for("requests_admin.show", id=id), code=303)
        status = form.refused(refused, "slot")
        return _show(_row(id), book_form=form, status=status)
    db.session.commit()
    flash(_("The visit is booked; the visitor sees the time with the request's password."),
          "success")  # fmt: skip
    return redirect(url_for("reservations_admin.day", date=reservation.day.isoformat()), code=303)


@bp.post("/<int:id>/answer")
def answer(id: int):
    """Decline the request, with an answer the visitor reads."""
    row = db.get_or_404(ReservationRequest, id)
    form = AnswerForm()
    if not form.validate():
        return _show(_row(id), form, status=422)
    try:
        requests.decline(row, form.answer.data, current_user, _ip())
        notices.request_answered(row)
    except BookingRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(url_for("requests_admin.show", id=id), code=303)
    db.session.commit()
    flash(_("The answer is saved; the visitor reads it with the request's password."), "success")
    return redirect(url_for("reservations_admin.day"), code=303)


def open_note() -> Note:
    """Work on the dashboard: visitors' reservation requests waiting for a call back."""
    return Note(
        _l("reservation requests waiting for a call back"),
        "reservations_admin.day",
        _l("See them beside the day"),
        count=queries.open_count(),
        args={"_anchor": "requests-title"},
    )
