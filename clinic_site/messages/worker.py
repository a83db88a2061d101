"""Delivering the outbox: ``flask send-messages`` (once) and ``--watch`` (again and again).

Exactly once, with any number of workers on any number of machines sharing the database:

1. **Claim.** A worker takes a due message with one conditional UPDATE (status 'queued' to
   'sending', with its name and the time) and goes on only when that UPDATE changed the row;
   any other worker's UPDATE then finds the row no longer queued and changes nothing. The
   same statement is atomic on SQLite (one writer at a time) and PostgreSQL (a second UPDATE
   of the row waits for the first, then finds its condition false), so no SELECT ... FOR
   UPDATE is needed.
2. **Send**, with no transaction open, passing the message's key to the provider.
3. **Mark** it sent, on condition that the claim is still this worker's.

A worker killed between 2 and 3 leaves the row 'sending'. Once the claim is older than
MESSAGES_CLAIM_SECONDS (longer than any send takes), the next run puts the message back in the
queue; every try after the first begins by asking the provider whether it already has a message
with this key, and marks it sent without sending when it does. Failures the provider may get
over (429, 5xx, the network) are tried again after a wait that doubles (MESSAGES_RETRY_SECONDS,
at most an hour), MESSAGES_MAX_ATTEMPTS times at most; then, or at once for a refusal, the
message is marked failed with the reason, for staff to see and send again.

On SQLite every step commits before the next begins: a transaction that read and then writes
cannot wait for another writer there, it fails at once.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import ColumnElement, false
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..platform import clock
from ..platform.database import affected
from .adapters import Accepted, Draft, Failure, GiveUp, Provider, TryAgain
from .daytime import daytime, is_quiet
from .models import OutboxMessage

log = logging.getLogger(__name__)

BATCH = 50
LONGEST_WAIT = timedelta(hours=1)


@dataclass
class Report:
    """What one run did, by outcome."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    recovered: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.recovered += other.recovered
        for code, count in other.errors.items():
            self.errors[code] = self.errors.get(code, 0) + count


