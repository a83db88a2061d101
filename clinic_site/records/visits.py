"""The visit record: one line per page request (time, address, method, path, status), kept as a
file per day in the instance folder and destroyed after 3 months.

Files rather than table rows: a row per request would make every page a database write; an
appended line costs almost nothing, and whole days are destroyed by deleting one file. Query
strings are left out, so nothing a form sent by GET is kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from flask import Flask, current_app, request

from ..platform import clock
from ..privacy.inventory import VISIT_RECORD

SKIPPED_PREFIXES = ("/static/", "/healthz")


def folder() -> Path:
    return Path(
        current_app.config.get("VISIT_RECORD_DIR") or Path(current_app.instance_path) / "visits"
    )


def _write(response):
    if request.path.startswith(SKIPPED_PREFIXES):
        return response
    now = clock.now()
    day = clock.to_local(now).date()
    path = folder() / f"{day.isoformat()}.log"
    # Percent-encoded, so a path with line breaks or tabs cannot forge a line or a field.
    where = quote(request.path[:300], safe="/-._~")
    line = (
        f"{now.isoformat(timespec='seconds')}\t{request.remote_addr or '-'}\t"
        f"{request.method}\t{where}\t{response.status_code}\n"
    )
    try:
        if not path.parent.is_dir():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_APPEND writes of one short line do not interleave between workers; 0600: the record
        # holds addresses, readable by the site's own user only.
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(line)
    except OSError:
        current_app.logger.exception("could not write the visit record")
    return response


def destroy_expired(at: datetime) -> Iterator[int]:
    """Delete the day files older than the retention period; yields how many visits they held
    (once: a file goes whole)."""
    cutoff = VISIT_RECORD.before(clock.to_local(at)).date()
    destroyed = 0
    if not folder().is_dir():
        return
    for path in sorted(folder().glob("*.log")):
        try:
            day = date.fromisoformat(path.stem)
        except ValueError:
            continue
        if day < cutoff:
            with path.open("rb") as fh:
                destroyed += sum(1 for _ in fh)
            path.unlink()
    yield destroyed


def init_app(app: Flask) -> None:
    if app.config.get("VISIT_RECORDS_ENABLED", True):
        app.after_request(_write)
