"""Finding policy versions: the history, the version in effect on a day, the ones to come, the one a
version replaces, and whether the version in effect states a retention period. Nothing here
changes a version (``services`` does that).

Rules: the version in effect on a day is the newest non-withdrawn one whose effective date has
come (clinic time); versions take effect in the order they were announced.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import load_only

from ..extensions import db
from ..platform import clock
from . import coverage
from .models import PolicyVersion

# What a history row shows; the texts (the bulk of each row) are loaded only when read.
_HISTORY_COLUMNS = load_only(
    PolicyVersion.number,
    PolicyVersion.summary,
    PolicyVersion.announced_on,
    PolicyVersion.effective_on,
    PolicyVersion.origin,
    PolicyVersion.withdrawn_at,
    PolicyVersion.withdrawn_reason,
)


def versions() -> list[PolicyVersion]:
    """Every version ever announced, newest first, withdrawn ones included, in one query that
    leaves the texts out (reading ``body_ko``/``body_en`` of one loads it then)."""
    return list(
        db.session.scalars(
            db.select(PolicyVersion).options(_HISTORY_COLUMNS).order_by(PolicyVersion.number.desc())
        )
    )


def get_version(number: int) -> PolicyVersion | None:
    return db.session.scalar(db.select(PolicyVersion).where(PolicyVersion.number == number))


def in_effect_on(day: date) -> PolicyVersion | None:
    """The version in effect on ``day``: the newest non-withdrawn one effective on or before it."""
    return db.session.scalar(
        db.select(PolicyVersion)
        .where(PolicyVersion.withdrawn_at.is_(None), PolicyVersion.effective_on <= day)
        .order_by(PolicyVersion.effective_on.desc(), PolicyVersion.number.desc())
        .limit(1)
    )


def upcoming(day: date) -> list[PolicyVersion]:
    """Versions announced, not withdrawn, and not yet in effect on ``day``; soonest first (texts
    left out, as in ``versions``)."""
    return list(
        db.session.scalars(
            db.select(PolicyVersion)
            .options(_HISTORY_COLUMNS)
            .where(PolicyVersion.withdrawn_at.is_(None), PolicyVersion.effective_on > day)
            .order_by(PolicyVersion.effective_on, PolicyVersion.number)
        )
    )


def next_upcoming(day: date) -> tuple[int, date, date] | None:
    """(number, announced_on, effective_on) of the next version to take effect: one small query."""
    row = db.session.execute(
        db.select(PolicyVersion.number, PolicyVersion.announced_on, PolicyVersion.effective_on)
        .where(PolicyVersion.withdrawn_at.is_(None), PolicyVersion.effective_on > day)
        .order_by(PolicyVersion.effective_on, PolicyVersion.number)
        .limit(1)
    ).first()
    return tuple(row) if row else None


def previous(version: PolicyVersion) -> PolicyVersion | None:
    """The non-withdrawn version in effect just before ``version`` takes effect (what it replaces):
    the same order ``in_effect_on`` follows, by effective date, then by number on the same day."""
    earlier = db.or_(
        PolicyVersion.effective_on < version.effective_on,
        db.and_(
            PolicyVersion.effective_on == version.effective_on,
            PolicyVersion.number < version.number,
        ),
    )
    return db.session.scalar(
        db.select(PolicyVersion)
        .where(earlier, PolicyVersion.withdrawn_at.is_(None))
        .order_by(PolicyVersion.effective_on.desc(), PolicyVersion.number.desc())
        .limit(1)
    )


def latest_standing() -> PolicyVersion | None:
    """The latest version announced and not withdrawn: the one a new version follows."""
    return db.session.scalar(
        db.select(PolicyVersion)
        .where(PolicyVersion.withdrawn_at.is_(None))
        .order_by(PolicyVersion.number.desc())
        .limit(1)
    )


def latest_number() -> int | None:
    return db.session.scalar(db.select(db.func.max(PolicyVersion.number)))


def states_retention_days(days: int) -> bool:
    """Whether the policy allows keeping consultations for ``days`` days.

    True when no version has been announced yet (the draft, and the first version once it is
    written, follow the settings), or when the Korean or English text of the version in effect
    today has a line that names consultations or inquiries (상담, 문의, consultation, inquir...)
    and states that period: "365 days", "365-day", "365일", "1,095 days", "3년", "1 year", "6개월"
    (a year is 365 days, a month 30 or 31). A number elsewhere (the 7 days' notice of changes)
    does not count. True as well while versions exist but none is in effect yet: nothing binds
    the clinic yet. Upcoming versions are not looked at: what binds the clinic today is the
    version in effect."""
    version = in_effect_on(clock.today())
    if version is None:
        return True
    return any(
        coverage.states_consultation_days(text or "", days)
        for text in (version.body_ko, version.body_en)
    )


def published() -> bool:
    """Whether any version has been announced (the clinic's first policy is out)."""
    return latest_number() is not None
