"""The clinic's settings: the one cached accessor, the one way to change them, and the rules a
change must keep. Features ask this room for a setting; it asks no feature back. A rule that needs
another room's knowledge (does the privacy policy in effect state this retention period?) is given
to it at start by that room (``add_retention_authority``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from .. import clock
from ..extensions import db
from ..inventory import CONSULTATION
from ..revision import forget, kept
from .models import ClinicSettings

KEPT_AS = "clinic_settings"

# What a clinic sees on its first start, before the owner fills in its own details.
FIRST_RUN: dict[str, Any] = {
    "clinic_name": "Clinic",
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
}
# Details written in Korean with an optional English version: (field, its English field).
TRANSLATED = tuple((name, f"{name}_en") for name in (
    "clinic_name", "address", "opening_hours", "privacy_manager_name", "privacy_manager_position",
))  # fmt: skip
RETENTION_AUTHORITIES = "clinic_retention_authorities"


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


class SettingRefused(ValueError):
    """Changes the settings' rules refuse: ``errors`` maps each setting to why, in words for the
    owner (lazily translated)."""

    def __init__(self, errors: dict[str, object]):
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


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
    """Whether the owner has saved the clinic's details at least once."""
    return db.session.get(ClinicSettings, 1) is not None


def check_cookie_revision(revision: int, current: Settings) -> None:
    """The cookie policy revision only rises: going back would quietly honour choices made under
    a revision the owner meant to replace."""
    if revision < current.cookie_revision:
        message = _l("The revision can only go up (now %(n)d).", n=current.cookie_revision)
        raise SettingRefused({"cookie_revision": message})


def add_retention_authority(app: Flask, states: Callable[[int], bool]) -> None:
    """Let a room that knows what the clinic has promised (the privacy policy) say whether it
    allows keeping inquiries ``days`` days: ``states(days)``."""
    app.extensions.setdefault(RETENTION_AUTHORITIES, []).append(states)


def retention_stated(days: int) -> bool:
    """Whether every authority allows keeping inquiries ``days`` days (True with none)."""
    return all(states(days) for states in current_app.extensions.get(RETENTION_AUTHORITIES, []))


def check_retention(days: int, current: Settings) -> None:
    """The inquiry retention period may change only to one the privacy policy in effect states."""
    if days != current.consultation_retention_days and not retention_stated(days):
        message = _l(
            "The privacy policy in effect states another period for inquiries. Announce a "
            "version that states %(days)d days, and change this once it is in effect.",
            days=days,
        )
        raise SettingRefused({"consultation_retention_days": message})


def change_settings(**changes) -> Settings:
    """Check ``changes`` against the rules and save them; raises ``SettingRefused`` naming every
    change a rule refuses, and then saves nothing."""
    current = get_settings()
    errors: dict[str, object] = {}
    for name, check in (
        ("cookie_revision", check_cookie_revision),
        ("consultation_retention_days", check_retention),
    ):
        if name in changes:
            try:
                check(changes[name], current)
            except SettingRefused as refused:
                errors.update(refused.errors)
    if errors:
        raise SettingRefused(errors)
    return update_settings(**changes)


def update_settings(**changes) -> Settings:
    """Save ``changes`` (only known fields), without the owner's rules (first runs, tests, the
    CLI), and make every later read in this process see them."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown settings: {sorted(unknown)}")
    row = db.session.get(ClinicSettings, 1)
    if row is None:
        row = ClinicSettings(id=1, **FIRST_RUN)
        db.session.add(row)
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = clock.now()
    db.session.flush()
    forget(KEPT_AS)
    return get_settings()


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
