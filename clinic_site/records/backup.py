"""A consistent copy of the database while the site runs, with a manifest beside it (how many rows
each table held in the copy), and the check that a copy restores: into a throwaway database, table
by table against the manifest.

The manifest is ``<backup>.json``; it is counted from the very snapshot the copy holds (SQLite: the
copy itself; PostgreSQL: pg_dump reads a snapshot this process exported and counted in), so a site
busy during the backup does not make a good copy look wrong.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

MANIFEST_FORMAT = 1


class BackupError(RuntimeError):
    pass


def manifest_path(backup_file: Path) -> Path:
    return Path(f"{backup_file}.json")


def _private_file(path: Path) -> None:
    try:
        # The copy holds everything the database does.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{path} exists; choose a new file") from None


def backup(database_url: str, dest: Path) -> Path:
    """Copy the database to ``dest``, a new file readable by the site's own user only, and write
    its manifest beside it. SQLite uses its online backup API (readers and writers carry on; the
    copy is one consistent snapshot); PostgreSQL uses pg_dump, which reads one snapshot."""
    url = make_url(database_url)
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if manifest_path(dest).exists():
        raise BackupError(f"{manifest_path(dest)} exists; choose a new file")
    _private_file(dest)
    try:
        counts = _copy(url, dest)
        _private_file(manifest_path(dest))
        manifest = {
            "format": MANIFEST_FORMAT,
            "engine": url.get_backend_name(),
            "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "tables": counts,
        }
        manifest_path(dest).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    except BaseException:
        dest.unlink(missing_ok=True)
        manifest_path(dest).unlink(missing_ok=True)
        raise
    return dest


def _sqlite_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608
        for name in sorted(names)
    }


def _pg_counts(connection) -> dict[str, int]:
    names = connection.execute(
        sa.text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    ).scalars()
    return {
        # Names come from the catalogue of the database being counted, quoted.
        name: connection.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar_one()  # noqa: S608
        for name in list(names)
    }


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client)")
    return found


def _plain(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _copy(url: URL, dest: Path) -> dict[str, int]:
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
        target = sqlite3.connect(dest)
        try:
            with target:
                source.backup(target)
            return _sqlite_counts(target)
        finally:
            target.close()
            source.close()
    if url.get_backend_name() == "postgresql":
        pg_dump = _tool("pg_dump")
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
                snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
                counts = _pg_counts(conn)
                # pg_dump reads the snapshot this transaction holds open: the rows just counted.
                result = subprocess.run(  # noqa: S603 - fixed program, URL from our configuration
                    [pg_dump, "--format=custom", f"--snapshot={snapshot}", "--file", str(dest),
                     "--dbname", _plain(url)],
                    capture_output=True, text=True, check=False,
                )  # fmt: skip
                conn.rollback()
        finally:
            engine.dispose()
        if result.returncode != 0:
            raise BackupError(result.stderr.strip() or "pg_dump failed")
        return counts
    raise BackupError(f"no backup method for {url.get_backend_name()}")


@dataclass
class CheckResult:
    """What a restore check found: ``problems`` in words (empty when the copy matched)."""

    tables: int = 0
    rows: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_manifest(backup_file: Path) -> dict:
    path = manifest_path(backup_file)
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(
            f"no manifest {path}: only backups made by `flask backup` can be checked"
        ) from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"the manifest {path} cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        raise BackupError(f"the manifest {path} has no table counts")
    return manifest


def restore_check(database_url: str, backup_file: Path) -> CheckResult:
    """Restore ``backup_file`` into a throwaway database (SQLite: a temporary file; PostgreSQL: a
    database made on the site's server and dropped after), count each table's rows there and
    compare them with the manifest. Raises ``BackupError`` when the check cannot run at all."""
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise BackupError(f"no backup file {backup_file}")
    manifest = read_manifest(backup_file)
    engine = manifest.get("engine")
    if engine == "sqlite":
        restored = _restore_sqlite(backup_file)
    elif engine == "postgresql":
        restored = _restore_postgresql(make_url(database_url), backup_file)
    else:
        raise BackupError(f"the manifest names no engine this site restores ({engine!r})")
    return compare(manifest["tables"], restored)


def compare(expected: dict, restored: dict[str, int]) -> CheckResult:
    result = CheckResult(tables=len(restored), rows=sum(restored.values()))
    for name, count in sorted(expected.items()):
        if name not in restored:
            result.problems.append(f"table {name}: missing from the restored copy")
        elif restored[name] != count:
            result.problems.append(
                f"table {name}: {restored[name]} rows restored, {count} at backup time"
            )
    for name in sorted(set(restored) - set(expected)):
        result.problems.append(f"table {name}: restored but not in the manifest")
    return result


def _restore_sqlite(backup_file: Path) -> dict[str, int]:
    with tempfile.TemporaryDirectory(prefix="clinic-restore-") as folder:
        target_path = Path(folder) / "restored.sqlite3"
        try:
            source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
            target = sqlite3.connect(target_path)
            try:
                with target:
                    source.backup(target)
                if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("the restored copy fails SQLite's integrity check")
                return _sqlite_counts(target)
            finally:
                target.close()
                source.close()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{backup_file} does not restore as SQLite: {exc}") from None


def _restore_postgresql(site: URL, backup_file: Path) -> dict[str, int]:
    if site.get_backend_name() != "postgresql":
        raise BackupError("a PostgreSQL backup is checked on a PostgreSQL server: set DATABASE_URL")
    pg_restore = _tool("pg_restore")
    name = f"clinic_restore_check_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(site, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            throwaway = site.set(database=name)
            result = subprocess.run(  # noqa: S603 - fixed program, URL from our configuration
                [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error",
                 "--dbname", _plain(throwaway), str(backup_file)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if result.returncode != 0:
                raise BackupError(f"pg_restore failed: {result.stderr.strip()[:400]}")
            engine = sa.create_engine(throwaway, poolclass=sa.pool.NullPool)
            try:
                with engine.connect() as conn:
                    return _pg_counts(conn)
            finally:
                engine.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
