"""Announcing, importing and withdrawing policy versions, and storing the first one.

Rules: numbers run 1, 2, 3... in announcement order; a version takes effect on its effective date
(clinic time), never earlier; an announced version's text and dates never change. A new version may
not take effect before one already announced and still to come, so the order in which versions take
effect is the order in which they were announced.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _
from sqlalchemy.exc import IntegrityError

from .. import clock
from ..extensions import db
from ..settings.services import clinic_configured
from .default import first_version_draft
from .models import PolicyVersion
from .queries import get_version, in_effect_on, latest_number, versions

NOTICE_DAYS = 7  # both seed policies promise at least 7 days' notice of a change


class PolicyError(Exception):
    """A request the policy rules refuse; the message says why (lazily translated, so it reads
    in the language of whoever sees it)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _add(**values) -> PolicyVersion:
    """Store a version under the next number. Two announcements at the same moment would pick the
    same number; the unique constraint refuses the second, which then takes the one after."""
    for _attempt in range(3):
        latest = latest_number()
        version = PolicyVersion(number=(latest or 0) + 1, created_at=clock.now(), **values)
        try:
            with db.session.begin_nested():
                db.session.add(version)
        except IntegrityError:
            continue
        return version
    raise PolicyError(_("Another version was being saved at the same moment; please try again."))


def ensure_first_version(mode: str | None = None) -> PolicyVersion | None:
    """When no version exists and the owner has saved the clinic's details, store the generated
    default as version 1, announced and effective today, so /policy always has a policy and
    consents can name a version. Before the details are saved nothing is stored: an announced
    version never changes, and it must not freeze a blank privacy manager. Two first requests
    at once: one insert wins on the unique number, the other re-reads it."""
    if latest_number() is not None or not clinic_configured():
        return None
    version = first_version_draft(mode)
    try:
        with db.session.begin_nested():
            db.session.add(version)
    except IntegrityError:
        return None
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
    if version is None and latest_number() is None:
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


def earliest_effective(today: date) -> date:
    """The first day a version announced today may take effect: 7 days on, when it changes a
    policy in effect; today, when no policy is in effect yet (a site must always show one, and
    there is nothing to give notice of changing)."""
    if in_effect_on(today) is None and not upcoming_exists(today):
        return today
    return today + timedelta(days=NOTICE_DAYS)


def upcoming_exists(today: date) -> bool:
    return (
        db.session.scalar(
            db.select(PolicyVersion.id)
            .where(PolicyVersion.withdrawn_at.is_(None), PolicyVersion.effective_on > today)
            .limit(1)
        )
        is not None
    )


def announce(
    body: str, translation: str | None, summary: str, effective_on: date, actor
) -> PolicyVersion:
    """Announce a new version today. ``body`` is in the clinic's language (CLINIC_LANGUAGE),
    ``translation`` optionally in the other. Refuses an effective date less than 7 days away
    (unless no policy is in effect yet), and one earlier than that of a version announced before
    and not yet in effect."""
    today = clock.today()
    earliest = earliest_effective(today)
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
    return version
