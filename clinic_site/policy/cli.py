from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..extensions import db
from .refusals import PolicyRefused
from .services import import_version


def _day(ctx, param, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from exc


@click.group("policy")
def policy_group() -> None:
    """The privacy policy's versions."""


@policy_group.command("import")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--announced", required=True, callback=_day, help="Announcement date, YYYY-MM-DD.")
@click.option("--effective", required=True, callback=_day, help="Effective date, YYYY-MM-DD.")
@click.option("--summary", required=True, help="Summary of what this version changed.")
@click.option(
    "--language",
    type=click.Choice(["ko", "en"]),
    default=None,
    help="Language of the text (default: CLINIC_LANGUAGE).",
)
def import_command(
    file: Path, announced: date, effective: date, summary: str, language: str | None
) -> None:
    """Add an already-announced historical version from FILE (Markdown or plain text, UTF-8).

    Import a history oldest first, before the site is opened: a version may not be announced or
    take effect before one already stored."""
    from flask import current_app

    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{file} is not UTF-8 text") from exc
    lang = language or current_app.config["CLINIC_LANGUAGE"]
    try:
        version = import_version(text, lang, announced, effective, summary)
    except PolicyRefused as refused:
        raise click.ClickException(refused.message) from refused
    db.session.commit()
    click.echo(
        f"Imported policy version {version.number} ({lang}): announced {announced.isoformat()}, "
        f"effective {effective.isoformat()}, {len(text)} characters."
    )
