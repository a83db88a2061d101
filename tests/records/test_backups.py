"""Backups that expire and restore: `flask backup` writes a manifest beside each copy (rows per
table at backup time); `flask restore-check` restores a copy into a throwaway database and compares;
the purge destroys backups older than the clinic's backup period and logs it. On SQLite and, when
the suite runs on PostgreSQL, on PostgreSQL (a throwaway database made and dropped)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.records.models import BackupRecord, DestructionLog, RestoreCheck
from clinic_site.settings.services import update_settings

T0 = datetime(2026, 5, 1, 1, 0, tzinfo=UTC)


def _backup(runner, dest):
    result = runner.invoke(args=["backup", str(dest)])
    assert result.exit_code == 0, result.output
    return json.loads(dest.with_name(dest.name + ".json").read_text())


def _is_sqlite(app) -> bool:
    return app.config["DATABASE_URL"].startswith("sqlite")


def test_a_backup_restores_and_matches_its_manifest(app, runner, tmp_path, staff_factory):
    staff_factory("owner")
    staff_factory("staff")
    dest = tmp_path / "backups" / "clinic.backup"
    manifest = _backup(runner, dest)
    assert manifest["tables"]["staff_user"] == 2
    assert manifest["engine"] == ("sqlite" if _is_sqlite(app) else "postgresql")
    assert oct(dest.with_name("clinic.backup.json").stat().st_mode & 0o777) == "0o600"
    # The site carries on changing; the copy still matches what it held.
    staff_factory("staff")
    result = runner.invoke(args=["restore-check", str(dest)])
    assert result.exit_code == 0, result.output
    assert "Restore check passed" in result.output
    with app.app_context():
        check = db.session.scalar(sa.select(RestoreCheck))
        assert check.ok and check.tables == len(manifest["tables"])
        assert check.rows == sum(manifest["tables"].values())
        # No throwaway database is left behind.
        if not _is_sqlite(app):
            names = db.session.scalars(sa.text("SELECT datname FROM pg_database")).all()
            assert not [n for n in names if n.startswith("clinic_restore_check_")]


def test_a_copy_that_lost_rows_fails_the_check(app, runner, tmp_path, staff_factory):
    staff_factory("owner")
    dest = tmp_path / "clinic.backup"
    manifest = _backup(runner, dest)
    # The manifest says one more row than the copy holds: as if the copy had lost it.
    manifest["tables"]["staff_user"] += 1
    dest.with_name("clinic.backup.json").write_text(json.dumps(manifest))
    result = runner.invoke(args=["restore-check", str(dest)])
    assert result.exit_code != 0
    assert "staff_user: 1 rows restored, 2 at backup time" in result.output
    with app.app_context():
        assert db.session.scalar(sa.select(RestoreCheck.ok)) is False


def test_a_missing_or_broken_backup_fails_readably(app, runner, tmp_path):
    missing = runner.invoke(args=["restore-check", str(tmp_path / "nothing.backup")])
    assert missing.exit_code != 0 and "no backup file" in missing.output
    stray = tmp_path / "stray.backup"
    stray.write_bytes(b"not a database at all")
    result = runner.invoke(args=["restore-check", str(stray)])
    assert result.exit_code != 0 and "no manifest" in result.output
    stray.with_name("stray.backup.json").write_text(
        json.dumps(
            {"engine": "sqlite" if _is_sqlite(app) else "postgresql", "tables": {"staff_user": 1}}
        )  # fmt: skip
    )
    broken = runner.invoke(args=["restore-check", str(stray)])
    assert broken.exit_code != 0 and "restore check failed" in broken.output
    assert "Traceback" not in broken.output


def test_the_purge_destroys_backups_past_the_clinics_period(app, runner, tmp_path, set_now):
    set_now(T0)
    old, recent = tmp_path / "old.backup", tmp_path / "recent.backup"
    _backup(runner, old)
    set_now(T0 + timedelta(days=20))
    _backup(runner, recent)
    set_now(T0 + timedelta(days=31))
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "backup: 1" in result.output
    assert not old.exists() and not old.with_name("old.backup.json").exists()
    assert recent.exists()
    with app.app_context():
        log = db.session.scalar(sa.select(DestructionLog).where(DestructionLog.kind == "backup"))
        assert log.count == 1
        assert db.session.scalar(
            sa.select(BackupRecord.destroyed_at).where(BackupRecord.path == str(old.resolve()))
        )
        # The owner keeps backups 7 days from now on: the recent one (11 days old) goes too.
        update_settings(backup_retention_days=7)
        db.session.commit()
    assert "backup: 1" in runner.invoke(args=["purge"]).output
    assert not recent.exists()


def test_the_owner_sets_the_backup_period(app, en_owner_client):
    from tests.fixtures.staff import GOOD
    from tests.helpers import submit

    answer = submit(en_owner_client, "/admin/settings", {**GOOD, "backup_retention_days": "14"})
    assert answer.status_code in (302, 303)
    with app.app_context():
        from clinic_site.settings.queries import get_settings

        assert get_settings().backup_retention_days == 14
    refused = submit(en_owner_client, "/admin/settings", {**GOOD, "backup_retention_days": "0"})
    assert refused.status_code == 422


def test_a_sqlite_copy_is_a_database(app, runner, tmp_path):
    if not _is_sqlite(app):
        return
    dest = tmp_path / "copy.sqlite3"
    _backup(runner, dest)
    with sqlite3.connect(dest) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
