"""What every way of sending shares: the message as a provider sees it, the provider's answer,
and the two ways a try can fail. The worker (``worker.py``) speaks to e-mail, the console and
SOLAPI through this one shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .models import OutboxMessage


@dataclass(frozen=True)
class Draft:
    """A claimed message, copied out of its row so that no database transaction stays open while
    a provider answers."""

    id: int
    key: str
    kind: str
    channel: str
    recipient: str
    shown_as: str
    subject: str
    text: str
    template_id: str
    variables: dict[str, str]
    attempts: int
    created_at: datetime

    @classmethod
    def of(cls, row: OutboxMessage) -> Draft:
        return cls(
            id=row.id,
            key=row.key,
            kind=row.kind,
            channel=row.channel,
            recipient=row.recipient,
            shown_as=row.shown_as,
            subject=row.subject,
            text=row.text,
            template_id=row.template_id,
            variables=dict(row.variables or {}),
            attempts=row.attempts,
            created_at=row.created_at,
        )


@dataclass(frozen=True)
class Accepted:
    """The provider has the message: its own id for it, and how it went ("SMS", "LMS", "ATA",
    "email")."""

    provider_id: str
    sent_as: str


class Failure(Exception):
    """A try that did not hand the message over. ``code`` is what the log keeps (never a
    provider's words); ``wait`` the seconds the provider asked for, if it did."""

    def __init__(self, code: str, wait: float | None = None):
        super().__init__(code)
        self.code = code[:80]
        self.wait = wait


class TryAgain(Failure):
    """It may go later: the provider is busy, down or away (429, 5xx, network)."""


class GiveUp(Failure):
    """It will not go as it is: the provider refused the message or the address."""


class Provider(Protocol):
    def send(self, message: Draft) -> Accepted:
        """Hand ``message`` over, passing its key along; raises TryAgain or GiveUp."""
        ...

    def find(self, message: Draft) -> Accepted | None:
        """Whether the provider already accepted a message with this key (a try whose answer
        was lost); None when it did not, or cannot tell. Raises TryAgain when it cannot be
        asked now."""
        ...
