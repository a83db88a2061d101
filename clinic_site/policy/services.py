"""Announcing, importing, withdrawing and finding policy versions.

Rules: numbers run 1, 2, 3... in announcement order; a version takes effect on its effective date
(clinic time), never earlier; the version in effect on a day is the newest non-withdrawn one whose
effective date has come; an announced version's text and dates never change. A new version may not
take effect before one already announced and still to come, so the order in which versions take
effect is the order in which they were announced.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import load_only

from .. import clock
from ..core.models import ClinicSettings
from ..core.settings import get_settings
from ..extensions import db
from . import coverage
from .default import default_text
from .models import PolicyImmutable, PolicyVersion

DEFAULT_SUMMARY = "First version, written from what this website collects."
NOTICE_DAYS = 7  # both seed policies promise at least 7 days' notice of a change

__all__ = [
    "DEFAULT_SUMMARY",
    "NOTICE_DAYS",
    "PolicyError",
    "PolicyImmutable",
    "announce",
    "clinic_configured",
    "current",
    "consent_version",
    "current_or_draft",
    "ensure_first_version",
    "first_version_draft",
    "get_version",
    "import_version",
    "in_effect_on",
    "next_upcoming",
    "previous",
    "states_retention_days",
    "upcoming",
    "versions",
    "withdraw",
]


class PolicyError(Exception):
    """A request the policy rules refuse; the message says why (lazily translated, so it reads
    in the language of whoever sees it)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _invalidate_notice() -> None:
    current_app.extensions["policy_notice_cache"] = {}


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


def _latest_number() -> int | None:
    return db.session.scalar(db.select(db.func.max(PolicyVersion.number)))


def _add(**values) -> PolicyVersion:
    """Store a version under the next number. Two announcements at the same moment would pick the
    same number; the unique constraint refuses the second, which then takes the one after."""
    for _attempt in range(3):
        latest = _latest_number()
        version = PolicyVersion(number=(latest or 0) + 1, created_at=clock.now(), **values)
        try:
            with db.session.begin_nested():
                db.session.add(version)
        except IntegrityError:
            continue
        _invalidate_notice()
        return version
    raise PolicyError(_("Another version was being saved at the same moment; please try again."))


def clinic_configured() -> bool:
    """Whether the owner has saved the clinic's details at least once."""
    return db.session.get(ClinicSettings, 1) is not None


def first_version_draft(mode: str | None = None) -> PolicyVersion:
    """The generated default as it would be announced today; not stored."""
    mode = mode or current_app.config["CLINIC_MODE"]
    settings = get_settings()
    today = clock.today()
    return PolicyVersion(
        number=1,
        body_ko=default_text("ko", mode, settings),
        body_en=default_text("en", mode, settings),
        # Stored as written; pages show it in the reader's language (DEFAULT_SUMMARY is a msgid).
        summary=DEFAULT_SUMMARY,
        announced_on=today,
        effective_on=today,
        origin="default",
        created_at=clock.now(),
    )


def ensure_first_version(mode: str | None = None) -> PolicyVersion | None:
    """When no version exists and the owner has saved the clinic's details, store the generated
    default as version 1, announced and effective today, so /policy always has a policy and
    consents can name a version. Before the details are saved nothing is stored: an announced
    version never changes, and it must not freeze a blank privacy manager. Two first requests
    at once: one insert wins on the unique number, the other re-reads it."""
    if _latest_number() is not None or not clinic_configured():
        return None
    version = first_version_draft(mode)
    try:
        with db.session.begin_nested():
            db.session.add(version)
    except IntegrityError:
        return None
    _invalidate_notice()
    return version


def current() -> PolicyVersion | None:
    """The version in effect today in the clinic's time zone (the first-run default if none)."""
    ensure_first_version()
    return in_effect_on(clock.today())


def consent_version() -> int | None:
    """The number of the version a consent given now is given under: the one in effect today
    (announcing version 1 first if the clinic's details are saved), or None before anything is
    announced."""
    version = current()
    return version.number if version is not None else None


