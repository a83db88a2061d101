"""Reading the site's records back for the owner: the accounts they name, the cookie choices by
revision, and one browser's choices (a look at personal records, so it writes the access record
itself)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..extensions import db
from ..platform import hooks
from .models import AccessReview, ConsentRecord
from .services import record_access

# A consent id is a random token (secrets.token_urlsafe) and nothing else.
CONSENT_ID = re.compile(r"^[A-Za-z0-9_-]{16,32}$")


def account_names(kind: str, ids: Iterable[int]) -> dict[int, str]:
    """The usernames of accounts of ``kind`` among ``ids``; an account that is gone is absent."""
    model = next((each.model for each in hooks.user_kinds if each.kind == kind), None)
    ids = set(ids)
    if model is None or not ids:
        return {}
    rows = db.session.execute(db.select(model.id, model.username).where(model.id.in_(ids)))
    return {user_id: username for user_id, username in rows}


def consent_summary() -> list[tuple[int, str, int]]:
    """How many choices of each kind were recorded under each cookie revision, newest first."""
    rows = db.session.execute(
        db.select(ConsentRecord.cookie_revision, ConsentRecord.choice, db.func.count())
        .group_by(ConsentRecord.cookie_revision, ConsentRecord.choice)
        .order_by(ConsentRecord.cookie_revision.desc(), ConsentRecord.choice)
    )
    return [(revision, choice, count) for revision, choice, count in rows]


def consent_records_for(consent_id: str, staff, ip: str) -> list[ConsentRecord]:
    """Every record kept under one consent id, oldest first; empty for an id that is not valid.
    Looking one browser's choices up is noted in the access record like any look at records."""
    record_access(staff, "view", "consent_record", None, "consent_lookup", ip)
    if not CONSENT_ID.match(consent_id or ""):
        return []
    return list(
        db.session.scalars(
            db.select(ConsentRecord)
            .where(ConsentRecord.consent_id == consent_id)
            .order_by(ConsentRecord.at, ConsentRecord.id)
        )
    )


def latest_reviews(limit: int = 12) -> list[AccessReview]:
    """The owner's monthly reviews of the access record, the latest month first."""
    return list(
        db.session.scalars(db.select(AccessReview).order_by(AccessReview.month.desc()).limit(limit))
    )
