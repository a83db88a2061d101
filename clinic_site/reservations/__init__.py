"""Online reservations (members mode only): free times from the clinic's week, booking without
double booking (``seats.py``), and its sub-features, each a folder: ``booking/`` (the member's
pages), ``waitlist/`` (waiting for a freed time), ``requests/`` (visitors without an account),
``desk/`` (the front desk), ``blocks/`` (blocked time) and ``setup/`` (the owner's rules and
treatments)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Holder, NoteSource, Rule, Section, Step
from ..privacy.inventory import CONSULTATION, RESERVATION_KEPT, WAITLIST_KEPT


def init_app(app: Flask) -> None:
    from ..records.retention import in_batches
    from . import cli, queries, services
    from .blocks import admin_routes as blocks
    from .blocks.queries import days_away
    from .booking import routes as booking
    from .booking.month import day_links
    from .desk import admin_routes as desk
    from .models import Reservation
    from .requests import admin_routes as requests_admin
    from .requests import routes as requests
    from .requests import services as requests_services
    from .requests.models import ReservationRequest
    from .setup import admin_routes as setup
    from .setup import queries as setup_queries
    from .statuses import STATUS_WORDS
    from .waitlist import queries as waitlist_queries
    from .waitlist import routes as waitlist
    from .waitlist import services as waitlist_services
    from .waitlist.models import WaitlistEntry

    for module in (booking, waitlist, requests, desk, requests_admin, blocks, setup):
        app.register_blueprint(module.bp)
    hooks.admin_sections.add(
        app, Section("reservations_admin.day", _l("Reservations"), order=5, group="work")
    )
    hooks.admin_sections.add(
        app, Section("reservations_admin.book", _l("Book a visit"), order=6, group="work")
    )
    hooks.doctor_days_away.add(app, days_away)
    hooks.admin_sections.add(
        app, Section("blocks_admin.index", _l("Blocked time"), order=7, group="work")
    )
    hooks.admin_sections.add(
        app, Section("booking_setup.settings", _l("Booking rules"), owner_only=True, order=43)
    )
    hooks.admin_sections.add(
        app,
        Section("booking_setup.services", _l("Treatments to book"), owner_only=True, order=44),
    )
    hooks.setup_steps.add(
        app,
        Step(
            _l("Choose what patients can book online"),
            "booking_setup.services",
            setup_queries.booking_checked,
            order=52,
        ),
    )
    hooks.admin_notes.add(app, NoteSource(desk.today_note))
    hooks.admin_notes.add(app, NoteSource(requests_admin.open_note))
    hooks.member_data.add(
        app,
        Holder(
            "reservation",
            _l("Reservations"),
            services.destroy_for_member,
            queries.export_for_member,
            queries.mine,
        ),
    )
    hooks.member_data.add(
        app,
        Holder(
            "waitlist",
            _l("Waiting list"),
            waitlist_services.destroy_for_member,
            waitlist_queries.export_for_member,
            waitlist_queries.mine,
        ),
    )
    hooks.retention_rules.add(
        app,
        Rule(
            "waitlist",
            "waiting list: when the day waited for has passed",
            in_batches(WaitlistEntry, waitlist_services.expired),
            period=WAITLIST_KEPT,
        ),
    )
    kept = f"reservations: {RESERVATION_KEPT.english()} after the visit"
    hooks.retention_rules.add(
        app,
        Rule(
            "reservation",
            kept,
            in_batches(Reservation, services.expired),
            period=RESERVATION_KEPT,
        ),
    )
    hooks.retention_rules.add(
        app,
        Rule(
            "reservation_request",
            "reservation requests: the set number of days after the answer, or after sending "
            "if never answered",
            in_batches(ReservationRequest, requests_services.expired),
            period=CONSULTATION,
        ),
    )
    app.cli.add_command(cli.send_reminders_command)
    app.jinja_env.globals["reservation_status"] = STATUS_WORDS
    app.jinja_env.globals["day_links"] = day_links
