"""Writing the access, sign-in and consent records and the destruction log. Callers pass who acted;
nothing here reads the request, so the CLI and the web write the same entries. Reading them back
for the owner is ``queries.py``."""

from __future__ import annotations

from ..extensions import db
from ..platform import clock
from .models import AccessRecord, ConsentRecord, DestructionLog, SignInRecord


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
