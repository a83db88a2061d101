"""Reading the clinic's settings: one snapshot, kept per process while the site's revision holds,
and what a setting means (is the clinic's setup saved, is the privacy manager named, which host
the analytics script comes from). Features ask this room for a setting; it asks no feature back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError

from ..cache.revision import kept
from ..extensions import db
from ..privacy.inventory import BACKUP_KEPT, CONSULTATION
from .models import ClinicSettings

KEPT_AS = "clinic_settings"

# What a clinic sees on its first start, before the owner fills in its own details.
FIRST_RUN: dict[str, Any] = {
    "clinic_name": "",
    "address": "",
    "phone": "",
    "email": "",
    "opening_hours": "",
    "privacy_manager_name": "",
    "privacy_manager_position": "",
    "privacy_manager_phone": "",
    "privacy_manager_email": "",
    "show_consultation_titles": False,
    "consultation_retention_days": CONSULTATION.default,
    "cookie_revision": 1,
    "analytics_snippet": "",
    "closed_on_public_holidays": True,
    "clinic_name_en": "",
    "address_en": "",
    "opening_hours_en": "",
    "privacy_manager_name_en": "",
    "privacy_manager_position_en": "",
    "representative": "",
    "representative_en": "",
    "business_number": "",
    "kakao_channel_url": "",
    "naver_place_url": "",
    "social_url": "",
    "silson24": False,
    "backup_retention_days": BACKUP_KEPT.default,
    "hours_checked": False,
}
# Details written in Korean with an optional English version: (field, its English field).
TRANSLATED = tuple((name, f"{name}_en") for name in (
    "clinic_name", "address", "opening_hours", "privacy_manager_name", "privacy_manager_position",
    "representative",
))  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """A read-only snapshot; templates and services read this, never the row."""

    clinic_name: str
    address: str
    phone: str
    email: str
    opening_hours: str
    privacy_manager_name: str
    privacy_manager_position: str
    privacy_manager_phone: str
    privacy_manager_email: str
    show_consultation_titles: bool
    consultation_retention_days: int
    cookie_revision: int
    analytics_snippet: str
    closed_on_public_holidays: bool
    clinic_name_en: str
    address_en: str
    opening_hours_en: str
    privacy_manager_name_en: str
    privacy_manager_position_en: str
    representative: str
    representative_en: str
    business_number: str
    kakao_channel_url: str
    naver_place_url: str
    social_url: str
    silson24: bool
    backup_retention_days: int
    # The owner has looked at the week and saved it (setup list).
    hours_checked: bool

    def localized(self, lang: str) -> Settings:
        """These settings as a page in ``lang`` shows them: the English versions where the owner
        wrote them, the Korean ones otherwise."""
        if lang != "en":
            return self
        changes = {
            name: getattr(self, english) for name, english in TRANSLATED if getattr(self, english)
        }
        return replace(self, **changes) if changes else self


FIELDS = tuple(f.name for f in fields(Settings))


def get_settings() -> Settings:
    """The clinic's settings, kept per process while the site's revision holds: a change in any
    worker reaches every other on its next request, for one small query per request."""
    try:
        return kept(KEPT_AS, _read)
    except SQLAlchemyError:
        # The database is away: pages (the error page above all) still render, with the
        # first-run details, and nothing is kept.
        db.session.rollback()
        return Settings(**FIRST_RUN)


def _read() -> Settings:
    row = db.session.get(ClinicSettings, 1)
    values: dict[str, Any] = {name: getattr(row, name) for name in FIELDS} if row else FIRST_RUN
    return Settings(**values)


def clinic_configured() -> bool:
    """Whether the owner has saved the clinic's name, address and phone."""
    clinic = get_settings()
    return all((clinic.clinic_name, clinic.address, clinic.phone))


def manager_named() -> bool:
    """Whether the privacy manager is named, with a phone and an email."""
    clinic = get_settings()
    return all(
        (clinic.privacy_manager_name, clinic.privacy_manager_phone, clinic.privacy_manager_email)
    )


_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*$")
_FORBIDDEN = set("\"'<>\\`") | {" ", "\t", "\r", "\n"}
ANALYTICS_URL_MAX = 2000


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
