"""The app factory, the two modes, configuration from the environment and the first start."""

from __future__ import annotations

import os
import stat

import pytest
import sqlalchemy as sa

from clinic_site import create_app
from clinic_site.config import ConfigError
from clinic_site.extensions import db
from tests.fixtures.apps import BASE_CONFIG


def test_unknown_mode_stops_the_start_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("CLINIC_MODE", "hospital")
    with pytest.raises(
        ConfigError, match="CLINIC_MODE='hospital' is not a mode.*anonymous, members"
    ):
        create_app({**BASE_CONFIG, "DATABASE_URL": "sqlite://"})


@pytest.mark.parametrize(
    "name, value",
    [
        ("CLINIC_LANGUAGE", "fr"),
        ("CLINIC_TIMEZONE", "Mars/Olympus"),
        ("CLINIC_STAFF_2FA", "sometimes"),
        ("CLINIC_FORM_MIN_SECONDS", "ten"),
    ],
)
def test_bad_environment_values_are_refused(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "x", "SCHEMA_AUTO_UPGRADE": False})


def test_environment_is_read_when_the_app_is_built(monkeypatch, make_app):
    monkeypatch.setenv("CLINIC_MODE", "members")
    monkeypatch.setenv("RATELIMIT_ENABLED", "false")
    app = create_app({**BASE_CONFIG, "DATABASE_URL": "sqlite://"})
    assert app.config["CLINIC_MODE"] == "members"
    assert app.config["RATELIMIT_ENABLED"] is False


def test_default_language_comes_from_the_environment(monkeypatch, make_app):
    monkeypatch.setenv("CLINIC_LANGUAGE", "en")
    page = make_app().test_client().get("/")  # no Accept-Language: the clinic's default language
    assert '<html lang="en">' in page.get_data(as_text=True)
    monkeypatch.setenv("CLINIC_LANGUAGE", "ko")
    page = make_app().test_client().get("/")
    assert '<html lang="ko">' in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/account/register", "/account/login", "/reservations/new", "/reservations"]
)
def test_member_pages_do_not_exist_in_anonymous_mode(client, path):
    assert client.get(path).status_code == 404


def test_menu_of_anonymous_mode_offers_no_booking(client):
    page = client.get("/").get_data(as_text=True)
    assert "/reservations" not in page
    assert "/account" not in page


def test_first_start_creates_schema_and_keeps_one_secret(tmp_path):
    instance = tmp_path / "instance"
    config = {"INSTANCE_PATH": str(instance), "TESTING": True}
    app = create_app(config)
    secret = instance / "secret_key"
    assert (instance / "clinic.sqlite3").exists()
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    with app.app_context():
        tables = sa.inspect(db.engine).get_table_names()
        db.engine.dispose()
    assert {"staff_user", "clinic_settings", "access_record", "alembic_version"} <= set(tables)
    again = create_app(config)
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"] == secret.read_text().strip()
    with again.app_context():
        db.engine.dispose()
    assert again.test_client().get("/healthz").status_code == 200


def test_instance_config_file_is_read(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "CLINIC_LANGUAGE = 'en'\nSTAFF_LOGIN_LIMIT = '2 per minute'\n"
    )
    app = create_app(
        {
            "INSTANCE_PATH": str(instance),
            "DATABASE_URL": "sqlite://",
            "SCHEMA_AUTO_UPGRADE": False,
            "SECRET_KEY": "x",
        }
    )
    assert app.config["CLINIC_LANGUAGE"] == "en"
    assert app.config["STAFF_LOGIN_LIMIT"] == "2 per minute"


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(app):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("SQLite settings")
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