def worker_name() -> str:
    """This worker, as its claims name it: the machine, the process and a random part."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}:{secrets.token_hex(3)}"


def provider_for(channel: str) -> Provider:
    """The provider that carries ``channel`` with this configuration."""
    if channel == "email":
        from .mailer import Mailer

        return Mailer()
    choice = current_app.config["CLINIC_SMS_PROVIDER"]
    if choice == "solapi":
        from .solapi import Solapi

        return Solapi(current_app.config)
    if choice == "console":
        from .console import Console

        return Console()
    raise GiveUp("text_off")


def deliver_due(worker: str | None = None, stop: threading.Event | None = None) -> Report:
    """Deliver every message due now (stale claims taken back first), one at a time, until none
    is left or ``stop`` is set. Returns what happened."""
    worker = worker or worker_name()
    report = Report(recovered=recover_stale())
    while stop is None or not stop.is_set():
        ids = _due_ids()
        if not ids:
            break
        for message_id in ids:
            if stop is not None and stop.is_set():
                break
            if claim(message_id, worker):
                report.add(deliver(message_id, worker))
    return report


def _due(now: datetime) -> list[ColumnElement[bool]]:
    where = [OutboxMessage.status == "queued", OutboxMessage.next_attempt_at <= now]
    if is_quiet(now):
        where.append(OutboxMessage.daytime_only == false())
    return where


def _due_ids() -> list[int]:
    now = clock.now()
    ids = list(
        db.session.scalars(
            db.select(OutboxMessage.id)
            .where(*_due(now))
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(BATCH)
        )
    )
    db.session.commit()
    return ids


def recover_stale() -> int:
    """Put back in the queue the messages whose worker has held them longer than a send can
    take (it was killed, or its machine went away); returns how many."""
    now = clock.now()
    cutoff = now - timedelta(seconds=int(current_app.config["MESSAGES_CLAIM_SECONDS"]))
    stale = (OutboxMessage.status == "sending", OutboxMessage.claimed_at < cutoff)
    ids = list(db.session.scalars(db.select(OutboxMessage.id).where(*stale)))
    db.session.commit()
    recovered = 0
    for message_id in ids:
        recovered += affected(
            db.session,
            db.update(OutboxMessage)
            .where(OutboxMessage.id == message_id, *stale)
            .values(status="queued", claimed_by=None, claimed_at=None, next_attempt_at=now),
        )
        db.session.commit()
    if recovered:
        log.warning("%d message(s) taken back from a worker that stopped mid-send", recovered)
    return recovered


def claim(message_id: int, worker: str) -> bool:
    """Take the message for ``worker``; False when another worker has it or it is not due."""
    now = clock.now()
    won = affected(
        db.session,
        db.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, *_due(now))
        .values(
            status="sending",
            claimed_by=worker,
            claimed_at=now,
            attempts=OutboxMessage.attempts + 1,
        ),
    )
    db.session.commit()
    return won == 1


def deliver(message_id: int, worker: str) -> Report:
    """Send a message ``worker`` has claimed and record how it went."""
    row = db.session.get(OutboxMessage, message_id)
    if row is None:
        return Report()
    draft = Draft.of(row)
    daytime_only = row.daytime_only
    db.session.commit()  # no transaction stays open while the provider answers
    try:
        provider = provider_for(draft.channel)
        accepted = provider.find(draft) if draft.attempts > 1 else None
        if accepted is None:
            accepted = provider.send(draft)
    except Failure as failure:
        return _failed(draft, worker, failure, daytime_only)
    _mark_sent(draft, worker, accepted)
    return Report(sent=1)


def _mine(draft: Draft, worker: str) -> tuple[ColumnElement[bool], ...]:
    return (
        OutboxMessage.id == draft.id,
        OutboxMessage.status == "sending",
        OutboxMessage.claimed_by == worker,
    )


def _mark_sent(draft: Draft, worker: str, accepted: Accepted) -> None:
    """Sent: the log keeps the kind, the channel, the masked address and the times; the text and
    the whole address are not needed any more and go now."""
    marked = affected(
        db.session,
        db.update(OutboxMessage)
        .where(*_mine(draft, worker))
        .values(
            status="sent",
            sent_at=clock.now(),
            provider_id=accepted.provider_id[:64],
            sent_as=accepted.sent_as[:10],
            last_error="",
            claimed_by=None,
            recipient="",
            subject="",
            text="",
            variables=None,
        ),
    )
    db.session.commit()
    if not marked:
        # Another worker took the claim over meanwhile; it asks the provider and finds this send.
        log.warning("message %s was taken over while it was being sent", draft.id)
    else:
        log.info("message %s (%s) sent as %s", draft.id, draft.kind, accepted.sent_as)


def _failed(draft: Draft, worker: str, failure: Failure, daytime_only: bool) -> Report:
    now = clock.now()
    final = isinstance(failure, GiveUp) or draft.attempts >= int(
        current_app.config["MESSAGES_MAX_ATTEMPTS"]
    )
    if final:
        values: dict = {"status": "failed", "failed_at": now}
    else:
        values = {"status": "queued", "next_attempt_at": _next_try(draft, failure, now)}
        if daytime_only:
            values["next_attempt_at"] = daytime(values["next_attempt_at"])
    affected(
        db.session,
        db.update(OutboxMessage)
        .where(*_mine(draft, worker))
        .values(last_error=failure.code, claimed_by=None, **values),
    )
    db.session.commit()
    log.warning(
        "message %s (%s): %s, %s", draft.id, draft.kind, failure.code,
        "given up" if final else "will try again",
    )  # fmt: skip
    report = Report(failed=1) if final else Report(retrying=1)
    report.errors[failure.code] = 1
    return report


def _next_try(draft: Draft, failure: Failure, now: datetime) -> datetime:
    """The wait doubles with each try (60 s, 2 min, 4 min...), at most an hour, and is never
    shorter than what the provider asked for (Retry-After)."""
    first = int(current_app.config["MESSAGES_RETRY_SECONDS"])
    wait = timedelta(seconds=first * 2 ** max(0, draft.attempts - 1))
    if isinstance(failure, TryAgain) and failure.wait:
        wait = max(wait, timedelta(seconds=failure.wait))
    return now + min(wait, LONGEST_WAIT)


def watch(stop: threading.Event, pause: float) -> Report:
    """Deliver what is due, wait ``pause`` seconds, again, until ``stop`` is set (SIGTERM,
    SIGINT). A message being sent when it is set is finished and marked first."""
    worker = worker_name()
    total = Report()
    while not stop.is_set():
        try:
            total.add(deliver_due(worker, stop))
        except SQLAlchemyError as exc:
            # The database is away for a moment (a restart, a failover): wait and try again.
            log.warning("messages: the database is unavailable (%s)", exc.__class__.__name__)
            db.session.rollback()
        finally:
            db.session.remove()
        stop.wait(pause)
    return total
