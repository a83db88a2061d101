"""The owner's privacy desk at /admin/privacy: each promise the policy makes, grouped as the policy
groups them, beside the mechanism that keeps it and its latest evidence from the database, in red,
amber or green with the reason in words. Staff may read it; the dashboard shows the count of reds
(through the ``admin_notes`` hook: the admin shell does not import the desk)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import NoteSource, Section


def init_app(app: Flask) -> None:
    from . import admin_routes

    app.register_blueprint(admin_routes.bp)
    hooks.admin_sections.add(
        app, Section("privacy_desk.index", _l("Privacy desk"), order=60, group="privacy")
    )
    hooks.admin_notes.add(app, NoteSource(admin_routes.reds_note, owner_only=True))
    hooks.admin_notes.add(app, NoteSource(admin_routes.server_note, owner_only=True))
