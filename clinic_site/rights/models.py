"""A request to exercise a right the policy lists (see, correct, delete, stop the processing of
one's data, or withdraw a consent), with the date the law gives the clinic to answer it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..platform.database import UTCDateTime


class RightsRequest(Model):
    """Filed by a member from their account (``member_id``) or by a visitor with a name and a
    mobile number, whom staff call back to check who they are. Kept as a record of complaints
    and requests, then destroyed by the purge; a member's go with them when they withdraw."""

    __tablename__ = "rights_request"
    __table_args__ = (
        Index("ix_rights_request_filed_at", "filed_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # access | correction | deletion | suspension | withdraw_consent (services.KINDS)
    kind: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("member.id", ondelete="CASCADE"), nullable=True, index=True
    )
    # A visitor's; a member's request holds neither (their account says who they are).
    name: Mapped[str | None] = mapped_column(String(50), nullable=True)
    mobile: Mapped[str | None] = mapped_column(String(13), nullable=True)
    details: Mapped[str] = mapped_column(Text, default="")
    # How the requester was known: "signed_in" (a member, by their password) or, for a visitor,
    # how staff checked ("phone", "in_person") when answering.
    identity_check: Mapped[str] = mapped_column(String(12), default="")
    consent_policy_version: Mapped[int | None] = mapped_column(nullable=True)
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The clinic's date by which it answers (10 days; once 10 more, with a reason).
    due_on: Mapped[date] = mapped_column(Date)
    extended_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_by: Mapped[str] = mapped_column(String(60), default="")

    @property
    def open(self) -> bool:
        return self.answered_at is None
