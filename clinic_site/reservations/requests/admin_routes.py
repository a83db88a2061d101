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
from ...platform.hooks import Note
from .. import slots
from ..forms import doctor_choices
from ..refusals import BookingRefused
from ..setup.models import Service
from . import queries
from . import services as requests
from .forms import AnswerForm
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


def _show(row: ReservationRequest, form: AnswerForm | None = None, status: int = 200):
    """The request with the visitor's details (read through ``_row``)."""
    form = form or AnswerForm(formdata=None)
    _doctors(form)
    service = db.session.get(Service, row.service_id) if row.service_id else None
    return render_template(
        "reservations/admin_request.html", row=row, form=form, service=service
    ), status


def _doctors(form: AnswerForm) -> None:
    lang = str(get_locale())
    form.doctor.choices = doctor_choices(clinic.doctors(), lang)


@bp.get("/<int:id>")
def show(id: int):
    return _show(_row(id))


@bp.post("/<int:id>/answer")
def answer(id: int):
    row = db.get_or_404(ReservationRequest, id)
    form = AnswerForm()
    _doctors(form)
    if not form.validate():
        return _show(_row(id), form, 422)
    try:
        if "book" in request.form:
            start = slots.parse_slot(form.slot.data)
            if start is None:
                form.slot.errors.append(_("Give the time as YYYY-MM-DDTHH:MM."))
                return _show(_row(id), form, 422)
            doctor = next((d for d in clinic.doctors() if str(d.id) == form.doctor.data), None)
            requests.book(row, start, doctor, form.answer.data, current_user, _ip())
        else:
            requests.decline(row, form.answer.data, current_user, _ip())
    except BookingRefused as refused:
        db.session.rollback()
        if refused.code == "answered":
            flash(refused.message, "error")
            return redirect(url_for("requests_admin.show", id=id), code=303)
        status = form.refused(refused, "slot")
        return _show(_row(id), form, status)
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
    )
