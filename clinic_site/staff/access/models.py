"""Staff access over its life: the single-use links that let a new person set their password, and
the access-rights record of every grant, change and removal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import Model
from ...platform.database import UTCDateTime


class StaffInvite(Model):
    """A link that lets a new staff member set their password once, before it expires. Only the
    SHA-256 digest of its token is kept (the token carries 256 random bits); the owner sees the
    link once, when it is made."""

    __tablename__ = "staff_invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AccessRightsRecord(Model):
    """Who granted, changed or removed which staff member's access, and when (kept 3 years). Names
    are copied in, so the record still reads when an account is renamed."""

    __tablename__ = "access_rights_record"
    __table_args__ = (Index("ix_access_rights_record_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None]
    actor_name: Mapped[str] = mapped_column(String(60), default="")  # "" : the command line
    staff_id: Mapped[int | None]
    staff_username: Mapped[str] = mapped_column(String(40))
    # granted | role | disabled | enabled | second_factor_reset | link | password_set
    # | password_changed
    change: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(String(200), default="")
