"""Announcing, importing, withdrawing and finding policy versions.

Rules: numbers run 1, 2, 3... in announcement order; a version takes effect on its effective date
(clinic time), never earlier; the version in effect on a day is the newest non-withdrawn one whose
effective date has come; an announced version's text and dates never change.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..core.models import ClinicSettings
from ..core.settings import get_settings
from ..extensions import db
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
    "current_or_draft",
    "ensure_first_version",
    "first_version_draft",
    "get_version",
    "import_version",
    "in_effect_on",
    "next_upcoming",
    "previous",
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


def versions() -> list[PolicyVersion]:
    """Every version ever announced, newest first, withdrawn ones included."""
    return list(db.session.scalars(db.select(PolicyVersion).order_by(PolicyVersion.number.desc())))


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
    """Versions announced, not withdrawn, and not yet in effect on ``day``; soonest first."""
    return list(
        db.session.scalars(
            db.select(PolicyVersion)
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
    """The version announced before ``version`` that was not withdrawn (what it replaces)."""
    return db.session.scalar(
        db.select(PolicyVersion)
        .where(PolicyVersion.number < version.number, PolicyVersion.withdrawn_at.is_(None))
        .order_by(PolicyVersion.number.desc())
        .limit(1)
    )


def _latest() -> PolicyVersion | None:
    return db.session.scalar(
        db.select(PolicyVersion).order_by(PolicyVersion.number.desc()).limit(1)
    )


def _add(**values) -> PolicyVersion:
    """Store a version under the next number. Two announcements at the same moment would pick the
    same number; the unique constraint refuses the second, which then takes the one after."""
    for _attempt in range(3):
        latest = _latest()
        version = PolicyVersion(
            number=(latest.number + 1) if latest else 1, created_at=clock.now(), **values
        )
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
    if _latest() is not None or not clinic_configured():
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


def current_or_draft() -> tuple[PolicyVersion | None, bool]:
    """What /policy shows: the version in effect, or, while nothing has been announced yet, the
    generated draft (``True`` as the second value)."""
    version = current()
    if version is None and _latest() is None:
        return first_version_draft(), True
    return version, False


def _clean(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text + "\n" if text else None


def announce(
    body: str, translation: str | None, summary: str, effective_on: date, actor
) -> PolicyVersion:
    """Announce a new version today. ``body`` is in the clinic's language (CLINIC_LANGUAGE),
    ``translation`` optionally in the other. Refuses an effective date less than 7 days away."""
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
