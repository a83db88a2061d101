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
from datetime import datetime

from sqlalchemy import ColumnElement

from ..extensions import db
from ..platform import clock, hooks
from ..platform.database import affected
from ..platform.hooks import Rule
from ..privacy import inventory
from ..privacy.periods import Period
from . import visits
from .models import AccessRecord, ConsentRecord, DestructionLog, SignInRecord
from .services import log_destruction

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


def in_batches(
    model, expired: Callable[[datetime], ColumnElement[bool]]
) -> Callable[[datetime], Iterator[int]]:
    """A ``destroy_expired`` for the rows of ``model`` where ``expired(at)`` holds: their ids are
    read once, in order, then deleted ``BATCH`` at a time, each delete checking the condition
    again (a reply that arrived meanwhile keeps its inquiry). Reading the ids once keeps every
    batch as cheap as the first, where searching again would walk past the rows just deleted
    (PostgreSQL keeps them until it vacuums)."""

    def destroy(at: datetime) -> Iterator[int]:
        ids = list(db.session.scalars(db.select(model.id).where(expired(at)).order_by(model.id)))
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            yield affected(db.session, db.delete(model).where(model.id.in_(batch), expired(at)))

    return destroy


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
    return counts


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
    )
