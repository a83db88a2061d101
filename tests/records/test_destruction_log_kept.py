"""The destruction log keeps its own promise: an entry is kept 3 years, then the purge destroys it
and says so (in a new entry, which starts its own 3 years)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.records.models import DestructionLog
from clinic_site.records.services import log_destruction

T0 = datetime(2023, 3, 1, 1, 0, tzinfo=UTC)


def test_an_entry_is_kept_three_years_then_destroyed(app, runner, set_now):
    set_now(T0)
    with app.app_context():
        log_destruction("consultation", 4, "inquiries: 365 days")
        db.session.commit()
    set_now(datetime(2026, 2, 28, 1, 0, tzinfo=UTC))  # a day short of 3 years
    assert "destruction_log: 0" in runner.invoke(args=["purge"]).output
    set_now(datetime(2026, 3, 1, 1, 0, tzinfo=UTC) + timedelta(minutes=1))
    assert "destruction_log: 1" in runner.invoke(args=["purge"]).output
    with app.app_context():
        rows = db.session.execute(sa.select(DestructionLog.kind, DestructionLog.count)).all()
    assert [tuple(r) for r in rows] == [("destruction_log", 1)]
