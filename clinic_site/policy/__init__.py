"""The privacy policy: versions, announcement history, the notice of upcoming changes, the owner's
editor and the first version generated from the data inventory (``generated.py``)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import NoteSource, Section, Step


def init_app(app: Flask) -> None:
    from . import admin_routes, cli, notice, queries, routes

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    app.cli.add_command(cli.policy_group)
    app.context_processor(notice.notice_context)
    hooks.admin_sections.add(
        app, Section("policy_admin.index", _l("Privacy policy"), order=70, group="privacy")
    )
    hooks.admin_notes.add(app, NoteSource(admin_routes.retention_mismatch, owner_only=True))
    hooks.retention_authorities.add(app, queries.states_retention_days)
    hooks.setup_steps.add(
        app,
        Step(
            _l("Read the privacy policy the site wrote for you, and publish it"),
            "policy_admin.index",
            queries.published,
            order=40,
            required=True,
        ),
    )
