"""The fee lists Korean law asks a clinic's website to show (Medical Service Act art. 45):
non-covered treatments in the columns patients know, and certificate fees within the Ministry's
caps, each change announced 14 days ahead; with the clinic's note on private insurance claims."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Section, Step


def init_app(app: Flask) -> None:
    from . import admin_routes, routes, services

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    hooks.setup_steps.add(
        app,
        Step(
            _l("List the fees the law asks for (non-covered and certificates)"),
            "fees_admin.index",
            services.listed,
            order=30,
        ),
    )
    hooks.admin_sections.add(app, Section("fees_admin.index", _l("Fee lists"), True, 45))
