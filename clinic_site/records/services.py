"""Writing the access, sign-in and consent records and the destruction log. Callers pass who acted;
nothing here reads the request, so the CLI and the web write the same entries. Reading them back
for the owner is ``queries.py``."""

from __future__ import annotations

from datetime import date

from ..extensions import db
from ..platform import clock
from .models import (
    AccessRecord,
    AccessReview,
    BackupRecord,
    ConsentRecord,
    DestructionLog,
    PurgeRun,
    RestoreCheck,
    SignInRecord,
)
from .refusals import RecordsRefused


def record_access(
    actor, action: str, subject_kind: str, subject_id: int | None, detail: str = "", ip: str = ""
) -> AccessRecord:
    """Note that ``actor`` (a staff user or member, or None for the system) did ``action`` to one
    item of personal data. ``detail`` must never hold the data itself."""
    kind = getattr(actor, "kind", "system") if actor is not None else "system"
    entry = AccessRecord(
        at=clock.now(),
        actor_kind=kind,
        actor_id=getattr(actor, "id", None),
        # Staff are named, so the owner reads who did it; a member or visitor is a number only,
        # which leads nowhere once their account is gone.
        actor_name=(getattr(actor, "username", "") or "") if kind == "staff" else "",
        action=action,
        subject_kind=subject_kind,
        subject_id=subject_id,
        detail=detail[:200],
        ip=(ip or "")[:45],
    )
    db.session.add(entry)
    return entry


def log_destruction(kind: str, count: int, rule: str) -> DestructionLog:
    """Note that ``count`` records of ``kind`` were destroyed under ``rule``."""
    entry = DestructionLog(at=clock.now(), kind=kind, count=count, rule=rule[:200])
    db.session.add(entry)
    return entry


def record_sign_in(
    account_kind: str, account_id: int | None, outcome: str, ip: str = ""
) -> SignInRecord:
    """Note one sign-in attempt: the account it matched (or None) and how it ended."""
    entry = SignInRecord(
        at=clock.now(),
        account_kind=account_kind,
        account_id=account_id,
        outcome=outcome,
        ip=(ip or "")[:45],
    )
    db.session.add(entry)
    return entry


def record_consent(
    consent_id: str,
    choice: str,
    preferences: bool,
    analytics: bool,
    revision: int,
    policy_version: int | None,
) -> ConsentRecord:
    """Note one cookie choice under ``consent_id``, with the cookie revision and the privacy-policy
    version it was given under; nothing else about the visitor."""
    record = ConsentRecord(
        consent_id=consent_id,
        choice=choice,
        preferences=preferences,
        analytics=analytics,
        cookie_revision=revision,
        policy_version=policy_version,
        at=clock.now(),
    )
    db.session.add(record)
    db.session.flush()
    return record


def mark_reviewed(owner, month: str, note: str) -> AccessReview:
    """Note that ``owner`` reviewed the access record of ``month`` ("YYYY-MM") and what they
    found. Refuses a month not begun yet and one reviewed already."""
    try:
        first = date.fromisoformat(f"{month.strip()}-01") if len(month.strip()) == 7 else None
    except ValueError:
        first = None
    if first is None or first.year < 2000:
        raise RecordsRefused("month_shape", "month")
    if first > clock.today():
        raise RecordsRefused("month_ahead", "month")
    if db.session.scalar(db.select(AccessReview.id).where(AccessReview.month == first)):
        raise RecordsRefused("reviewed", "month")
    review = AccessReview(
        month=first,
        reviewed_at=clock.now(),
        reviewer_id=getattr(owner, "id", None),
        reviewer_name=getattr(owner, "username", "") or "",
        note=note.strip()[:2000],
    )
    db.session.add(review)
    db.session.flush()
    return review


def record_backup(path: str, engine: str, rows: int) -> BackupRecord:
    """Note a backup just written, so the purge destroys it after the retention period and the
    privacy desk shows its age."""
    entry = BackupRecord(at=clock.now(), path=path[:1000], engine=engine[:20], rows=rows)
    db.session.add(entry)
    db.session.flush()
    return entry


def record_restore_check(path: str, ok: bool, tables: int, rows: int, message: str) -> RestoreCheck:
    """Note one restore check and how it ended."""
    entry = RestoreCheck(
        at=clock.now(), path=path[:1000], ok=ok, tables=tables, rows=rows, message=message[:500]
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def record_purge_run(destroyed: int) -> PurgeRun:
    """Note that the purge ran (even when it destroyed nothing)."""
    entry = PurgeRun(at=clock.now(), destroyed=destroyed)
    db.session.add(entry)
    return entry
