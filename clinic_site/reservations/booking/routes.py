"""The member's side of booking: the booking page (a month at a glance, the times that fit, the
rule for changes said before booking), my reservations, cancelling, moving a visit and its
calendar file."""

from __future__ import annotations

from datetime import date, timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from ...accounts.access import member_required, the_member
from ...admin.readiness import collects_personal_data
from ...clinic import services as clinic
from ...clinic.models import Doctor
from ...core.dates import moment
from ...extensions import db
from ...platform import clock
from ...settings.queries import get_settings
from .. import notices, queries, services, slots
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
from ..setup.models import Service
from ..setup.queries import booking_rules, offered
from .forms import BookingForm, MoveForm
from .month import month_of

bp = Blueprint("reservations", __name__, url_prefix="/reservations")


def _lang() -> str:
    return str(get_locale())


def _choices(form: BookingForm, offered: list[Service], doctors: list[Doctor]) -> None:
    lang = _lang()
    form.service.choices = service_choices(offered, lang)
    form.doctor.choices = doctor_choices(doctors, lang)


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@bp.route("/new", methods=["GET", "POST"])
@collects_personal_data
@member_required
def new():
    member = the_member()
    treatments, doctors = offered(), clinic.doctors()
    form = BookingForm()
    _choices(form, treatments, doctors)
    source = request.form if request.method == "POST" else request.args
    # A page shown without a choice starts from the first treatment; a booking names its own.
    fallback = treatments[0] if treatments and request.method == "GET" else None
    service = chosen(source.get("service"), treatments, fallback)
    doctor = chosen(source.get("doctor"), doctors) if len(doctors) > 1 else None
    day = form.date.data if request.method == "POST" else _day(request.args.get("date"))
    status = 200
    if not member.can_book:
        # A page that says why, not a bare refusal; a booking sent anyway is a conflict.
        code = 409 if request.method == "POST" else 200
        return render_template("reservations/cannot_book.html", member=member), code
    if request.method == "POST" and "show" not in request.form and form.validate():
        try:
            if len(doctors) > 1:
                doctor = named_doctor(source.get("doctor"), doctors)
            _book(member, service, doctor, form)
        except BookingRefused as refused:
            db.session.rollback()
            status = form.refused(refused, "slot")
        else:
            return redirect(url_for("reservations.index"), code=303)
    elif request.method == "POST" and form.errors:
        status = 422
    shown_service = service or (treatments[0] if treatments else None)
    return _page(form, treatments, doctors, shown_service, doctor, day), status


def _book(member, service, doctor, form) -> None:
    """Book what the form says (raises BookingRefused)."""
    start = slots.parse_slot(form.slot.data)
    if service is None:
        raise BookingRefused("service", "service")
    if start is None:
        raise BookingRefused("no_slot", "slot")
    reservation = services.book(member, service, doctor, start, form.note.data)
    notices.booked(reservation)
    db.session.commit()
    if reservation.status == "confirmed":
        until = moment(services.cancel_deadline(reservation))
        flash(
            _("Your visit is booked. You can add it to your calendar below; until %(when)s you "
              "can also move or cancel it here.", when=until),
            "success",
        )  # fmt: skip
    else:
        flash(
            _("Your request is sent. The clinic confirms it soon; you see the status here."),
            "success",
        )


# How far before today or past the horizon a day asked for is still shown (as not bookable).
SHOWN_AROUND = timedelta(days=366)


