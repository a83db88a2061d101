"""The clinic's settings: its details, its privacy manager, and the switches features read; one row,
one cached accessor, the owner's page and the rules a change must keep."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def _manager_named() -> bool:
    from .services import get_settings

    clinic = get_settings()
    return all(
        (clinic.privacy_manager_name, clinic.privacy_manager_phone, clinic.privacy_manager_email)
    )


def init_app(app: Flask) -> None:
    from ..admin import Step, add_section, add_step
    from . import admin_routes
    from .services import clinic_configured

    app.register_blueprint(admin_routes.bp)
    add_section(app, "settings_admin.edit", _l("Clinic settings"), owner_only=True, order=50)
    add_step(
        app,
        Step(
            _l("Save the clinic's name, address and phone"),
            "settings_admin.edit",
            clinic_configured,
            order=10,
        ),
    )
    add_step(
        app,
        Step(
            _l("Name the privacy manager, with a phone and an email"),
            "settings_admin.edit",
            _manager_named,
            order=20,
        ),
    )
