"""The front desk under /admin/reservations: the day (every patient by name, a print layout) and a
doctor's week, a visit's details with its status and a move to another free time, and booking any
patient onto the one schedule: a member found by name, mobile or ID, a caller who is not a
member, or a walk-in now."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...accounts import queries as members
from ...accounts.models import Member
from ...admin.gate import require_staff
from ...clinic import services as clinic
from ...extensions import db
from ...platform import clock, params
from ...platform.hooks import Note
from .. import notices, queries, services, slots
from ..blocks.queries import upcoming as upcoming_blocks
from ..forms import (
    ActionForm,
    chosen,
    doctor_choices,
    named_doctor,
    service_choices,
    slot_choices,
)
from ..models import Reservation
from ..refusals import BookingRefused
from ..requests import queries as request_queries
from ..requests.models import ReservationRequest
from ..setup.models import Service
from ..setup.queries import booking_rules, offered
from . import grid
from . import queries as schedule
from .forms import DeskBookingForm, MoveForm, StatusForm

bp = Blueprint("reservations_admin", __name__, url_prefix="/admin/reservations")
bp.before_request(require_staff)


def _ip() -> str:
    return request.remote_addr or ""


def _lang() -> str:
    return str(get_locale())


def _names() -> dict[int, str]:
    return {s.id: s.name(_lang()) for s in db.session.scalars(db.select(Service))}


@bp.get("")
def day():
    shown = params.day("date", clock.today())
    assert shown is not None
    visits = schedule.day_for_staff(shown, current_user, _ip())
    db.session.commit()
    doctors = clinic.doctors(active_only=False)
    rows = grid.day(shown, visits, doctors)
    template = "reservations/admin_day_print.html" if request.args.get("print") else None
    return render_template(
        template or "reservations/admin_day.html",
        day=shown,
        previous_day=shown - timedelta(days=1),
        next_day=shown + timedelta(days=1),
        grid=rows,
        doctors=[d for d in doctors if d.active or any(d.id in cells for _t, cells in rows)],
        visits=visits,
        services=_names(),
        open_requests=request_queries.open_requests(),
        hours=clinic.hours_on(shown),
        per_slot=booking_rules().per_slot,
    )


@bp.get("/week")
def week():
    shown = params.day("date", clock.today())
    assert shown is not None
    monday = shown - timedelta(days=shown.weekday())
    doctors = clinic.doctors(active_only=False)
    doctor = chosen(request.args.get("doctor"), doctors, doctors[0] if doctors else None)
    if doctor is None:
        abort(404)
    visits = schedule.week_for_staff(monday, current_user, _ip())
    db.session.commit()
    days = [monday + timedelta(days=n) for n in range(7)]
    return render_template(
        "reservations/admin_week.html",
        monday=monday,
        previous_week=monday - timedelta(days=7),
        next_week=monday + timedelta(days=7),
        days=days,
        doctor=doctor,
        doctors=doctors,
        rows=grid.week(days, [v for v in visits if v.reservation.doctor_id == doctor.id]),
        blocks=[b for b in upcoming_blocks() if b.doctor_id in (None, doctor.id)],
        services=_names(),
        hours={d: clinic.working_hours(doctor.id, d) for d in days},
    )


def _visit(id: int):
    reservation = queries.reservation_for_staff(id, current_user, _ip())
    if reservation is None:
        abort(404)
    db.session.commit()
    return reservation


@bp.get("/<int:id>")
def show(id: int):
    return _show(_visit(id), MoveForm(formdata=None))


def _show(reservation, move_form: MoveForm, status: int = 200):
    """A visit with its patient (read through ``_visit``, so in the access record), its
    status buttons, and the free times to move it to."""
    member = db.session.get(Member, reservation.member_id) if reservation.member_id else None
    origin = (
        db.session.get(ReservationRequest, reservation.request_id)
        if reservation.request_id
        else None
    )
    service = db.session.get(Service, reservation.service_id) if reservation.service_id else None
    doctors = clinic.doctors()
    move_form.doctor.choices = doctor_choices(doctors, _lang())
    wanted = next((d for d in doctors if str(d.id) == move_form.doctor.data), None)
    on = move_form.date.data or clock.to_local(reservation.starts_at).date()
    free = slots.day_slots(on, service, wanted, _lang(), desk=True) if service else None
    move_form.date.data = on
    move_form.slot.choices = slot_choices(free.slots if free else [])
    return render_template(
        "reservations/admin_show.html",
        reservation=reservation,
        member=member,
        origin=origin,
        service=service,
        doctor=reservation.doctor_id and clinic.doctor(reservation.doctor_id),
        form=ActionForm(),
        move_form=move_form,
        free=free,
        past=reservation.starts_at <= clock.now(),
    ), status


@bp.post("/<int:id>/status")
def status(id: int):
    reservation = db.get_or_404(Reservation, id)
    form = StatusForm()
    if not form.validate():
        abort(400)
    was = reservation.status
    try:
        services.set_status(reservation, form.status.data, current_user, _ip())
    except BookingRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(url_for("reservations_admin.show", id=id), code=303)
    if was == "requested" and reservation.status == "confirmed":
        notices.booked(reservation)
    elif reservation.status == "cancelled" and was != "cancelled":
        notices.cancelled_by_clinic(reservation)
    db.session.commit()
    flash(_("The status is saved."), "success")
    return redirect(url_for("reservations_admin.day", date=reservation.day.isoformat()), code=303)


@bp.post("/<int:id>/move")
def move(id: int):
    """Move the visit to another free time in one step."""
    reservation = db.get_or_404(Reservation, id)
    form = MoveForm()
    start = slots.parse_slot(form.slot.data)
    if "show" in request.form or not form.validate():
        return _show(_visit(id), form, 200 if "show" in request.form else 422)
    try:
        doctor = named_doctor(form.doctor.data, clinic.doctors())
        if start is None:
            raise BookingRefused("no_slot", "slot")
        services.move(reservation, start, doctor, staff=current_user, ip=_ip())
    except BookingRefused as refused:
        db.session.rollback()
        status = form.refused(refused, "slot")
        return _show(_visit(id), form, status)
    notices.moved(reservation)
    db.session.commit()
    flash(_("The visit is moved to %(when)s.", when=clock.to_local(reservation.starts_at)
            .strftime("%H:%M")), "success")  # fmt: skip
    return redirect(url_for("reservations_admin.day", date=reservation.day.isoformat()), code=303)


@bp.route("/new", methods=["GET", "POST"])
def book():
    """Book any patient: a member found by name, mobile or ID (each search is in the access
    record), or a caller who is not a member; a walk-in is the slot under way today."""
    treatments, doctors = offered(), clinic.doctors()
    form = DeskBookingForm()
    form.service.choices = service_choices(treatments, _lang())
    form.doctor.choices = doctor_choices(doctors, _lang())
    source = request.form if request.method == "POST" else request.args
    # A page shown without a choice starts from the first treatment; a booking names its own.
    fallback = treatments[0] if treatments and request.method == "GET" else None
    service = chosen(source.get("service"), treatments, fallback)
    doctor = chosen(source.get("doctor"), doctors)
    shown_day = (form.date.data if request.method == "POST" else None) or params.day(
        "date", clock.today()
    )
    query = (request.args.get("q") or "").strip()[:50]
    found = members.find(query, None, 1, current_user, _ip()).items if query else []
    status_code = 200
    if request.method == "POST" and "show" not in request.form:
        if form.validate():
            try:
                reservation = _book(form, service, named_doctor(source.get("doctor"), doctors))
            except BookingRefused as refused:
                db.session.rollback()
                status_code = form.refused(refused, "slot")
            else:
                notices.booked(reservation)
                db.session.commit()
                flash(_("The visit is booked."), "success")
                return redirect(url_for("reservations_admin.day",
                                        date=reservation.day.isoformat()), code=303)  # fmt: skip
        else:
            status_code = 422
    db.session.commit()  # the search's access-record entry
    assert shown_day is not None
    service = service or (treatments[0] if treatments else None)
    shown = slots.day_slots(shown_day, service, doctor, _lang(), desk=True) if service else None
    form.date.data = shown_day
    form.slot.choices = slot_choices(shown.slots if shown else [])
    member_id = form.member.data or ""
    member = db.session.get(Member, int(member_id)) if member_id.isdigit() else None
    return render_template(
        "reservations/admin_book.html",
        form=form,
        shown=shown,
        day=shown_day,
        query=query,
        found=found,
        chosen=member,
    ), status_code


def _book(form: DeskBookingForm, service, doctor):
    start = slots.parse_slot(form.slot.data)
    if service is None:
        raise BookingRefused("service", "service")
    if start is None:
        raise BookingRefused("no_slot", "slot")
    note = form.note.data
    if form.member.data:
        member = db.session.get(Member, int(form.member.data))
        if member is None:
            raise BookingRefused("member_gone", "member")
        return services.book(member, service, doctor, start, note, staff=current_user, ip=_ip())
    if not (form.patient_name.data and form.patient_mobile.data):
        raise BookingRefused("patient", "patient_name")
    caller = (form.patient_name.data, form.patient_mobile.data)
    reservation = services.book(
        None, service, doctor, start, note, staff=current_user, ip=_ip(), caller=caller
    )
    reservation.notify = "sms" if form.notify.data == "sms" else "none"
    return reservation


def today_note() -> Note:
    """Work on the dashboard: today's visits."""
    return Note(
        _l("visits today"), "reservations_admin.day", _l("See the day"), count=queries.today_count()
    )
