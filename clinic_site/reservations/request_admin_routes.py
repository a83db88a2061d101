"""Staff handle visitors' reservation requests: read one (recorded), then book the time agreed on
the phone or decline, with an answer the visitor reads with the request's password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..admin.gate import require_staff
from ..clinic import services as clinic
from ..extensions import db
from ..records.services import record_access
from . import guest, services, slots
from .forms import AnswerForm, doctor_choices
from .models import ReservationRequest, Service
from .routes import REFUSALS

bp = Blueprint("requests_admin", __name__, url_prefix="/admin/reservations/requests")
bp.before_request(require_staff)


def _show(row: ReservationRequest, form: AnswerForm | None = None, status: int = 200):
    """The request with the visitor's details; every showing is written to the access record."""
    record_access(current_user, "view", "reservation_request", row.id, ip=request.remote_addr or "")
    db.session.commit()
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
    return _show(db.get_or_404(ReservationRequest, id))


@bp.post("/<int:id>/answer")
def answer(id: int):
    row = db.get_or_404(ReservationRequest, id)
    form = AnswerForm()
    _doctors(form)
    if not form.validate():
        return _show(row, form, 422)
    try:
        if "book" in request.form:
            start = slots.parse_slot(form.slot.data)
            if start is None:
                form.slot.errors.append(_("Give the time as YYYY-MM-DDTHH:MM."))
                return _show(row, form, 422)
            doctor = next((d for d in clinic.doctors() if str(d.id) == form.doctor.data), None)
            guest.book(row, start, doctor, form.answer.data, current_user)
            action = "booked"
        else:
            guest.decline(row, form.answer.data, current_user)
            action = "declined"
    except services.BookingError as refused:
        db.session.rollback()
        form.slot.errors.append(REFUSALS[refused.code][1])
        return _show(row, form, REFUSALS[refused.code][0])
    except guest.RequestError:
        db.session.rollback()
        flash(_("This request was answered already."), "error")
        return redirect(url_for("requests_admin.show", id=id), code=303)
    record_access(
        current_user,
        "reply",
        "reservation_request",
        id,
        detail=action,
        ip=request.remote_addr or "",
    )
    db.session.commit()
    flash(_("The answer is saved; the visitor reads it with the request's password."), "success")
    return redirect(url_for("reservations_admin.day"), code=303)
