"""Time the front desk blocks: a doctor's conference or leave, or the whole clinic's, from one
instant to another. Blocked time is never offered online; visits already inside it stay as they
are, listed for staff to move."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ...cache.revision import ShownOnPages
from ...extensions import Model
from ...platform.database import UTCDateTime


class Block(ShownOnPages, Model):
    __tablename__ = "schedule_block"
    __table_args__ = (Index("ix_schedule_block_ends_at", "ends_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: every doctor (the clinic's own time).
    doctor_id: Mapped[int | None] = mapped_column(
        ForeignKey("doctor.id", ondelete="CASCADE"), nullable=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
