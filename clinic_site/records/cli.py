from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from .backup import BackupError, backup, manifest_path, read_manifest, restore_check
from .retention import purge
from .services import record_backup, record_restore_check


@click.command("purge")
@with_appcontext
def purge_command() -> None:
    """Destroy every record past its retention period and print what was destroyed, by kind."""
    # Housekeeping yields the processor to the site: a purge of a million records then holds
    # no page up, however long it takes.
    os.nice(10)
    counts = purge()
    db.session.commit()
    for kind, count in sorted(counts.items()):
        click.echo(f"{kind}: {count}")


@click.command("backup")
@with_appcontext
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(dest: Path) -> None:
    """Write a consistent copy of the database to DEST while the site runs, with DEST.json beside
    it: how many rows each table held. The purge destroys both after the clinic's backup period."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        path = backup(url, dest)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    manifest = read_manifest(path)
    record_backup(str(path.resolve()), manifest["engine"], sum(manifest["tables"].values()))
    db.session.commit()
    click.echo(f"Backup written to {path} (manifest {manifest_path(path)})")


@click.command("restore-check")
@with_appcontext
@click.argument("backup_file", metavar="BACKUP", type=click.Path(dir_okay=False, path_type=Path))
def restore_check_command(backup_file: Path) -> None:
    """Restore BACKUP (made by `flask backup`) into a throwaway database and compare every table's
    rows with the counts taken at backup time. Exit 0 when they match."""
    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        result = restore_check(url, backup_file)
    except BackupError as exc:
        record_restore_check(str(backup_file), False, 0, 0, str(exc))
        db.session.commit()
        raise click.ClickException(f"restore check failed: {exc}") from exc
    message = "; ".join(result.problems)
    record_restore_check(str(backup_file), result.ok, result.tables, result.rows, message)
    db.session.commit()
    if not result.ok:
        for problem in result.problems:
            click.echo(problem, err=True)
        differ = len(result.problems)
        raise click.ClickException(
            f"restore check failed: {differ} table(s) differ from the manifest"
        )
    click.echo(
        f"Restore check passed: {result.tables} tables, {result.rows} rows, as at backup time."
    )
