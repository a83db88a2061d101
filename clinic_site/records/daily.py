"""A safety net for retention: once a clinic day, the first request after midnight starts the
purge in the background, so records are destroyed on time even where no one set up cron.

Production should still run ``flask purge`` from cron or a systemd timer (it runs at a fixed time
and needs no visitor); this only makes sure the quick start keeps the policy's promises too. A lock
file in the instance folder lets one worker of each machine do it; the others see the date
written and the day claimed in the database, and go on (a database set up anew under the same
folder has no claim, and is purged the same day). Of several machines on one database, the first
to claim the day in the database (``PurgeDay``) purges it; the others purge only their own visit
files.
"""

from __future__ import annotations

import fcntl
import socket
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..extensions import db
from ..platform import clock
from ..platform.hooks import app_state
from .models import PurgeDay
from .retention import purge

RETRY_SECONDS = 600


def _marker(app: Flask) -> Path:
    return Path(app.instance_path) / "last_purge"


def _day_claimed(app: Flask, today: date) -> bool:
    """Whether the database knows today's purge: a site set up again on a new or emptied
    database (the same folder, even the same address) has not been purged yet."""
    with app.app_context():
        try:
            return db.session.get(PurgeDay, today) is not None
        except SQLAlchemyError:
            return False  # the purge below meets the same trouble, and is tried again later
        finally:
            db.session.remove()


def _run(app: Flask, today: date) -> None:
    marker = _marker(app)
    marker.parent.mkdir(parents=True, exist_ok=True)
    with open(marker.with_suffix(".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another worker is purging right now
        done = marker.exists() and marker.read_text().strip() >= today.isoformat()
        if done and _day_claimed(app, today):
            return
        with app.app_context():
            try:
                counts = purge(database=_claim(app, today))
                db.session.commit()
            except Exception:
                db.session.rollback()
                # No marker: a later request tries again (RETRY_SECONDS on in this worker).
                app.logger.exception("the daily purge failed; it will be tried again")
                app_state("daily_purge", dict[str, object], app)["failed_at"] = time.monotonic()
                return
            finally:
                db.session.remove()
        app.logger.info("daily purge: %s", counts)
        marker.write_text(today.isoformat())


def _instance(app: Flask) -> str:
    return f"{socket.gethostname()}:{app.instance_path}"[:200]


def _claim(app: Flask, today: date) -> bool:
    """Whether this instance purges the shared database today: it claimed the day first (a
    unique row), or had claimed it before (a purge that failed and is tried again)."""
    me = _instance(app)
    try:
        with db.session.begin_nested():
            db.session.add(PurgeDay(day=today, instance=me, claimed_at=clock.now()))
        # Days long past tell nothing any more.
        db.session.execute(db.delete(PurgeDay).where(PurgeDay.day < today - timedelta(days=30)))
        db.session.commit()
        return True
    except IntegrityError:
        db.session.rollback()
        claimed = db.session.get(PurgeDay, today)
        return claimed is not None and claimed.instance == me


def _after_request(response):
    app = current_app._get_current_object()
    today = clock.today()
    state: dict = app_state("daily_purge", dict[str, object], app)
    failed_at = state.pop("failed_at", None)
    if failed_at is not None:
        state["retry_after"] = failed_at + RETRY_SECONDS
    if state.get("checked") != today or time.monotonic() > state.get("retry_after", float("inf")):
        state["checked"] = today
        state.pop("retry_after", None)
        if app.config["DAILY_PURGE"] == "thread":
            threading.Thread(target=_run, args=(app, today), daemon=True).start()
        elif app.config["DAILY_PURGE"] == "inline":
            _run(app, today)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_after_request)
