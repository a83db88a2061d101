"""Members (members mode only): joining as an adult or, under 14, with a legal representative's
consent; signing in and out; my information, its export and withdrawal; the staff's member pages
and the owner's clinic news by email."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import NoteSource, Section, UserKind


def init_app(app: Flask) -> None:
    from . import admin_routes, guardian, representative_routes, routes, terms
    from .models import Member

    hooks.user_kinds.add(app, UserKind("member", Member))
    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    app.register_blueprint(representative_routes.bp)
    app.register_blueprint(terms.bp)
    app.after_request(guardian.record_act)
    hooks.admin_sections.add(
        app, Section("members_admin.index", _l("Members"), order=30, group="work")
    )
    hooks.admin_sections.add(
        app,
        Section(
            "members_admin.news_index",
            _l("Clinic news by email"),
            owner_only=True,
            order=60,
            group="work",
        ),
    )
    hooks.admin_notes.add(app, NoteSource(admin_routes.waiting_children))
