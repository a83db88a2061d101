"""Retention rules and the purge that applies them.

Each feature adds, in its ``init_app``, a rule per kind of record it keeps to the
``retention_rules`` hook (``platform/hooks.py``): a function that destroys the records that have
outlived their period at a given instant, batch by batch (``in_batches`` makes one from a table and
a condition; ``kept_for`` from a table stamped ``at`` and a period of the inventory).
``purge`` runs them all, a batch per transaction, and keeps one destruction-log entry per kind it
destroyed anything of, counted up in the same transaction as each batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement

from ..extensions import db
from ..platform import clock, hooks
from ..platform.database import affected
from ..platform.hooks import Rule
from ..privacy import inventory
from ..privacy.periods import Period
from ..settings.queries import get_settings
from . import visits
from .models import (
    AccessRecord,
    BackupRecord,
    ConsentRecord,
    DestructionLog,
    PurgeRun,
    SignInRecord,
)
from .services import log_destruction, record_purge_run

# Records destroyed per transaction. A batch takes milliseconds, so a patient's inquiry never
# waits long for the database while a million records go; the pause between batches lets a
# waiting writer in first (SQLite has one writer at a time).
BATCH = 1000
PAUSE_SECONDS = 0.005


def kept_for(kind: str, name: str, model, period: Period) -> Rule:
    """The rule for records stamped ``model.at`` and kept ``period`` (from the inventory)."""
    return Rule(
        kind,
        f"{name}: {period.english()}",
        in_batches(model, lambda at: model.at < period.before(at)),
        period=period,
    )


class Batches:
    """A ``destroy_expired`` for the rows of ``model`` where ``expired(at)`` holds: their ids are
    read once, in order, then deleted ``BATCH`` at a time, each delete checking the condition
    again (a reply that arrived meanwhile keeps its inquiry). Reading the ids once keeps every
    batch as cheap as the first, where searching again would walk past the rows just deleted
    (PostgreSQL keeps them until it vacuums).

    ``overdue(at)`` counts what a purge at ``at`` would destroy: rows kept past their period,
    which the privacy desk shows in red; ``oldest()`` the oldest row's time, where the rows are
    stamped ``at``."""

    def __init__(self, model, expired: Callable[[datetime], ColumnElement[bool]]):
        self.model = model
        self.expired = expired

    def __call__(self, at: datetime) -> Iterator[int]:
        model, expired = self.model, self.expired
        ids = list(db.session.scalars(db.select(model.id).where(expired(at)).order_by(model.id)))
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            yield affected(db.session, db.delete(model).where(model.id.in_(batch), expired(at)))

    def overdue(self, at: datetime) -> int:
        query = db.select(db.func.count()).select_from(self.model).where(self.expired(at))
        return db.session.scalar(query) or 0

    def oldest(self) -> datetime | None:
        stamp = getattr(self.model, "at", None)
        return db.session.scalar(db.select(db.func.min(stamp))) if stamp is not None else None


def in_batches(model, expired: Callable[[datetime], ColumnElement[bool]]) -> Batches:
    """The ``destroy_expired`` of a rule for the rows of ``model`` where ``expired(at)`` holds."""
    return Batches(model, expired)


def purge(at: datetime | None = None, database: bool = True) -> dict[str, int]:
    """Destroy every record past its retention period, committing batch by batch; returns counts
    by kind (all kinds run). Stopped half-way, what was destroyed is logged, and the next run
    goes on from there. With ``database=False``, only this machine's own records (files)."""
    at = at or clock.now()
    counts: dict[str, int] = {}
    for rule in hooks.retention_rules:
        if not (database or rule.on_this_machine):
            continue
        counts[rule.kind] = 0
        entry = None
        for count in rule.destroy_expired(at):
            if count and entry is None:
                entry = log_destruction(rule.kind, count, rule.basis)
            elif entry is not None:
                entry.count += count
            db.session.commit()
            counts[rule.kind] += count
            time.sleep(PAUSE_SECONDS)
        db.session.commit()
    if database:
        record_purge_run(sum(counts.values()))
        # Runs long past tell nothing any more.
        db.session.execute(db.delete(PurgeRun).where(PurgeRun.at < at - timedelta(days=400)))
        db.session.commit()
    return counts


def _expired_backups(at: datetime):
    days = inventory.BACKUP_KEPT.days(get_settings())
    return db.select(BackupRecord).where(
        BackupRecord.destroyed_at.is_(None), BackupRecord.at < at - timedelta(days=days)
    )


class ExpiredBackups:
    """Deletes the backup files (and their manifests) ``flask backup`` wrote longer ago than the
    clinic keeps backups, and notes each as destroyed. A file already gone counts as destroyed."""

    def __call__(self, at: datetime) -> Iterator[int]:
        count = 0
        for entry in list(db.session.scalars(_expired_backups(at))):
            Path(entry.path).unlink(missing_ok=True)
            Path(f"{entry.path}.json").unlink(missing_ok=True)
            entry.destroyed_at = at
            count += 1
        yield count

    def overdue(self, at: datetime) -> int:
        return len(list(db.session.scalars(_expired_backups(at))))

    def oldest(self) -> datetime | None:
        return db.session.scalar(
            db.select(db.func.min(BackupRecord.at)).where(BackupRecord.destroyed_at.is_(None))
        )


def own_rules() -> tuple[Rule, ...]:
    """How long the records themselves are kept: the inventory's periods."""
    return (
        kept_for("access_record", "access record", AccessRecord, inventory.ACCESS_RECORD),
        kept_for("destruction_log", "destruction log", DestructionLog, inventory.COMPLAINT_RECORD),
        kept_for(
            "sign_in_record",
            "identity verification records",
            SignInRecord,
            inventory.IDENTITY_RECORD,
        ),  # fmt: skip
        kept_for("consent_record", "consent record", ConsentRecord, inventory.CONSENT_RECORD),
        Rule(
            "visit_record",
            f"visit records: {inventory.VISIT_RECORD.english()}",
            visits.destroy_expired,
            on_this_machine=True,
            period=inventory.VISIT_RECORD,
        ),
        Rule(
            "backup",
            "backups: the days the clinic keeps them",
            ExpiredBackups(),
            period=inventory.BACKUP_KEPT,
        ),
    )
