import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.platform import hooks
from clinic_site.records import retention
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


def _access_records(app, count: int) -> None:
    with app.app_context():
        for number in range(count):
            record_access(None, "view", "consultation", number)
        db.session.commit()


def test_purge_goes_batch_by_batch_and_logs_the_whole(app, runner, set_now, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 3)
    set_now(T0)
    _access_records(app, 10)
    set_now(T0 + timedelta(days=731))
    assert "access_record: 10" in runner.invoke(args=["purge"]).output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessRecord)) == 0
        logs = db.session.scalars(sa.select(DestructionLog)).all()
    assert [(log.kind, log.count) for log in logs] == [("access_record", 10)]


def test_a_purge_stopped_half_way_keeps_what_it_logged(app, set_now, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 3)
    set_now(T0)
    _access_records(app, 10)
    set_now(T0 + timedelta(days=731))
    rules = hooks.retention_rules.items(app)
    place, rule = next((n, r) for n, r in enumerate(rules) if r.kind == "access_record")

    def stops_after_two(at):
        for number, count in enumerate(rule.destroy_expired(at)):
            if number == 2:
                raise RuntimeError("the machine went down")
            yield count

    rules[place] = dataclasses.replace(rule, destroy_expired=stops_after_two)
    monkeypatch.setattr(hooks.retention_rules, "items", lambda app=None: rules)  # this test only
    with app.app_context(), pytest.raises(RuntimeError):
        retention.purge()
    with app.app_context():
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AccessRecord)) == 4
        log = db.session.scalar(sa.select(DestructionLog))
    assert (log.kind, log.count) == ("access_record", 6)


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


def test_visits_are_recorded_without_query_strings_and_destroyed_after_3_months(
    app, client, runner, set_now, tmp_path
):
    set_now(T0)
    client.get("/?lang=secret-search", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    client.get("/static/css/site.css").close()
    day_file = tmp_path / "visits" / "2026-01-10.log"
    lines = day_file.read_text().splitlines()
    assert len(lines) == 1
    assert "203.0.113.7\tGET\t/\t200" in lines[0] and "secret" not in lines[0]
    set_now(T0 + timedelta(days=90))
    assert "visit_record: 0" in runner.invoke(args=["purge"]).output
    set_now(T0 + timedelta(days=92))
    assert "visit_record: 1" in runner.invoke(args=["purge"]).output
    assert not day_file.exists()


def test_sign_in_attempts_are_recorded_and_kept_6_months(
    app, client, runner, set_now, staff_factory
):
    from clinic_site.records.models import SignInRecord
    from tests.helpers import login_staff

    set_now(T0)
    username, password = staff_factory("owner")
    login_staff(client, username, "wrong-password")
    login_staff(client, "nobody-at-all", "wrong-password")
    login_staff(client, username, password)
    with app.app_context():
        rows = db.session.scalars(sa.select(SignInRecord).order_by(SignInRecord.id)).all()
        assert [(r.outcome, r.account_id is not None) for r in rows] == [
            ("refused", True),
            ("refused", False),
            ("success", True),
        ]
    page = client.get("/admin/audit/sign-ins", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "no such account" in text and "nobody-at-all" not in text
    set_now(T0 + timedelta(days=183))
    assert "sign_in_record: 3" in runner.invoke(args=["purge"]).output


def test_the_owner_reads_the_destruction_log_and_staff_cannot(
    app, client, runner, set_now, staff_factory
):
    from tests.helpers import login_staff

    set_now(T0)
    with app.app_context():
        record_access(None, "view", "consultation", 1)
        db.session.commit()
    set_now(T0 + timedelta(days=800))
    runner.invoke(args=["purge"])
    login_staff(client, *staff_factory("staff"))
    assert client.get("/admin/audit/destructions").status_code == 403
    client.post("/admin/logout", data={"csrf_token": _token(client)})
    login_staff(client, *staff_factory("owner"))
    page = client.get("/admin/audit/destructions", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "access record" in text and "Its retention period ended (2 years)" in text
    assert "Kept for 3 years." in text
    ko = client.get("/admin/audit/destructions", headers={"Accept-Language": "ko"})
    assert "3년 동안 보관합니다." in ko.get_data(as_text=True)


def _token(client) -> str:
    from tests.helpers import CSRF

    return CSRF.search(client.get("/admin/").get_data(as_text=True)).group(1)
