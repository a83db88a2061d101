"""Members (members mode only): joining as an adult or, under 14, with a legal representative's
consent; signing in and out; my information, its export and withdrawal; the staff's member pages
and the owner's clinic news by email."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..admin import Note, add_note, add_section
from ..extensions import db
from ..identity import register_kind
from .models import Member


def _waiting_children() -> Note | None:
    count = db.session.scalar(
        db.select(db.func.count())
        .select_from(Member)
        .where(Member.is_child, Member.guardian_confirmed_at.is_(None))
    )
    if not count:
        return None
    return Note(
        _l(
            "%(n)d children's accounts wait for their legal representative's confirmation.", n=count
        ),
        "members_admin.index",
        _l("Members"),
        level="warning",
    )


def init_app(app: Flask) -> None:
    from . import admin_routes, routes

    register_kind(app, "member", Member)
    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    add_section(app, "members_admin.index", _l("Members"), order=30)
    add_section(
        app, "members_admin.news_index", _l("Clinic news by email"), owner_only=True, order=60
    )
    add_note(app, _waiting_children)
