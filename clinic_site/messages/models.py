"""The outbox: one row per message to a patient, written in the same transaction as the change it
tells about, delivered by ``flask send-messages`` and kept afterwards as the message log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..platform.database import UTCDateTime

# queued: waiting for its time (or its next try); sending: claimed by a worker; sent: handed to
# the provider (or the mail server); failed: given up, with the reason.
STATUSES = ("queued", "sending", "sent", "failed")


class OutboxMessage(Model):
    """A message and, once it is gone, its log entry. ``key`` is the message's own name: the
    provider keeps it with the message (SOLAPI's custom fields, the mail's Message-ID), so a
    worker that lost track of a send can ask whether it went."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        Index("ix_outbox_message_due", "status", "next_attempt_at"),
        Index("ix_outbox_message_created_at", "created_at"),
        Index("ix_outbox_message_sent_at", "sent_at"),
        Index("ix_outbox_message_failed_at", "failed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(10))  # email | sms | kakao
    # The number (digits) or address while the message may still be sent; "" afterwards, when
    # only ``shown_as`` (masked: 010-****-5678, h***@example.com) stays.
    recipient: Mapped[str] = mapped_column(String(254))
    shown_as: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200), default="")
    # The text (a text message's, an email's, a KakaoTalk message's text-message fallback),
    # cleared with the recipient once it is no longer needed.
    text: Mapped[str] = mapped_column(Text, default="")
    template_id: Mapped[str] = mapped_column(String(64), default="")
    variables: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    # Reminders are never sent between 21:00 and 08:00 at the clinic, however late a try is.
    daytime_only: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    provider_id: Mapped[str] = mapped_column(String(64), default="")
    # How it went: "email", "SMS", "LMS" or "ATA" (a KakaoTalk message; "SMS"/"LMS" when the
    # template was refused and the text went instead).
    sent_as: Mapped[str] = mapped_column(String(10), default="")
    # A code for the last failure ("http_503", "refused:3104", "network"): never a provider's
    # words, which might repeat what was sent to it.
    last_error: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The member the message is about, if any: their withdrawal takes it (and its log line) away.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), nullable=True, index=True
    )
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    @property
    def done(self) -> bool:
        return self.status in ("sent", "failed")
