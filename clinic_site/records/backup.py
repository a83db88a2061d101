"""A consistent copy of the database while the site runs."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    pass


def backup(database_url: str, dest: Path) -> Path:
    """Copy the database to ``dest``, a new file readable by the site's own user only. SQLite uses
    its online backup API (readers and writers carry on; the copy is one consistent snapshot);
    PostgreSQL uses pg_dump, which reads one snapshot."""
    url = make_url(database_url)
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        # The copy holds everything the database does.
        os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{dest} exists; choose a new file") from None
    try:
        _copy(url, dest)
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    return dest


def _copy(url: URL, dest: Path) -> None:
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
        target = sqlite3.connect(dest)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise BackupError("pg_dump is not installed (Debian package postgresql-client)")
        plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
        result = subprocess.run(  # noqa: S603 - fixed program, URL from our own configuration
            [pg_dump, "--format=custom", "--file", str(dest), "--dbname", plain],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(result.stderr.strip() or "pg_dump failed")
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")
