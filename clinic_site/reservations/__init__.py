"""Online reservations (members mode only): free times from the clinic's week, booking without
double booking, my reservations, requests from visitors without an account, mail with a calendar
file and the day-before reminder, and the staff's day."""

from __future__ import annotations

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l

from .. import clock
from ..admin import Note, add_note, add_section
from ..extensions import db
from ..identity import Holder, Mine, register_holder
from ..inventory import RESERVATION_KEPT
from ..records.retention import Rule, in_batches, register
from .models import Reservation, ReservationRequest

STATUS_WORDS = {
    "requested": _l("Waiting for the clinic's confirmation"),
    "confirmed": _l("Confirmed"),
    "cancelled": _l("Cancelled"),
    "declined": _l("Declined"),
    "completed": _l("Visited"),
    "no_show": _l("Missed"),
}


def _today() -> Note | None:
    count = db.session.scalar(
        db.select(db.func.count())
        .select_from(Reservation)
        .where(Reservation.day == clock.today(), Reservation.status.in_(("requested", "confirmed")))
    )
    return Note(
        _l("Reservations today: %(n)d", n=count or 0), "reservations_admin.day", _l("See the day")
    )


def _mine(member_id: int) -> list[Mine]:
    from .services import for_member

    upcoming, _past = for_member(member_id)
    return [
        Mine(
            clock.to_local(r.starts_at).strftime("%Y-%m-%d %H:%M"),
            url_for("reservations.index"),
            r.starts_at,
            STATUS_WORDS[r.status],
        )
        for r in upcoming
    ]


def _export(member_id: int) -> list[dict]:
    from .services import for_member

    upcoming, past = for_member(member_id)
    return [
        {
            "starts_at": clock.to_local(r.starts_at).isoformat(),
            "ends_at": clock.to_local(r.ends_at).isoformat(),
            "status": r.status,
            "service_id": r.service_id,
            "doctor_id": r.doctor_id,
            "note": r.note,
            "booked_at": r.created_at.isoformat(),
        }
        for r in upcoming + past
    ]


def init_app(app: Flask) -> None:
    from . import (
        admin_routes,
        cli,
        guest,
        request_admin_routes,
        request_routes,
        routes,
        services,
        setup_routes,
    )

    for module in (routes, request_routes, admin_routes, request_admin_routes, setup_routes):
        app.register_blueprint(module.bp)
    add_section(app, "reservations_admin.day", _l("Reservations"), order=5)
    add_section(app, "booking_setup.settings", _l("Booking rules"), owner_only=True, order=43)
    add_section(app, "booking_setup.services", _l("Treatments to book"), owner_only=True, order=44)
    add_note(app, _today)
    register_holder(
        app,
        Holder(
            "reservation",
            _l("Reservations"),
            services.destroy_for_member,
            _export,
            _mine,
        ),
    )
    kept = f"reservations: {RESERVATION_KEPT.english()} after the visit"
    register(app, Rule("reservation", kept, in_batches(Reservation, services.expired)))
    register(
        app,
        Rule(
            "reservation_request",
            "reservation requests: the set number of days after the answer, or after sending "
            "if never answered",
            in_batches(ReservationRequest, guest.expired),
        ),
    )
    app.cli.add_command(cli.send_reminders_command)
    app.jinja_env.globals["reservation_status"] = STATUS_WORDS
