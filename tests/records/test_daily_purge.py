"""Records are destroyed on time even where no cron runs `flask purge`."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.platform.hooks import app_state
from clinic_site.records.models import AccessRecord, DestructionLog
from clinic_site.records.services import record_access

T0 = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_first_request_of_a_day_purges_once(make_app, tmp_path):
    app = make_app(DAILY_PURGE="inline")
    app.config["CLOCK_FROZEN_AT"] = T0
    with app.app_context():
        record_access(None, "view", "consultation", 1)
        db.session.commit()
    client = app.test_client()
    client.get("/")
    assert _count(app, AccessRecord) == 1  # not yet expired
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(days=731)
    client.get("/")
    assert _count(app, AccessRecord) == 0
    with app.app_context():
        kinds = db.session.scalars(sa.select(DestructionLog.kind)).all()
    # The access record, and the visit record of the first day's request.
    assert sorted(kinds) == ["access_record", "visit_record"]
    assert (tmp_path / "instance" / "last_purge").read_text() == "2028-01-11"
    # A second worker on the same day finds the date written and does nothing more.
    other = make_app(DAILY_PURGE="inline")
    other.config["CLOCK_FROZEN_AT"] = T0 + timedelta(days=731)
    other.test_client().get("/")
    assert _count(app, DestructionLog) == 2


def test_a_new_database_started_from_the_same_folder_is_purged_the_same_day(make_app, tmp_path):
    """A site set up again on a new database (or a second site from the same folder) must not
    take the old database's purge for its own: its privacy desk would say it never ran."""
    from clinic_site.records.models import PurgeRun

    first = make_app(DAILY_PURGE="inline")
    first.config["CLOCK_FROZEN_AT"] = T0
    first.test_client().get("/")
    assert _count(first, PurgeRun) == 1
    second = make_app(
        DAILY_PURGE="inline",
        DATABASE_URL=f"sqlite:///{tmp_path}/second.sqlite3",
        SCHEMA_AUTO_UPGRADE=True,
    )
    second.config["CLOCK_FROZEN_AT"] = T0
    second.test_client().get("/")
    assert _count(second, PurgeRun) == 1


def test_a_failed_purge_is_tried_again_later(make_app, tmp_path):
    from clinic_site.platform import hooks
    from clinic_site.platform.hooks import Rule
    from clinic_site.records import daily

    app = make_app(DAILY_PURGE="inline")
    calls = []

    def fails(at):
        calls.append(at)
        raise RuntimeError("database is locked")

    hooks.retention_rules.add(app, Rule("test_record", "test", fails))
    app.config["CLOCK_FROZEN_AT"] = T0
    client = app.test_client()
    client.get("/")
    assert not (tmp_path / "instance" / "last_purge").exists()
    client.get("/")
    assert len(calls) == 1  # not on every request...
    app_state("daily_purge", dict, app)["retry_after"] = 0  # ...but once the pause is over
    client.get("/")
    assert len(calls) == 2
    assert daily.RETRY_SECONDS >= 60
