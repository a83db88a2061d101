"""A member waiting for a time to free up on a day: for a treatment, with a doctor or any. When a
seat frees that day, everyone waiting for it is told at once and the first to book it has it (the
atomic seat decides); an entry ends with its day."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import Model
from ...platform.database import UTCDateTime


class WaitlistEntry(Model):
    __tablename__ = "waitlist_entry"
    __table_args__ = (
        Index("ix_waitlist_entry_day", "day"),
        Index("ix_waitlist_entry_member_id", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    # None: any doctor.
    doctor_id: Mapped[int | None] = mapped_column(
        ForeignKey("doctor.id", ondelete="CASCADE"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The last time a freed seat was offered, and until when that offer stands.
    offered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    offer_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
