"""Reading the message log: the staff's page (which writes the access record) and the counts the
dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..extensions import db
from ..platform import clock
from ..records.services import record_access
from .models import OutboxMessage

PER_PAGE = 50
FAILED_SHOWN = 100
# The dashboard's warnings: messages given up in the last days, and messages due this long ago
# that no worker has sent (is flask send-messages running?).
FAILED_DAYS = 3
OVERDUE = timedelta(minutes=15)


@dataclass(frozen=True)
class MessageLog:
    # Messages that could not be sent and still can be sent again (newest first).
    failed: list[OutboxMessage]
    # Every message, newest first, one page of it.
    page: object


def log_for_staff(staff, ip: str, page: int) -> MessageLog:
    """The message log as staff read it (masked numbers and addresses, never a text): the
    failed messages first, then every message, newest first. The reading is written to the
    access record."""
    failed = list(
        db.session.scalars(
            db.select(OutboxMessage)
            .where(OutboxMessage.status == "failed", OutboxMessage.text != "")
            .order_by(OutboxMessage.failed_at.desc(), OutboxMessage.id.desc())
            .limit(FAILED_SHOWN)
        )
    )
    listing = db.paginate(
        db.select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()),
        page=page,
        per_page=PER_PAGE,
        error_out=False,
    )
    record_access(staff, "view", "message_log", None, "list", ip)
    return MessageLog(failed, listing)


def failed_since(instant: datetime) -> int:
    """How many messages were given up since ``instant``."""
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(OutboxMessage)
            .where(OutboxMessage.status == "failed", OutboxMessage.failed_at >= instant)
        )
        or 0
    )


def recently_failed() -> int:
    return failed_since(clock.now() - timedelta(days=FAILED_DAYS))


def overdue() -> int:
    """How many messages have waited for a worker well past their time."""
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.status == "queued",
                OutboxMessage.next_attempt_at < clock.now() - OVERDUE,
            )
        )
        or 0
    )
