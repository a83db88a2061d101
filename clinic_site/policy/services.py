"""Announcing, importing and withdrawing policy versions, and storing the first one.

Rules: numbers run 1, 2, 3... in announcement order; a version takes effect on its effective date
(clinic time), never earlier; an announced version's text and dates never change. A new version may
not take effect before one already announced and still to come, so the order in which versions take
effect is the order in which they were announced.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..platform import clock
from ..settings.queries import clinic_configured, manager_named
from .generated import first_version_draft
from .models import PolicyVersion
from .queries import get_version, in_effect_on, latest_number, latest_standing, versions
from .refusals import PolicyRefused

NOTICE_DAYS = 7  # both seed policies promise at least 7 days' notice of a change
EFFECTIVE_AHEAD_DAYS = 366  # and takes effect at most this far ahead (a year, leap day or not)


def _add(translation_fresh: bool = False, **values) -> PolicyVersion:
    """Store a version under the next number (with ``translation_fresh``, its translation is of
    that number). Two announcements at the same moment would pick the same number; the unique
    constraint refuses the second, which then takes the one after."""
    for _attempt in range(3):
        number = (latest_number() or 0) + 1
        if translation_fresh:
            values["translation_of"] = number
        version = PolicyVersion(number=number, created_at=clock.now(), **values)
        try:
            with db.session.begin_nested():
                db.session.add(version)
        except IntegrityError:
            continue
        return version
    raise PolicyRefused("busy")


def publish_first(actor=None, mode: str | None = None) -> PolicyVersion:
    """Publish the generated first version, announced and in effect today: the owner read the
    preview and pressed Publish (or an operator ran ``setup-clinic --publish-policy``). Refused
    once any version exists (every later change is announced with 7 days' notice) and while the
    clinic's details or its privacy manager are missing (a published version never changes, and
    must not freeze a blank manager). Two at once: one insert wins on the unique number."""
    if latest_number() is not None:
        raise PolicyRefused("already_published")
    if not (clinic_configured() and manager_named()):
        raise PolicyRefused("details_missing")
    version = first_version_draft(mode)
    version.announced_by = getattr(actor, "id", None)
    try:
        with db.session.begin_nested():
            db.session.add(version)
    except IntegrityError:
        raise PolicyRefused("already_published") from None
    return version


def current() -> PolicyVersion | None:
    """The version in effect today in the clinic's time zone; None before one is published.
    Reading never publishes anything."""
    return in_effect_on(clock.today())


def consent_version() -> int | None:
    """The number of the version a consent given now is given under: the one in effect today,
    or None before anything is published (no form collects personal data then)."""
    version = current()
    return version.number if version is not None else None


def current_or_draft() -> tuple[PolicyVersion | None, bool]:
    """What /policy shows: the version in effect, or, while nothing has been published yet, the
    generated draft (``True`` as the second value), which is stored nowhere."""
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
        raise PolicyRefused(
            "overtaking", "effective_on", number=later.number, date=later.effective_on.isoformat()
        )


def earliest_effective(today: date) -> date:
    """The first day a version announced today may take effect: 7 days on, when it changes a
    policy in effect; today, when no policy is in effect yet (a site must always show one, and
    there is nothing to give notice of changing)."""
    if in_effect_on(today) is None and not upcoming_exists(today):
        return today
    return today + timedelta(days=NOTICE_DAYS)


def latest_effective(today: date) -> date:
    """The last day a version announced today may take effect: a year on (366 days, so the same
    date next year is always allowed). A date nobody meant, 9999-12-31, would otherwise hold back
    every later version until withdrawn."""
    return today + timedelta(days=EFFECTIVE_AHEAD_DAYS)


def upcoming_exists(today: date) -> bool:
    return (
        db.session.scalar(
            db.select(PolicyVersion.id)
            .where(PolicyVersion.withdrawn_at.is_(None), PolicyVersion.effective_on > today)
            .limit(1)
        )
        is not None
    )


def stale_translation_of(body: str, translation: str | None) -> int | None:
    """When ``body`` changes the text of the latest version but ``translation`` is that version's
    translation unchanged: the version the translation really translates. Else None."""
    before = latest_standing()
    if before is None or not _clean(translation):
        return None
    main = current_app.config["CLINIC_LANGUAGE"]
    before_main, before_other = (
        (before.body_ko, before.body_en) if main == "ko" else (before.body_en, before.body_ko)
    )
    if _clean(body) == before_main or _clean(translation) != before_other:
        return None
    return before.translation_of or before.number


def announce(
    body: str,
    translation: str | None,
    summary: str,
    effective_on: date,
    actor,
    keep_old_translation: bool = False,
    asks_consent_again: bool = False,
) -> PolicyVersion:
    """Announce a new version today. ``body`` is in the clinic's language (CLINIC_LANGUAGE),
    ``translation`` optionally in the other. Refuses an effective date less than 7 days away
    (unless no policy is in effect yet), and one earlier than that of a version announced before
    and not yet in effect. A changed text with its old translation unchanged is refused unless
    ``keep_old_translation``: then the version says its translation is of the earlier version,
    and readers of that language are told so."""
    today = clock.today()
    earliest = earliest_effective(today)
    if effective_on < earliest:
        raise PolicyRefused(
            "too_soon", "effective_on", days=NOTICE_DAYS, earliest=earliest.isoformat()
        )
    latest = latest_effective(today)
    if effective_on > latest:
        raise PolicyRefused(
            "too_far", "effective_on", days=EFFECTIVE_AHEAD_DAYS, latest=latest.isoformat()
        )
    _refuse_overtaking(effective_on, today)
    if not _clean(body):
        raise PolicyRefused("empty", "body")
    main = current_app.config["CLINIC_LANGUAGE"]
    other = "en" if main == "ko" else "ko"
    stale_of = stale_translation_of(body, translation)
    if stale_of is not None and not keep_old_translation:
        raise PolicyRefused("translation_stale", "translation", number=stale_of)
    texts = {main: _clean(body), other: _clean(translation)}
    return _add(
        translation_fresh=bool(texts[other]) and stale_of is None,
        body_ko=texts["ko"],
        body_en=texts["en"],
        summary=summary.strip(),
        announced_on=today,
        effective_on=effective_on,
        origin="editor",
        announced_by=getattr(actor, "id", None),
        translation_of=stale_of,
        asks_consent_again=asks_consent_again,
    )


def import_version(
    body: str, language: str, announced_on: date, effective_on: date, summary: str
) -> PolicyVersion:
    """Add a version that was announced elsewhere before (history). No 7-day rule, but the
    effective date may not precede the announcement, the announcement is no later than today
    and the effective date within a year of it, and the history stays in order: it may be
    announced and take effect no earlier than any version already stored."""
    if effective_on < announced_on:
        raise PolicyRefused("import_dates")
    today = clock.today()
    if announced_on > today:
        raise PolicyRefused("import_future", today=today.isoformat())
    if effective_on > latest_effective(today):
        raise PolicyRefused(
            "import_far", days=EFFECTIVE_AHEAD_DAYS, latest=latest_effective(today).isoformat()
        )
    if not _clean(body):
        raise PolicyRefused("import_empty")
    if language not in ("ko", "en"):
        raise PolicyRefused("import_language")
    for other in versions():
        if other.announced_on > announced_on or other.effective_on > effective_on:
            raise PolicyRefused(
                "import_order",
                number=other.number,
                announced=other.announced_on.isoformat(),
                effective=other.effective_on.isoformat(),
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
        raise PolicyRefused("no_version")
    if version.withdrawn:
        raise PolicyRefused("already_withdrawn")
    if version.effective_on <= clock.today():
        raise PolicyRefused("in_effect")
    if not reason.strip():
        raise PolicyRefused("no_reason", "reason")
    version.withdrawn_at = clock.now()
    version.withdrawn_reason = reason.strip()[:500]
    db.session.flush()
    return version
