"""Consent records, their retention, and the analytics address the owner may configure."""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from .. import clock
from ..extensions import db
from ..inventory import COMPLAINT_RECORD_DAYS
from ..policy.services import consent_version
from .models import ConsentRecord

# Consent records are kept as long as records of complaints and disputes: the clinic may need to
# show, in a dispute, that it asked before it set an optional cookie.
CONSENT_RECORD_DAYS = COMPLAINT_RECORD_DAYS
CHOICES = ("all", "necessary", "custom")
CONSENT_ID = re.compile(r"^[A-Za-z0-9_-]{16,32}$")
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*$")
_FORBIDDEN = set("\"'<>\\`") | {" ", "\t", "\r", "\n"}
ANALYTICS_URL_MAX = 2000


def new_consent_id() -> str:
    """A random id that names one browser's consent and nothing else about the visitor."""
    return secrets.token_urlsafe(12)


def record_choice(
    consent_id: str, choice: str, preferences: bool, analytics: bool, revision: int
) -> ConsentRecord:
    """Add a consent record for ``consent_id``; it names the cookie revision and the policy version
    in effect. Promises: nothing about the visitor beyond the choice is stored."""
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    record = ConsentRecord(
        consent_id=consent_id,
        choice=choice,
        preferences=preferences,
        analytics=analytics,
        cookie_revision=revision,
        policy_version=consent_version(),
        at=clock.now(),
    )
    db.session.add(record)
    db.session.flush()
    return record


def analytics_origin(url: str | None) -> str | None:
    """The origin (``https://host[:port]``) of an analytics script address, or None unless the
    address is one plain https URL: no quotes, spaces or markup, no credentials, a real host name.
    Whatever passes can be put into a ``src`` attribute and the CSP without further care."""
    if not url or len(url) > ANALYTICS_URL_MAX:
        return None
    if any(c in _FORBIDDEN or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    if not url.lower().startswith("https://"):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() != "https" or "@" in parts.netloc or not _HOST.match(host):
        return None
    if ";" in parts.netloc or "," in parts.netloc:
        return None
    return f"https://{host.lower()}" + (f":{port}" if port else "")


def summary() -> list[tuple[int, str, int]]:
    """How many choices of each kind were recorded under each cookie revision, newest first."""
    rows = db.session.execute(
        db.select(ConsentRecord.cookie_revision, ConsentRecord.choice, db.func.count())
        .group_by(ConsentRecord.cookie_revision, ConsentRecord.choice)
        .order_by(ConsentRecord.cookie_revision.desc(), ConsentRecord.choice)
    )
    return [(revision, choice, count) for revision, choice, count in rows]


def records_for(consent_id: str) -> list[ConsentRecord]:
    """Every record kept under one consent id, oldest first; empty for an id that is not valid."""
    if not CONSENT_ID.match(consent_id or ""):
        return []
    return list(
        db.session.scalars(
            db.select(ConsentRecord)
            .where(ConsentRecord.consent_id == consent_id)
            .order_by(ConsentRecord.at, ConsentRecord.id)
        )
    )
