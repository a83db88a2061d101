"""The consultation board: private inquiries without an account, opened with a password, answered
by staff, destroyed on request or when their retention period ends."""

from __future__ import annotations

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l

from ..admin import add_section
from ..identity import Holder, Mine, register_holder
from ..records.retention import Rule, in_batches, register


def _mine(member_id: int) -> list[Mine]:
    from .services import mine

    return [
        Mine(title, url_for("board.show", id=number), at, _l("Answered") if done else _l("Waiting"))
        for number, title, at, done in mine(member_id)
    ]


def init_app(app: Flask) -> None:
    from . import admin_routes, routes, services
    from .models import ConsultationPost

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    add_section(app, "board_admin.index", _l("Consultations"), order=10)
    register_holder(
        app,
        Holder(
            "consultation",
            _l("Consultation inquiries, with the clinic's replies"),
            services.destroy_for_member,
            services.export_for_member,
            _mine,
        ),
    )
    register(
        app,
        Rule(
            "consultation",
            "consultation: the set number of days after the last reply, "
            "or after writing if never answered",
            in_batches(ConsultationPost, services.expired),
        ),
    )
