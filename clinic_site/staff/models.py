"""Staff accounts: the owner, who edits the policy and settings, and staff, who answer patients."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..platform.database import UTCDateTime

ROLES = ("owner", "staff")


def new_session_token() -> str:
    return secrets.token_hex(16)


class StaffUser(UserMixin, Model):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Second factor (TOTP, RFC 6238): the shared secret, kept here (not in the session cookie,
    # which is signed but readable) from the moment enrolment starts; and the last time step
    # accepted, so a code seen over someone's shoulder cannot be used a second time. Enrolment
    # is complete once a code has been accepted.
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(nullable=True)
    # A disabled account cannot sign in, and its sessions ended when it was disabled. The owner
    # may enable it again; the account and its history stay.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    kind = "staff"

    def get_id(self) -> str:
        return f"staff:{self.id}:{self.session_token}"

    @property
    def has_second_factor(self) -> bool:
        return self.totp_secret is not None and self.totp_last_step is not None

    @property
    def is_owner(self) -> bool:
        return self.role == "owner"

    @property
    def is_active(self) -> bool:
        """Flask-Login's question: whether this account may be signed in at all."""
        return self.disabled_at is None

    @property
    def has_password(self) -> bool:
        """False while a new account waits for its holder to set a password through the link."""
        return bool(self.password_hash)


class RecoveryCode(Model):
    """One of the codes that stand in for the authenticator app once, when the phone is lost:
    shown to the staff member once, kept only as a SHA-256 digest (each code carries 50 random
    bits, so a fast digest is enough), and spent when used."""

    __tablename__ = "staff_recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
