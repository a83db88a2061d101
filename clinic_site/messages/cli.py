"""``flask send-messages [--watch]``: deliver the outbox."""

from __future__ import annotations

import signal
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from .worker import Report, deliver_due, watch


def _say(report: Report) -> None:
    click.echo(
        f"messages sent: {report.sent}, to try again: {report.retrying}, "
        f"given up: {report.failed}, taken back from a stopped worker: {report.recovered}"
    )


@click.command("send-messages")
@click.option(
    "--watch",
    "watching",
    is_flag=True,
    help="Keep delivering, every MESSAGES_WATCH_SECONDS, until stopped (SIGTERM or Ctrl-C).",
)
@with_appcontext
def send_messages_command(watching: bool) -> None:
    """Deliver what the outbox holds (mail, text, KakaoTalk); safe to run twice, and from two
    machines at once: nothing is sent twice."""
    if not watching:
        _say(deliver_due())
        return
    stop = threading.Event()

    def finish(signum, frame) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    click.echo("delivering messages until stopped")
    _say(watch(stop, float(current_app.config["MESSAGES_WATCH_SECONDS"])))
