"""The one accessor for clinic settings, cached, and the one way to change them."""

from __future__ import annotations

import time
from dataclasses import dataclass, fields

from flask import current_app, g
from sqlalchemy.exc import SQLAlchemyError

from .. import clock
from ..extensions import db
from .models import ClinicSettings

# What a clinic sees on its first start, before the owner fills in its own details.
FIRST_RUN = {
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
    "consultation_retention_days": 365,
    "cookie_revision": 1,
    "analytics_snippet": "",
}


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


_FIELDS = tuple(f.name for f in fields(Settings))


def get_settings() -> Settings:
    """The clinic's settings: once per request from a per-process cache that lives a few seconds,
    so an owner's change reaches every worker quickly without a query on every page."""
    if "clinic_settings" in g:
        return g.clinic_settings
    cache = current_app.extensions.setdefault("clinic_settings_cache", {})
    ttl = current_app.config["SETTINGS_CACHE_SECONDS"]
    if cache.get("value") is None or time.monotonic() - cache["at"] > ttl:
        try:
            row = db.session.get(ClinicSettings, 1)
        except SQLAlchemyError:
            # The database is away: pages (the error page above all) still render, with the
            # first-run details, and nothing is cached.
            db.session.rollback()
            return Settings(**FIRST_RUN)
        values = {name: getattr(row, name) for name in _FIELDS} if row else dict(FIRST_RUN)
        cache.update(value=Settings(**values), at=time.monotonic())
    g.clinic_settings = cache["value"]
    return g.clinic_settings


def update_settings(**changes) -> Settings:
    """Save ``changes`` (only known fields) and make every later read in this process see them."""
    unknown = set(changes) - set(_FIELDS)
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
    current_app.extensions["clinic_settings_cache"] = {}
    g.pop("clinic_settings", None)
    return get_settings()
