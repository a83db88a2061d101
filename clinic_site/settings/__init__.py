"""The clinic's settings: its details, its privacy manager, and the switches features read; one row,
one cached accessor (``queries.get_settings``), the owner's page and the rules a change must
keep."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Section, Step


def init_app(app: Flask) -> None:
    from . import admin_routes, queries

    app.register_blueprint(admin_routes.bp)
    hooks.admin_sections.add(
        app, Section("settings_admin.edit", _l("Clinic settings"), owner_only=True, order=50)
    )
    hooks.setup_steps.add(
        app,
        Step(
            _l("Save the clinic's name, address and phone"),
            "settings_admin.edit",
            queries.clinic_configured,
            order=10,
            required=True,
        ),
    )
    hooks.setup_steps.add(
        app,
        Step(
            _l("Name the privacy manager, with a phone and an email"),
            "settings_admin.edit",
            queries.manager_named,
            order=20,
            required=True,
        ),
    )
