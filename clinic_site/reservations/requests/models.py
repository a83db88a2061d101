"""Requests from visitors without an account: a preferred day and time, a password to reopen it."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Index, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import Model
from ...platform.database import UTCDateTime


class ReservationRequest(Model):
    """A visitor without an account asks for a day and time; staff call back and book it or
    decline it. It holds no slot. Opened with its password, like a consultation."""

    __tablename__ = "reservation_request"
    __table_args__ = (
        Index("ix_reservation_request_created_at", "created_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(255))
    mobile: Mapped[str] = mapped_column(String(13))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    # How the author is told the clinic answered: "sms", "email" or "none" (messages/).
    notify: Mapped[str] = mapped_column(String(8), default="none")
    service_id: Mapped[int | None] = mapped_column(
        ForeignKey("service.id", ondelete="SET NULL"), nullable=True
    )
    preferred_date: Mapped[date] = mapped_column(Date)
    preferred_time: Mapped[time] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    consent_policy_version: Mapped[int | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # new | booked | declined | withdrawn
    status: Mapped[str] = mapped_column(String(10), default="new")
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The start of the retention period, as for a consultation's last reply.
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_by: Mapped[str] = mapped_column(String(60), default="")
