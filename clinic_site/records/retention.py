"""Retention rules and the purge that applies them.

Each feature registers, in its ``init_app``, a rule per kind of record it keeps: a function that
destroys what has outlived its period at a given instant and returns how many it destroyed.
``purge`` runs them all and writes one destruction-log entry for each kind it destroyed anything of.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app

from .. import clock
from ..extensions import db
from .services import log_destruction


@dataclass(frozen=True)
class Rule:
    kind: str
    basis: str  # the retention rule, as the destruction log names it
    destroy_expired: Callable[[datetime], int]


def older_than(model, days: int) -> Callable[[datetime], int]:
    """A ``destroy_expired`` for records stamped ``model.at`` and kept ``days`` days."""

    def destroy(at: datetime) -> int:
        result = db.session.execute(db.delete(model).where(model.at < at - timedelta(days=days)))
        return result.rowcount or 0

    return destroy


def register(app: Flask, rule: Rule) -> None:
    app.extensions.setdefault("clinic_retention_rules", []).append(rule)


def purge(at: datetime | None = None) -> dict[str, int]:
    """Destroy every record past its retention period; returns counts by kind (all kinds listed)."""
    at = at or clock.now()
    counts: dict[str, int] = {}
    for rule in current_app.extensions.get("clinic_retention_rules", []):
        count = rule.destroy_expired(at)
        counts[rule.kind] = counts.get(rule.kind, 0) + count
        if count:
            log_destruction(rule.kind, count, rule.basis)
    return counts