def current_or_draft() -> tuple[PolicyVersion | None, bool]:
    """What /policy shows: the version in effect, or, while nothing has been announced yet, the
    generated draft (``True`` as the second value)."""
    version = current()
    if version is None and _latest_number() is None:
        return first_version_draft(), True
    return version, False


def _clean(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text + "\n" if text else None


def _refuse_overtaking(effective_on: date, today: date) -> None:
    """A new version may not take effect before one announced earlier and still to come: from that
    later date the older one would be in effect again and silently undo the newer one."""
    later = db.session.execute(
        db.select(PolicyVersion.number, PolicyVersion.effective_on)
        .where(
            PolicyVersion.withdrawn_at.is_(None),
            PolicyVersion.effective_on > today,
            PolicyVersion.effective_on > effective_on,
        )
        .order_by(PolicyVersion.effective_on.desc(), PolicyVersion.number.desc())
        .limit(1)
    ).first()
    if later is not None:
        raise PolicyError(
            _(
                "Version %(number)d is announced to take effect on %(date)s. Choose %(date)s or "
                "later, or withdraw version %(number)d first.",
                number=later.number,
                date=later.effective_on.isoformat(),
            ),
            field="effective_on",
        )


def announce(
    body: str, translation: str | None, summary: str, effective_on: date, actor
) -> PolicyVersion:
    """Announce a new version today. ``body`` is in the clinic's language (CLINIC_LANGUAGE),
    ``translation`` optionally in the other. Refuses an effective date less than 7 days away, and
    one earlier than that of a version announced before and not yet in effect."""
    today = clock.today()
    earliest = today + timedelta(days=NOTICE_DAYS)
    if effective_on < earliest:
        raise PolicyError(
            _(
                "The new version must take effect at least %(days)d days after it is announced: "
                "choose %(earliest)s or later.",
                days=NOTICE_DAYS,
                earliest=earliest.isoformat(),
            ),
            field="effective_on",
        )
    _refuse_overtaking(effective_on, today)
    if not _clean(body):
        raise PolicyError(_("The policy text is empty."), field="body")
    main = current_app.config["CLINIC_LANGUAGE"]
    texts = {main: _clean(body), ("en" if main == "ko" else "ko"): _clean(translation)}
    return _add(
        body_ko=texts["ko"],
        body_en=texts["en"],
        summary=summary.strip(),
        announced_on=today,
        effective_on=effective_on,
        origin="editor",
        announced_by=getattr(actor, "id", None),
    )


def import_version(
    body: str, language: str, announced_on: date, effective_on: date, summary: str
) -> PolicyVersion:
    """Add a version that was announced elsewhere before (history). No 7-day rule, but the
    effective date may not precede the announcement, and the history stays in order: it may be
    announced and take effect no earlier than any version already stored."""
    if effective_on < announced_on:
        raise PolicyError("the effective date is before the announcement date")
    if not _clean(body):
        raise PolicyError("the file is empty")
    if language not in ("ko", "en"):
        raise PolicyError("the language must be ko or en")
    for other in versions():
        if other.announced_on > announced_on or other.effective_on > effective_on:
            raise PolicyError(
                f"version {other.number} (announced {other.announced_on}, effective "
                f"{other.effective_on}) is later; import older versions first, oldest first"
            )
    return _add(
        body_ko=_clean(body) if language == "ko" else None,
        body_en=_clean(body) if language == "en" else None,
        summary=summary.strip(),
        announced_on=announced_on,
        effective_on=effective_on,
        origin="import",
    )


def withdraw(number: int, reason: str, actor) -> PolicyVersion:
    """Withdraw a version that has not taken effect yet; it stays in the history, marked."""
    version = get_version(number)
    if version is None:
        raise PolicyError(_("There is no such version."))
    if version.withdrawn:
        raise PolicyError(_("This version was already withdrawn."))
    if version.effective_on <= clock.today():
        raise PolicyError(_("This version is already in effect; announce a new version instead."))
    if not reason.strip():
        raise PolicyError(_("Give the reason for withdrawing it."), field="reason")
    version.withdrawn_at = clock.now()
    version.withdrawn_reason = reason.strip()[:500]
    db.session.flush()
    _invalidate_notice()
    return version


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
