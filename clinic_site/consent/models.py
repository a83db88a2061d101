"""The consent record: what a browser was told it may store, under which revision, and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..database import UTCDateTime
from ..extensions import db


class ConsentRecord(db.Model):
    """One cookie choice. The consent id is a random token kept in the visitor's ``cookie_consent``
    cookie, so later changes of mind add rows under the same id. No IP address and no user agent:
    the record shows that the clinic asked, not who asked."""

    __tablename__ = "consent_record"
    __table_args__ = (
        Index("ix_consent_record_at", "at"),
        Index("ix_consent_record_consent_id", "consent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[str] = mapped_column(String(32))
    choice: Mapped[str] = mapped_column(String(10))  # all | necessary | custom
    preferences: Mapped[bool]
    analytics: Mapped[bool]
    cookie_revision: Mapped[int]
    policy_version: Mapped[int | None] = mapped_column(nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
