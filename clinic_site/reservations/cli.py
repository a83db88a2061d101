from __future__ import annotations

import click
from flask.cli import with_appcontext

from .notices import send_reminders


@click.command("send-reminders")
@with_appcontext
def send_reminders_command() -> None:
    """Mail a reminder for each of tomorrow's confirmed visits; safe to run twice."""
    click.echo(f"reminders sent: {send_reminders()}")
