"""The access, sign-in and visit records, the destruction log, retention and backup."""

from __future__ import annotations

from flask import Flask

from ..inventory import IDENTITY_RECORD_DAYS
from . import daily, retention, visits
from .models import AccessRecord, DestructionLog, SignInRecord

# How long the site keeps its own records about personal-data handling (see inventory.py).
ACCESS_RECORD_DAYS = 730
DESTRUCTION_LOG_DAYS = 3 * 365

RULES = (
    retention.Rule("access_record", "access record: 2 years",
                   retention.older_than(AccessRecord, ACCESS_RECORD_DAYS)),
    retention.Rule("destruction_log", "destruction log: 3 years",
                   retention.older_than(DestructionLog, DESTRUCTION_LOG_DAYS)),
    retention.Rule("sign_in_record", "identity verification records: 6 months",
                   retention.older_than(SignInRecord, IDENTITY_RECORD_DAYS)),
    retention.Rule("visit_record", "visit records: 3 months", visits.destroy_expired),
)  # fmt: skip


def init_app(app: Flask) -> None:
    from . import cli

    for rule in RULES:
        retention.register(app, rule)
    visits.init_app(app)
    daily.init_app(app)
    app.cli.add_command(cli.purge_command)
    app.cli.add_command(cli.backup_command)
