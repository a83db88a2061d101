"""Two machines behind one load balancer: two gunicorn masters, each with its own instance folder
and visit files, on one database and one Redis. A session made on one is good on the other, a
limit counts attempts on both, the database is purged once a day (by whichever claims the day
first), and each machine destroys its own old visit files."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.extensions import db
from tests.fixtures.apps import redis_or_skip
from tests.fixtures.board import GOOD
from tests.served import Browser, served

LONG_AGO = datetime(2020, 1, 6, 1, 0, tzinfo=UTC)


def _expired_inquiry(app) -> int:
    from clinic_site.board import services

    app.config["CLOCK_FROZEN_AT"] = LONG_AGO
    try:
        with app.app_context():
            post = services.create_post(
                name=GOOD["name"], password=GOOD["password"], mobile=GOOD["mobile"], email=None,
                title="long ago", body="an old question", agree_privacy=True, agree_sensitive=True,
            )  # fmt: skip
            db.session.commit()
            return post.id
    finally:
        del app.config["CLOCK_FROZEN_AT"]


OLD_VISITS = f"{(datetime.now(UTC) - timedelta(days=200)).date().isoformat()}.log"


def _old_visits(folder) -> None:
    folder.mkdir(parents=True)
    (folder / OLD_VISITS).write_text("a visit\nanother\n")


def test_two_machines_share_sessions_limits_and_one_daily_purge(make_app, tmp_path):
    from clinic_site.board.models import ConsultationPost
    from clinic_site.records.models import DestructionLog, PurgeDay
    from clinic_site.staff.services import create_staff

    redis = redis_or_skip()
    prefix = f"clinic-test-{uuid.uuid4().hex[:12]}"
    app = make_app()
    inquiry = _expired_inquiry(app)
    with app.app_context():
        create_staff("kim", "Kim", "staff", "long-enough-pw")
        db.session.commit()
    shared = {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0", "RATELIMIT_KEY_PREFIX": prefix,
              "DAILY_PURGE": "inline", "VISIT_RECORDS_ENABLED": True}  # fmt: skip
    for name in ("a", "b"):
        _old_visits(tmp_path / f"{name}-visits")
    try:
        with (
            served(app, tmp_path / "a", 2, VISIT_RECORD_DIR=str(tmp_path / "a-visits"),
                   **shared) as a,
            served(app, tmp_path / "b", 2, VISIT_RECORD_DIR=str(tmp_path / "b-visits"),
                   **shared) as b,
        ):  # fmt: skip
            # The first page on each machine starts its daily purge.
            assert Browser(a.base).request("/")[0] == 200
            assert Browser(b.base).request("/")[0] == 200

            browser = Browser(a.base)
            kim = {"username": "kim", "password": "long-enough-pw"}
            assert browser.submit("/admin/login", kim) == 302
            browser.base = b.base  # the load balancer sends the next request to the other one
            assert browser.request("/admin/consultations")[0] == 200

            guesses = []
            for n in range(6):
                guesser = Browser((a, b)[n % 2].base)
                guesses.append(guesser.submit("/admin/login", {**kim, "password": "wrong-one"}))
            assert guesses == [422] * 5 + [429]
    finally:
        for key in redis.scan_iter(f"*/{prefix}/*"):
            redis.delete(key)

    with app.app_context():
        assert db.session.get(ConsultationPost, inquiry) is None
        logged = db.session.scalars(
            sa.select(DestructionLog.count).where(DestructionLog.kind == "consultation")
        ).all()
        assert logged == [1]  # destroyed and logged once, not once per machine
        [claim] = db.session.scalars(sa.select(PurgeDay)).all()
        assert claim.instance.endswith(str(tmp_path / "a" / "server"))
    for name in ("a", "b"):  # each machine destroyed its own old visit file
        assert not (tmp_path / f"{name}-visits" / OLD_VISITS).exists()
