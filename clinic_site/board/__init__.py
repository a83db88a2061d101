"""The consultation board: private inquiries without an account, opened with a password, answered
by staff, destroyed on request or when their retention period ends."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Holder, NoteSource, Rule, Section
from ..privacy.inventory import CONSULTATION


def init_app(app: Flask) -> None:
    from ..records.retention import in_batches
    from . import admin_routes, queries, routes, services
    from .models import ConsultationPost

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    hooks.admin_sections.add(
        app, Section("board_admin.index", _l("Consultations"), order=10, group="work")
    )
    hooks.admin_notes.add(app, NoteSource(admin_routes.waiting_note))
    hooks.member_data.add(
        app,
        Holder(
            "consultation",
            _l("Consultation inquiries, with the clinic's replies"),
            services.destroy_for_member,
            queries.export_for_member,
            queries.mine,
        ),
    )
    hooks.retention_rules.add(
        app,
        Rule(
            "consultation",
            "consultation: the set number of days after the last reply, "
            "or after writing if never answered",
            in_batches(ConsultationPost, services.expired),
            period=CONSULTATION,
        ),
    )
