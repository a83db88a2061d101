"""The staff's day under /admin/reservations: every slot of a day with its bookings per doctor,
visitors' requests beside it, a booking's details (each opening recorded), status changes, and
booking on behalf of a member who phoned."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ...accounts.models import Member
from ...admin.gate import require_staff
from ...clinic import services as clinic
from ...extensions import db
from ...identity.users import normal_username
from ...platform import clock
from ...platform.hooks import Note
from ...privacy.masking import mask_name
from .. import notices, queries, services, slots
from ..forms import ActionForm, doctor_choices, service_choices, slot_choices
from ..models import Reservation
from ..refusals import BookingRefused
from ..requests import queries as request_queries
from ..requests.models import ReservationRequest
from ..setup.models import Service
from ..setup.queries import booking_rules, offered
from .forms import MemberBookingForm, StatusForm

bp = Blueprint("reservations_admin", __name__, url_prefix="/admin/reservations")
bp.before_request(require_staff)


def _ip() -> str:
    return request.remote_addr or ""


def _day() -> date:
    raw = request.args.get("date")
    try:
        return date.fromisoformat(raw) if raw else clock.today()
    except ValueError:
        abort(404)


def _patient(reservation: Reservation, members: dict, requests: dict) -> str:
    """The patient's name, masked: the day view is read over a shoulder at the front desk."""
    if reservation.member_id in members:
        return mask_name(members[reservation.member_id].name)
    if reservation.request_id in requests:
        return mask_name(requests[reservation.request_id].name)
    return "—"


@bp.get("")
def day():
    shown = _day()
    rows = list(
        db.session.scalars(
            db.select(Reservation).where(Reservation.day == shown).order_by(Reservation.starts_at)
        )
    )
    member_ids = {r.member_id for r in rows if r.member_id}
    request_ids = {r.request_id for r in rows if r.request_id}
    members = (
        {m.id: m for m in db.session.scalars(db.select(Member).where(Member.id.in_(member_ids)))}
        if member_ids
        else {}
    )
    requests = (
        {
            q.id: q
            for q in db.session.scalars(
                db.select(ReservationRequest).where(ReservationRequest.id.in_(request_ids))
            )
        }
        if request_ids
        else {}
    )
    doctors = clinic.doctors(active_only=False)
    grid = _grid(shown, rows, doctors)
    return render_template(
        "reservations/admin_day.html",
        day=shown,
        previous_day=shown - timedelta(days=1),
        next_day=shown + timedelta(days=1),
        grid=grid,
        doctors=[d for d in doctors if any(d.id in cells for _t, cells in grid) or d.active],
        rows=rows,
        patient=lambda r: _patient(r, members, requests),
        services={s.id: s.name(str(get_locale())) for s in db.session.scalars(db.select(Service))},
        open_requests=request_queries.open_requests(),
        mask=mask_name,
        hours=clinic.hours_on(shown),
    )


def _grid(day: date, rows: list[Reservation], doctors) -> list[tuple[datetime, dict]]:
    """Each slot start of the day, and per doctor the reservations that hold it."""
    rules = booking_rules()
    hours = clinic.hours_on(day)
    step = timedelta(minutes=rules.slot_minutes)
    times: list[datetime] = []
    if hours is not None:
        at = datetime.combine(day, hours.opens, tzinfo=clock.zone())
        while at < datetime.combine(day, hours.closes, tzinfo=clock.zone()):
            times.append(at)
            at += step
    for row in rows:  # a booking outside today's hours still shows
        start = clock.to_local(row.starts_at)
        if start not in times:
            times.append(start)
    times.sort()
    grid = []
    for at in times:
        cells: dict[int, list[Reservation]] = {}
        for row in rows:
            if (
                row.doctor_id
                and row.status != "cancelled"
                and clock.to_local(row.starts_at) <= at < clock.to_local(row.ends_at)
            ):
                cells.setdefault(row.doctor_id, []).append(row)
        grid.append((at, cells))
    return grid


@bp.get("/<int:id>")
def show(id: int):
    reservation = queries.reservation_for_staff(id, current_user, _ip())
    if reservation is None:
        abort(404)
    db.session.commit()
    member = db.session.get(Member, reservation.member_id) if reservation.member_id else None
    origin = (
        db.session.get(ReservationRequest, reservation.request_id)
        if reservation.request_id
        else None
    )
    service = db.session.get(Service, reservation.service_id) if reservation.service_id else None
    return render_template(
        "reservations/admin_show.html",
        reservation=reservation,
        member=member,
        origin=origin,
        service=service,
        doctor=reservation.doctor_id and clinic.doctor(reservation.doctor_id),
        form=ActionForm(),
    )


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
    db.session.commit()
    if was == "requested" and reservation.status == "confirmed":
        notices.send_confirmation(reservation)
    flash(_("The status is saved."), "success")
    return redirect(url_for("reservations_admin.day", date=reservation.day.isoformat()), code=303)


@bp.route("/new", methods=["GET", "POST"])
def book():
    """Book for a member who phoned: their ID, a treatment, a doctor and a free time."""
    treatments, doctors = offered(), clinic.doctors()
    form = MemberBookingForm()
    lang = str(get_locale())
    form.service.choices = service_choices(treatments, lang)
    form.doctor.choices = doctor_choices(doctors, lang)
    source = request.form if request.method == "POST" else request.args
    service = next(
        (s for s in treatments if str(s.id) == source.get("service")),
        treatments[0] if treatments else None,
    )
    doctor = next((d for d in doctors if str(d.id) == source.get("doctor")), None)
    shown_day = form.date.data if request.method == "POST" else None
    shown_day = shown_day or _day()
    status_code = 200
    if request.method == "POST" and "show" not in request.form and form.validate():
        member = db.session.scalar(
            db.select(Member).where(Member.username == normal_username(form.member.data))
        )
        start = slots.parse_slot(form.slot.data)
        if member is None:
            form.member.errors.append(_("There is no member with this ID."))
        elif start is None or service is None:
            status_code = form.refused(BookingRefused("no_slot"), "slot")
        else:
            try:
                reservation = services.book(
                    member, service, doctor, start, form.note.data, staff=current_user, ip=_ip()
                )
            except BookingRefused as refused:
                db.session.rollback()
                status_code = form.refused(refused, "slot")
            else:
                db.session.commit()
                notices.send_confirmation(reservation)
                flash(_("The visit is booked."), "success")
                return redirect(
                    url_for("reservations_admin.day", date=reservation.day.isoformat()), code=303
                )
        status_code = status_code if status_code != 200 else 422
    shown = slots.day_slots(shown_day, service, doctor, lang) if service else None
    form.date.data = shown_day
    form.slot.choices = slot_choices(shown.slots if shown else [])
    return render_template(
        "reservations/admin_book.html", form=form, shown=shown, day=shown_day
    ), status_code


def today_note() -> Note:
    """Work on the dashboard: today's visits."""
    return Note(
        _l("visits today"), "reservations_admin.day", _l("See the day"), count=queries.today_count()
    )
