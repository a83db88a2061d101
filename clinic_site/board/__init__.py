"""The consultation board: private inquiries without an account, opened with a password, answered
by staff, destroyed on request or when their retention period ends."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l


def init_app(app: Flask) -> None:
    from ..records.retention import Rule, register
    from ..staff import add_section
    from . import admin_routes, routes, services

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    add_section(app, "board_admin.index", _l("Consultations"))
    register(
        app,
        Rule(
            "consultation",
            "consultation: the set number of days after the last reply, "
            "or after writing if never answered",
            services.destroy_expired,
        ),
    )
