"""The notice on every page while a revised policy is announced but not yet in effect."""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from ..cache.revision import forget, kept
from ..extensions import db
from ..platform import clock
from .queries import next_upcoming

KEPT_AS = "policy_notice"


def notice_context() -> dict:
    """The upcoming version for the notice on every page: read once per site revision and clinic
    day in each worker, so an announcement or a withdrawal shows in every worker on its next
    request."""
    today = clock.today()
    try:
        day, value = kept(KEPT_AS, lambda: (today, next_upcoming(today)))
        if day != today:  # a new clinic day: a version may have taken effect overnight
            forget(KEPT_AS)
            day, value = kept(KEPT_AS, lambda: (today, next_upcoming(today)))
    except SQLAlchemyError:
        # An error page must still render while the database is away.
        db.session.rollback()
        return {"policy_notice": None}
    return {"policy_notice": value}
