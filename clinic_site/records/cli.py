from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from .backup import BackupError, backup
from .retention import purge


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
    """Write a consistent copy of the database to DEST while the site runs."""
    try:
        path = backup(current_app.config["SQLALCHEMY_DATABASE_URI"], dest)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written to {path}")
