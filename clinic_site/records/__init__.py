"""The access record, the destruction log, retention and backup."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask

from ..extensions import db
from ..inventory import IDENTITY_RECORD_DAYS
from . import retention, visits
from .models import AccessRecord, DestructionLog, SignInRecord

# How long the site keeps its own records about personal-data handling (see inventory.py).
ACCESS_RECORD_DAYS = 730
DESTRUCTION_LOG_DAYS = 3 * 365


def _older_than(model, days: int):
    def destroy(at: datetime) -> int:
        result = db.session.execute(db.delete(model).where(model.at < at - timedelta(days=days)))
        return result.rowcount or 0

    return destroy


def init_app(app: Flask) -> None:
    from . import cli

    retention.register(
        app,
        retention.Rule(
            "access_record", "access record: 2 years", _older_than(AccessRecord, ACCESS_RECORD_DAYS)
        ),
    )
    retention.register(
        app,
        retention.Rule(
            "destruction_log",
            "destruction log: 3 years",
            _older_than(DestructionLog, DESTRUCTION_LOG_DAYS),
        ),
    )
    retention.register(
        app,
        retention.Rule(
            "sign_in_record",
            "identity verification records: 6 months",
            _older_than(SignInRecord, IDENTITY_RECORD_DAYS),
        ),
    )
    retention.register(
        app, retention.Rule("visit_record", "visit records: 3 months", visits.destroy_expired)
    )
    visits.init_app(app)
    app.cli.add_command(cli.purge_command)
    app.cli.add_command(cli.backup_command)
