"""Writing the access record and the destruction log. Callers pass who acted; nothing here reads the
request, so the CLI and the web write the same entries."""

from __future__ import annotations

from .. import clock
from ..extensions import db
from .models import AccessRecord, DestructionLog, SignInRecord


def record_access(
    actor, action: str, subject_kind: str, subject_id: int | None, detail: str = "", ip: str = ""
) -> AccessRecord:
    """Note that ``actor`` (a staff user or member, or None for the system) did ``action`` to one
    item of personal data. ``detail`` must never hold the data itself."""
    entry = AccessRecord(
        at=clock.now(),
        actor_kind=getattr(actor, "kind", "system") if actor is not None else "system",
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "username", "") or "",
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
