"""Fixtures shared by every test: an app on a real database in either mode, its client and runner.

The schema is built once per run by the real migrations, then each test gets a fresh copy (SQLite)
or an emptied database (PostgreSQL, when CLINIC_TEST_POSTGRES names a server to create it on).
"""

from __future__ import annotations

import os
import shutil
import socket
import time
import uuid
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from clinic_site import create_app
from clinic_site.extensions import db
from tests.helpers import login_staff

PG_SERVER = os.environ.get(
    "CLINIC_TEST_POSTGRES"
)  # e.g. postgresql+psycopg://postgres@127.0.0.1/postgres

# Cheap argon2 parameters: the same code path, a fraction of the cost of production's.
BASE_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret",
    "SCHEMA_AUTO_UPGRADE": False,
    "PASSWORD_HASH_TIME_COST": 1,
    "PASSWORD_HASH_MEMORY_COST": 8,
    "PASSWORD_HASH_PARALLELISM": 1,
    "CLINIC_FORM_MIN_SECONDS": 0,
    "RATELIMIT_STORAGE_URI": "memory://",
    # Most tests sign staff in with a password alone; tests/staff/test_two_factor.py covers the
    # default, where a second factor is required.
    "CLINIC_STAFF_2FA": "optional",
    # Purges run where a test asks (tests/records/test_daily_purge.py covers the daily one).
    "DAILY_PURGE": "off",
    # Clinic news is sent within the request, so a test sees the mails when the page answers.
    "NEWS_SENDING": "inline",
    "NEWS_BATCH_PAUSE_SECONDS": 0,
}


def _migrate(url: str, instance) -> None:
    app = create_app({**BASE_CONFIG, "DATABASE_URL": url, "SCHEMA_AUTO_UPGRADE": True,
                      "INSTANCE_PATH": str(instance)})  # fmt: skip
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The URL of a migrated database for this run; the run creates it and drops it."""
    if PG_SERVER:
        name = f"clinic_test_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.engine.make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)
        _migrate(url, tmp_path_factory.mktemp("instance"))
        _FIRST_RUN.update(_rows(url))
        yield url
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        url = f"sqlite:///{path}"
        _migrate(url, path.parent)
        yield url


# The rows the migrations seed (the first-run week, doctor, treatment, booking rules), so every
# test on PostgreSQL starts from a freshly migrated database, as each SQLite test does.
_FIRST_RUN: dict[str, list[dict]] = {}


def _rows(url: str) -> dict[str, list[dict]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = {
            t.name: [dict(r._mapping) for r in conn.execute(sa.select(t))]
            for t in db.metadata.sorted_tables
        }
    engine.dispose()
    return {name: rows for name, rows in found.items() if rows}


def _empty_postgres(url: str) -> None:
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        for table in db.metadata.sorted_tables:
            rows = _FIRST_RUN.get(table.name)
            if rows:
                conn.execute(table.insert(), rows)
                if "id" in table.c:
                    highest = max(row["id"] for row in rows)
                    conn.execute(
                        sa.text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :highest)"),
                        {"table": table.name, "highest": highest},
                    )
    engine.dispose()


@pytest.fixture
def make_app(database_url, tmp_path):
    """Build an app: ``make_app("members", SOME_SETTING=...)``. Apps made in one test share one
    database, as the workers of one site do."""
    if PG_SERVER:
        url = database_url
    else:
        copy = tmp_path / "clinic.sqlite3"
        shutil.copyfile(sa.engine.make_url(database_url).database, copy)
        url = f"sqlite:///{copy}"
    made = []

    def make(mode: str = "anonymous", **overrides):
        config = {
            **BASE_CONFIG,
            "DATABASE_URL": url,
            "CLINIC_MODE": mode,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "VISIT_RECORD_DIR": str(tmp_path / "visits"),
            **overrides,
        }
        app = create_app(config)
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if PG_SERVER and made:
        _empty_postgres(url)


@pytest.fixture
def app(make_app):
    return make_app("anonymous")


@pytest.fixture
def members_app(make_app):
    return make_app("members")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def set_now(app):
    """Freeze the app's clock: ``set_now(datetime(2026, 5, 1, 9, tzinfo=UTC))``."""

    def freeze(instant: datetime) -> None:
        app.config["CLOCK_FROZEN_AT"] = instant if instant.tzinfo else instant.replace(tzinfo=UTC)

    return freeze


@pytest.fixture
def staff_factory(app):
    """Make a staff account: ``staff_factory("owner")`` returns (username, password)."""
    from clinic_site.staff.services import create_staff

    counter = iter(range(1, 1000))

    def make(role: str = "staff", username: str | None = None, password: str = "long-enough-pw"):
        username = username or f"{role}{next(counter)}"
        with app.app_context():
            create_staff(username, f"{role.title()} Kim", role, password)
            db.session.commit()
        return username, password

    return make


@pytest.fixture
def owner_client(app, client, staff_factory):
    """A client signed in as the clinic's owner."""
    login_staff(client, *staff_factory("owner"))
    return client


@pytest.fixture
def staff_client(app, client, staff_factory):
    """A client signed in as a staff member (not the owner)."""
    login_staff(client, *staff_factory("staff"))
    return client


class Inbox:
    """What a real SMTP server (aiosmtpd) received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(envelope)
        return "250 OK"

    def wait_for(self, count: int, seconds: float = 5.0) -> list:
        """The envelopes, once ``count`` have arrived (or the time is up)."""
        deadline = time.monotonic() + seconds
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1: yields (controller, inbox)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()
