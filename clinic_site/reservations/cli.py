from __future__ import annotations

import click
from flask.cli import with_appcontext

from .notices import queue_reminders


@click.command("send-reminders")
@with_appcontext
def send_reminders_command() -> None:
    """Queue a reminder for each of tomorrow's confirmed visits (flask send-messages delivers
    them, in daytime); safe to run twice."""
    click.echo(f"reminders queued: {queue_reminders()}")
