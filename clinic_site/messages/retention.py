"""How long the message log keeps what (``privacy/inventory.py``): a sent message keeps no text
and no whole number or address from the moment it is sent; a message that could not be sent keeps
them MESSAGE_TEXT_KEPT, for staff to send it again, and so does one that waited that long for a
worker that never came (it is given up then); every log entry goes MESSAGE_LOG after it was sent
or given up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import ColumnElement, or_

from ..extensions import db
from ..platform.database import affected
from ..platform.hooks import Rule
from ..privacy.inventory import MESSAGE_LOG, MESSAGE_TEXT_KEPT
from ..records.retention import BATCH, in_batches
from .models import OutboxMessage


def _log_expired(at: datetime) -> ColumnElement[bool]:
    cutoff = MESSAGE_LOG.before(at)
    return or_(OutboxMessage.sent_at < cutoff, OutboxMessage.failed_at < cutoff)


def _text_expired(at: datetime) -> ColumnElement[bool]:
    cutoff = MESSAGE_TEXT_KEPT.before(at)
    kept = or_(OutboxMessage.text != "", OutboxMessage.recipient != "")
    failed = (OutboxMessage.status == "failed") & (OutboxMessage.failed_at < cutoff)
    stranded = (OutboxMessage.status == "queued") & (OutboxMessage.next_attempt_at < cutoff)
    return kept & or_(failed, stranded)


def clear_texts(at: datetime) -> Iterator[int]:
    """Destroy the text and the whole number or address of the messages that can no longer go,
    batch by batch; a message still waiting that long is given up ("expired")."""
    ids = list(
        db.session.scalars(
            db.select(OutboxMessage.id).where(_text_expired(at)).order_by(OutboxMessage.id)
        )
    )
    cutoff = MESSAGE_TEXT_KEPT.before(at)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        cleared = affected(
            db.session,
            db.update(OutboxMessage)
            .where(OutboxMessage.id.in_(batch), _text_expired(at))
            .values(recipient="", text="", subject="", variables=None),
        )
        affected(
            db.session,
            db.update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(batch),
                OutboxMessage.status == "queued",
                OutboxMessage.next_attempt_at < cutoff,
            )
            .values(status="failed", failed_at=at, last_error="expired"),
        )
        yield cleared


def rules() -> tuple[Rule, ...]:
    return (
        Rule(
            "message_text",
            f"message text and address, after failing: {MESSAGE_TEXT_KEPT.english()}",
            clear_texts,
            period=MESSAGE_TEXT_KEPT,
        ),
        Rule(
            "message_log",
            f"message log: {MESSAGE_LOG.english()} after sending",
            in_batches(OutboxMessage, _log_expired),
            period=MESSAGE_LOG,
        ),
    )
