"""The clinic's own facts in both modes: its doctors, its weekly hours with a lunch break, and the
days it is closed (Korean public holidays and its own). Pages show them; bookings are made from
them."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..admin import add_section


def init_app(app: Flask) -> None:
    from . import admin_routes

    app.register_blueprint(admin_routes.bp)
    add_section(app, "clinic_admin.hours", _l("Opening hours"), owner_only=True, order=40)
    add_section(app, "clinic_admin.closed", _l("Closed days"), owner_only=True, order=41)
    add_section(app, "clinic_admin.doctors", _l("Doctors"), owner_only=True, order=42)
