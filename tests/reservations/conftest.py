"""Reservations are a members-mode feature: an app in members mode, a member, a frozen clock on a
Monday morning in Seoul, and helpers that book as a browser would."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from clinic_site.extensions import db
from tests.accounts.conftest import ADULT, english, member, member_client, sign_in  # noqa: F401
from tests.helpers import submit

# Monday 9 March 2026, 09:00 in Seoul.
MONDAY_9AM = datetime(2026, 3, 9, 0, 0, tzinfo=UTC)


def register_members(app, count: int, prefix: str, mobile_prefix: str) -> None:
    """``count`` adult members, ``<prefix>_0`` on, with ADULT's password, straight through the
    service (no form, no limit): the crowd for a load or a race."""
    from clinic_site.accounts import services

    with app.app_context():
        for n in range(count):
            services.register_adult(
                name=f"Patient {n}", username=f"{prefix}_{n}", password=ADULT["password"],
                phone="02-123-4567", mobile=f"{mobile_prefix}-{n:04d}", email=None,
                email_opt_in=False,
            )  # fmt: skip
        db.session.commit()


@pytest.fixture
def app(make_app):
    app = make_app("members")
    app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM
    return app


@pytest.fixture
def client(app):
    return english(app.test_client())


def book(client, slot: str, service: str = "1", doctor: str = "any", note: str = ""):
    day = slot[:10]
    return submit(
        client,
        f"/reservations/new?date={day}",
        {"service": service, "doctor": doctor, "slot": slot, "note": note, "date": day},
    )


@pytest.fixture
def make_member(app):
    """Store another adult member: returns (id, username)."""
    from clinic_site.accounts import services

    counter = iter(range(1, 1000))

    def make(**changes):
        n = next(counter)
        values = {
            "name": f"Patient {n}",
            "username": f"patient_{n}",
            "password": ADULT["password"],
            "phone": "02-123-4567",
            "mobile": f"010-5555-{n:04d}",
            "email": f"patient{n}@example.com",
            "email_opt_in": False,
            **changes,
        }
        with app.app_context():
            made = services.register_adult(**values)
            db.session.commit()
            return made.id, made.username

    return make


@pytest.fixture
def signed_in(app):
    """A client signed in as the member ``username``."""

    def make(username: str):
        client = english(app.test_client())
        assert sign_in(client, username=username).status_code == 303
        return client

    return make