def _times(form, service, doctor, day, lang: str) -> dict:
    """What the booking and move pages show for a choice: the day (the first with a free time
    when none is asked for), its free times with those inside the change window marked, the
    month around it, and the next free day when the day has none."""
    first, last = slots.horizon(booking_rules())
    held = slots.held_in_window(doctor)  # seats and blocks of every day these pages look at
    if day is not None and not first - SHOWN_AROUND <= day <= last + SHOWN_AROUND:
        day = None  # a day nobody could book near (9999-12-31): the usual page, no arithmetic
    if day is None:
        # No day asked for: the first day with a free time, from today on.
        day = first if slots.day_slots(first, service, doctor, lang, held).slots else None
        day = day or slots.next_free_day(first, service, doctor, held) or first
    shown = slots.day_slots(day, service, doctor, lang, held)
    following = slots.next_free_day(day, service, doctor, held) if not shown.slots else None
    form.service.data = str(service.id)
    form.doctor.data = str(doctor.id) if doctor else "any"
    form.date.data = day
    form.slot.choices = slot_choices(shown.slots)
    return {
        "day": day,
        "shown": shown,
        "following": following,
        "late": {s.value for s in shown.slots if services.inside_change_window(s.start)},
        "month": month_of(day, service, doctor, held, first, last),
        "previous_day": day - timedelta(days=1) if day > first else None,
        "next_day": day + timedelta(days=1) if day < last else None,
        "rules": booking_rules(),
        "grace_minutes": int(services.GRACE.total_seconds() // 60),
    }


def _page(form, treatments, doctors, service, doctor, day):
    lang = _lang()
    times = _times(form, service, doctor, day, lang) if service is not None else {}
    return render_template(
        "reservations/new.html",
        form=form,
        service=service,
        doctor=doctor,
        several_doctors=len(doctors) > 1,
        waitlist_form=ActionForm(),
        **times,
    )


@bp.get("")
@member_required
def index():
    member = the_member()
    upcoming, past = queries.for_member(member.id)
    return render_template(
        "reservations/index.html",
        upcoming=upcoming,
        past=past,
        deadline=services.cancel_deadline,
        now=clock.now(),
        names=queries.names(upcoming + past, _lang()),
        form=ActionForm(),
        phone=get_settings().phone,
    )


@bp.post("/<int:id>/cancel")
@member_required
def cancel(id: int):
    member = the_member()
    reservation = db.get_or_404(Reservation, id)
    if reservation.member_id != member.id:
        abort(404)  # another member's reservation is not there at all
    try:
        services.cancel(reservation, member)
    except BookingRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(url_for("reservations.index"), code=303)
    db.session.commit()
    flash(_("Your reservation is cancelled; the time is free for others again."), "success")
    return redirect(url_for("reservations.index"), code=303)


def _own(id: int) -> Reservation:
    reservation = db.get_or_404(Reservation, id)
    if reservation.member_id != the_member().id:
        abort(404)  # another member's reservation is not there at all
    return reservation


@bp.route("/<int:id>/move", methods=["GET", "POST"])
@member_required
def move(id: int):
    """Another free time for my visit, in one step: the old time is given back only if the new
    one is had."""
    member = the_member()
    reservation = _own(id)
    doctors = clinic.doctors()
    form = MoveForm()
    form.doctor.choices = doctor_choices(doctors, _lang())
    service = db.session.get(Service, reservation.service_id) if reservation.service_id else None
    source = request.form if request.method == "POST" else request.args
    doctor = chosen(source.get("doctor"), doctors) if len(doctors) > 1 else None
    day = form.date.data if request.method == "POST" else _day(request.args.get("date"))
    day = day or reservation.day  # the visit's own day first: most moves stay near it
    can_move = (
        service is not None
        and reservation.holds_slot
        and clock.now() <= services.cancel_deadline(reservation)
    )
    status = 200
    if request.method == "POST" and "show" not in request.form:
        try:
            if not can_move:
                raise BookingRefused("deadline" if reservation.holds_slot else "not_movable",
                                     "slot", phone=get_settings().phone or "")  # fmt: skip
            if len(doctors) > 1:
                doctor = named_doctor(source.get("doctor"), doctors)
            start = slots.parse_slot(form.slot.data)
            if start is None:
                raise BookingRefused("no_slot", "slot")
            services.move(reservation, start, doctor, member=member)
        except BookingRefused as refused:
            db.session.rollback()
            status = form.refused(refused, "slot")
        else:
            notices.moved(reservation)
            db.session.commit()
            flash(_("Your visit is moved to %(when)s.", when=moment(reservation.starts_at)),
                  "success")  # fmt: skip
            return redirect(url_for("reservations.index"), code=303)
    times = _times(form, service, doctor, day, _lang()) if can_move and service else {}
    return render_template(
        "reservations/move.html",
        reservation=reservation,
        form=form,
        service=service,
        doctor=doctor,
        can_move=can_move,
        deadline=services.cancel_deadline(reservation),
        several_doctors=len(doctors) > 1,
        names=queries.names([reservation], _lang()),
        **times,
    ), status


@bp.get("/<int:id>/calendar.ics")
@member_required
def calendar_file(id: int):
    """The visit as a calendar file, the same one the confirmation mail carries."""
    reservation = _own(id)
    if not reservation.holds_slot:
        abort(404)
    return Response(
        notices.calendar_file(reservation),
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="visit-{reservation.id}.ics"'},
    )
