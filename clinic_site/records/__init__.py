"""The records the site keeps about its own handling of personal data (access, sign-in, consent and
visit records, the destruction log), their retention and purge, backup, and the owner's pages that
read them. How long each is kept comes from the inventory."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from .. import inventory
from . import daily, retention, visits
from .models import AccessRecord, ConsentRecord, DestructionLog, SignInRecord

RULES = (
    retention.Rule.kept("access_record", "access record", AccessRecord, inventory.ACCESS_RECORD),
    retention.Rule.kept(
        "destruction_log", "destruction log", DestructionLog, inventory.COMPLAINT_RECORD
    ),
    retention.Rule.kept(
        "sign_in_record", "identity verification records", SignInRecord, inventory.IDENTITY_RECORD
    ),
    retention.Rule.kept(
        "consent_record", "consent record", ConsentRecord, inventory.CONSENT_RECORD
    ),
    retention.Rule(
        "visit_record",
        f"visit records: {inventory.VISIT_RECORD.english()}",
        visits.destroy_expired,
        on_this_machine=True,
    ),
)


def init_app(app: Flask) -> None:
    from ..admin import add_section
    from . import admin_routes, cli

    for rule in RULES:
        retention.register(app, rule)
    visits.init_app(app)
    daily.init_app(app)
    app.register_blueprint(admin_routes.bp)
    app.cli.add_command(cli.purge_command)
    app.cli.add_command(cli.backup_command)
    add_section(app, "records_admin.audit", _l("Access record"), owner_only=True, order=80)
    add_section(
        app, "records_admin.consent", _l("Cookie consent record"), owner_only=True, order=90
    )
