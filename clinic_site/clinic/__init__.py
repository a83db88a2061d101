"""The clinic's own facts in both modes: its doctors, its weekly hours with a lunch break, and the
days it is closed (Korean public holidays and its own). Pages show them; bookings are made from
them."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Section, Step


def init_app(app: Flask) -> None:
    from . import admin_routes, cli, services

    app.register_blueprint(admin_routes.bp)
    app.cli.add_command(cli.setup_clinic_command)
    hooks.setup_steps.add(
        app,
        Step(
            _l("Introduce your doctors"),
            "clinic_admin.doctors",
            services.doctors_named,
            order=35,
        ),
    )
    hooks.setup_steps.add(
        app,
        Step(
            _l("Check the opening hours"),
            "clinic_admin.hours",
            services.hours_checked,
            order=37,
        ),
    )
    for endpoint, label, order in (
        ("clinic_admin.hours", _l("Opening hours"), 40),
        ("clinic_admin.closed", _l("Closed days"), 41),
        ("clinic_admin.doctors", _l("Doctors"), 42),
    ):
        hooks.admin_sections.add(app, Section(endpoint, label, owner_only=True, order=order))
