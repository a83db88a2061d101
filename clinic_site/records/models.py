"""Records the site keeps about its own handling of personal data. None holds the data itself."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from ..platform.database import UTCDateTime


class AccessRecord(Model):
    """Who looked at or changed which personal data, and when: a kind and an id, no content."""

    __tablename__ = "access_record"
    __table_args__ = (Index("ix_access_record_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_kind: Mapped[str] = mapped_column(String(10))  # staff | member | visitor | system
    actor_id: Mapped[int | None]
    actor_name: Mapped[str] = mapped_column(String(60), default="")
    action: Mapped[str] = mapped_column(String(20))  # view | update | reply | destroy | export
    subject_kind: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int | None]
    detail: Mapped[str] = mapped_column(String(200), default="")
    ip: Mapped[str] = mapped_column(String(45), default="")


class DestructionLog(Model):
    """What was destroyed, how many, when and under which rule; with no content."""

    __tablename__ = "destruction_log"
    __table_args__ = (Index("ix_destruction_log_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(30))
    count: Mapped[int]
    rule: Mapped[str] = mapped_column(String(200))


class SignInRecord(Model):
    """Each attempt to sign in (identity verification): which account, from where, and how it
    ended. What was typed is never kept: an unknown username is recorded as no account."""

    __tablename__ = "sign_in_record"
    __table_args__ = (Index("ix_sign_in_record_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    account_kind: Mapped[str] = mapped_column(String(10))  # staff | member
    account_id: Mapped[int | None]
    outcome: Mapped[str] = mapped_column(String(20))  # success | refused | second_factor
    ip: Mapped[str] = mapped_column(String(45), default="")


class ConsentRecord(Model):
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


class PurgeDay(Model):
    """Which site instance took on a clinic day's purge of the shared database, so that of several
    machines on one database only one runs it; each still clears its own visit files."""

    __tablename__ = "purge_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    instance: Mapped[str] = mapped_column(String(200))  # host name and instance folder
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PurgeRun(Model):
    """That the purge ran, when, and how many records it destroyed in all: a run that destroyed
    nothing leaves no destruction-log entry, and the privacy desk still sees that it ran."""

    __tablename__ = "purge_run"
    __table_args__ = (Index("ix_purge_run_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    destroyed: Mapped[int] = mapped_column(default=0)


class AccessReview(Model):
    """The owner's monthly review of the access record (safety-measure standard, article 8): which
    month, who reviewed it, when, and what they noted."""

    __tablename__ = "access_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[date] = mapped_column(Date, unique=True)  # the first day of the month reviewed
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewer_id: Mapped[int | None]
    reviewer_name: Mapped[str] = mapped_column(String(60), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class BackupRecord(Model):
    """A backup ``flask backup`` wrote: where, when, and how many rows each table held in it (also
    in the manifest beside the file); the purge destroys the file after the retention period."""

    __tablename__ = "backup_record"
    __table_args__ = (Index("ix_backup_record_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    path: Mapped[str] = mapped_column(String(1000))
    engine: Mapped[str] = mapped_column(String(20))
    rows: Mapped[int] = mapped_column(default=0)
    destroyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RestoreCheck(Model):
    """One run of ``flask restore-check``: the backup it restored and whether every table came back
    with the rows it had."""

    __tablename__ = "restore_check"
    __table_args__ = (Index("ix_restore_check_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    path: Mapped[str] = mapped_column(String(1000))
    ok: Mapped[bool]
    tables: Mapped[int] = mapped_column(default=0)
    rows: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(String(500), default="")
