"""The site menu. An entry shows only when its feature is on (its endpoint exists in this mode)."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

MAIN_MENU = (
    ("core.home", _l("Home")),
    ("board.index", _l("Consultations")),
    ("reservations.new", _l("Book a visit")),
    ("reservations.index", _l("My reservations")),
)


def main_menu() -> list[tuple[str, object]]:
    views = current_app.view_functions
    return [(endpoint, label) for endpoint, label in MAIN_MENU if endpoint in views]


def has(endpoint: str) -> bool:
    """Whether a feature's page exists in this mode; templates use it to hide links to it."""
    return endpoint in current_app.view_functions
