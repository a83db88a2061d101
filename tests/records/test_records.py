from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord, DestructionLog
from clinic_site.records.services import record_access

T0 = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)


def test_purge_destroys_expired_access_records_and_logs_it(app, runner, set_now):
    set_now(T0)
    with app.app_context():
        record_access(None, "view", "consultation", 1)
        db.session.commit()
    set_now(T0 + timedelta(days=729))
    assert "access_record: 0" in runner.invoke(args=["purge"]).output
    set_now(T0 + timedelta(days=731))
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0
    assert "access_record: 1" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessRecord)) == 0
        log = db.session.scalar(sa.select(DestructionLog))
    assert (log.kind, log.count) == ("access_record", 1)
    assert "2 years" in log.rule


def test_backup_is_a_working_copy(app, runner, tmp_path, staff_factory):
    staff_factory("owner")
    dest = tmp_path / "backups" / "clinic.backup"
    result = runner.invoke(args=["backup", str(dest)])
    assert result.exit_code == 0, result.output
    assert dest.stat().st_size > 0
    if app.config["DATABASE_URL"].startswith("sqlite"):
        engine = sa.create_engine(f"sqlite:///{dest}")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT username FROM staff_user")).scalar() == "owner1"
        engine.dispose()
    again = runner.invoke(args=["backup", str(dest)])
    assert again.exit_code == 1 and "exists" in again.output


def test_backup_while_a_writer_holds_a_transaction(app, tmp_path):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("SQLite's online backup")
    from clinic_site.records.backup import backup

    writer = sa.create_engine(app.config["DATABASE_URL"])
    with writer.connect() as conn:
        conn.execute(sa.text("BEGIN IMMEDIATE"))
        conn.execute(
            sa.text(
                "INSERT INTO destruction_log (at, kind, count, rule) "
                "VALUES ('2026-01-01 00:00:00', 'x', 1, 'uncommitted')"
            )
        )
        backup(app.config["DATABASE_URL"], tmp_path / "copy.sqlite3")
        conn.rollback()
    writer.dispose()
    copy = sa.create_engine(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    with copy.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM destruction_log")).scalar() == 0
    copy.dispose()
