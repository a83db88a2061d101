"""A safety net for retention: once a clinic day, the first request after midnight starts the
purge in the background, so records are destroyed on time even where no one set up cron.

Production should still run ``flask purge`` from cron or a systemd timer (it runs at a fixed time
and needs no visitor); this only makes sure the quick start keeps the policy's promises too. A lock
file in the instance folder lets one worker of one machine do it; the others see the date written
and go on.
"""

from __future__ import annotations

import fcntl
import threading
import time
from datetime import date
from pathlib import Path

from flask import Flask, current_app

from .. import clock
from ..extensions import db
from .retention import purge

RETRY_SECONDS = 600


def _marker(app: Flask) -> Path:
    return Path(app.instance_path) / "last_purge"


def _run(app: Flask, today: date) -> None:
    marker = _marker(app)
    marker.parent.mkdir(parents=True, exist_ok=True)
    with open(marker.with_suffix(".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another worker is purging right now
        if marker.exists() and marker.read_text().strip() >= today.isoformat():
            return
        with app.app_context():
            try:
                counts = purge()
                db.session.commit()
            except Exception:
                db.session.rollback()
                # No marker: a later request tries again (RETRY_SECONDS on in this worker).
                app.logger.exception("the daily purge failed; it will be tried again")
                app.extensions["clinic_daily_purge"]["failed_at"] = time.monotonic()
                return
            finally:
                db.session.remove()
        app.logger.info("daily purge: %s", counts)
        marker.write_text(today.isoformat())


def _after_request(response):
    app = current_app._get_current_object()
    today = clock.today()
    state = app.extensions.setdefault("clinic_daily_purge", {})
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
