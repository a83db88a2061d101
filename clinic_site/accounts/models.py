"""Members: adults, and children under 14 who join with a legal representative's consent; and the
clinic news the owner sends to members who asked for it."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..platform.database import UTCDateTime

# Why staff put an account on hold; a fixed list, so no free text reaches the records.
# An adult asks for their own account to be held; a child's legal representative asks for the
# child's.
HOLD_REASONS_ADULT = ("correction_requested", "member_request", "privacy_manager")
HOLD_REASONS_CHILD = ("correction_requested", "representative_request", "privacy_manager")
HOLD_REASONS = tuple(dict.fromkeys(HOLD_REASONS_ADULT + HOLD_REASONS_CHILD))
# Why staff destroyed a member's data on request.
DESTROY_REASONS = ("member_request", "representative_request", "privacy_manager")


def new_session_token() -> str:
    return secrets.token_hex(16)


class Member(UserMixin, Model):
    __tablename__ = "member"
    # Numbers are never reused: a record that still names a withdrawn member's number can never
    # point at someone who joined later.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored in lower case, so "Kim_01" and "kim_01" are one ID.
    username: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(255))
    # Adults only; a child's form asks for none of these.
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    mobile: Mapped[str | None] = mapped_column(String(13), nullable=True)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    # How the member is told about their visits: "sms", "kakao", "email" or "none".
    notify: Mapped[str] = mapped_column(String(8), default="email")
    email_opt_in: Mapped[bool] = mapped_column(default=False)
    # A child under 14 and the legal representative who consented.
    is_child: Mapped[bool] = mapped_column(default=False)
    guardian_name: Mapped[str | None] = mapped_column(String(50), nullable=True)
    guardian_mobile: Mapped[str | None] = mapped_column(String(13), nullable=True)
    # Staff confirm the representative's consent (by calling them) before a child may book.
    guardian_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    guardian_confirmed_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    # How the representative's consent was confirmed (Enforcement Decree, article 17-2): "phone"
    # (staff called them) or "link" (they answered the link sent to their mobile).
    guardian_confirmed_how: Mapped[str | None] = mapped_column(String(8), nullable=True)
    # The representative's own password, chosen when consenting through the link: with it they
    # sign in to the child's account and act for the child (accounts/guardian.py).
    guardian_password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    # On hold (can sign in, cannot book), e.g. while a correction the representative asked for
    # is pending. The reason is a code from HOLD_REASONS.
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    hold_reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    # The privacy-policy version the member (or representative) agreed under, and when.
    consent_policy_version: Mapped[int | None] = mapped_column(nullable=True)
    agreed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The newest version that asked for consent again and that the member refused: they keep
    # the terms of ``consent_policy_version`` and are not asked about it again.
    consent_refused_version: Mapped[int | None] = mapped_column(nullable=True)
    # Changes on sign-out, a password change and withdrawal: every other session ends.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    kind = "member"

    def get_id(self) -> str:
        return f"member:{self.id}:{self.session_token}"

    @property
    def waiting_for_guardian(self) -> bool:
        return self.is_child and self.guardian_confirmed_at is None

    @property
    def on_hold(self) -> bool:
        return self.held_at is not None

    @property
    def can_book(self) -> bool:
        return not (self.waiting_for_guardian or self.on_hold)

    @property
    def status(self) -> str:
        """waiting (for the representative's confirmation) | hold | active"""
        if self.waiting_for_guardian:
            return "waiting"
        return "hold" if self.on_hold else "active"


class NewsMessage(Model):
    """Clinic news by email, for members who opted in. Sent in the background in batches; the
    progress is kept here, so an interrupted sending can be resumed where it stopped."""

    __tablename__ = "news_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(150))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL"), nullable=True
    )
    # queued | sending | sent | interrupted
    status: Mapped[str] = mapped_column(String(12), default="queued")
    # Members are visited in id order; the last one handled, so sending resumes after it.
    last_member_id: Mapped[int] = mapped_column(default=0)
    sent_count: Mapped[int] = mapped_column(default=0)
    failed_count: Mapped[int] = mapped_column(default=0)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
