"""Consultation posts and the staff's replies to them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..cache.revision import ShownOnPages
from ..extensions import Model
from ..platform.database import UTCDateTime


class ConsultationPost(ShownOnPages, Model):
    """One private inquiry. The list reads only id, name, title, created_at and last_reply_at, and
    finds a page through the (created_at, id) index, so a page costs the same at any size."""

    __tablename__ = "consultation_post"
    __table_args__ = (
        Index("ix_consultation_post_created_at_id", "created_at", "id"),
        Index("ix_consultation_post_last_reply_at", "last_reply_at"),
        # Numbers are never reused on SQLite either: an old allowance or a number a patient
        # quotes on the phone can never point at somebody else's inquiry.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(255))
    mobile: Mapped[str] = mapped_column(String(13))  # normalised: "010-1234-5678"
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    # How the author is told the clinic answered: "sms", "email" or "none" (messages/).
    notify: Mapped[str] = mapped_column(String(8), default="none")
    title: Mapped[str] = mapped_column(String(100))
    # Kept out of the public list even when the clinic shows titles: the author's choice, and
    # always so for an inquiry written while titles were not shown (its author was told so).
    title_private: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Set by the first reply and moved by each later one: "answered" without a query per row,
    # and the start of the retention period.
    last_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    agree_privacy: Mapped[bool] = mapped_column(default=False)
    agree_sensitive: Mapped[bool] = mapped_column(default=False)
    # The privacy-policy version in effect when consent was given (None before any policy exists).
    consent_policy_version: Mapped[int | None] = mapped_column(nullable=True)
    # Members mode: the member who wrote it, so their own posts can open without the password.
    # Withdrawal destroys them with the member; the foreign key makes sure none is left behind.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), nullable=True, index=True
    )

    replies: Mapped[list[ConsultationReply]] = relationship(
        back_populates="post",
        order_by="ConsultationReply.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def answered(self) -> bool:
        return self.last_reply_at is not None


class ConsultationReply(ShownOnPages, Model):
    __tablename__ = "consultation_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_post.id", ondelete="CASCADE"), index=True
    )
    # The name is kept with the reply so it still reads right if the staff account goes.
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    staff_name: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    post: Mapped[ConsultationPost] = relationship(back_populates="replies")
