"""The rights the policy lists, usable on the site (both modes): a public desk where anyone files
a request to see, correct, delete or stop the processing of their data or to withdraw a consent,
a member's own page for the same, and the staff's list with each request's answer date (10 days;
once 10 more, with a reason). Requests are kept as records of complaints and requests."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Holder, NoteSource, Rule, Section
from ..privacy.inventory import COMPLAINT_RECORD, RIGHTS_KEPT


def init_app(app: Flask) -> None:
    from ..records.retention import in_batches
    from . import account_routes, admin_routes, queries, routes, services
    from .models import RightsRequest

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    if app.config["CLINIC_MODE"] == "members":
        app.register_blueprint(account_routes.bp)
        hooks.member_data.add(
            app,
            Holder(
                "rights_request",
                _l("Requests about my personal information"),
                services.destroy_for_member,
                queries.export_for_member,
                queries.mine,
            ),
        )
    hooks.admin_sections.add(
        app, Section("rights_admin.index", _l("Rights requests"), order=12, group="privacy")
    )
    hooks.admin_notes.add(app, NoteSource(admin_routes.due_note))
    hooks.privacy_evidence.add(app, queries.evidence)
    hooks.retention_rules.add(
        app,
        Rule(
            "rights_request",
            f"rights requests: {COMPLAINT_RECORD.english()} after the answer, or after filing "
            "if never answered",
            in_batches(RightsRequest, services.expired),
            period=RIGHTS_KEPT,
        ),
    )
