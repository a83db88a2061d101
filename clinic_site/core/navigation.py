"""The site menu. An entry shows only when its feature is on (its endpoint exists in this mode)."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..identity.users import signed_in

# (endpoint, label, who sees it: everyone, or only a signed-in member)
MAIN_MENU = (
    ("pages.home", _l("Home"), None),
    ("pages.about", _l("About us"), None),
    ("pages.treatments", _l("Treatments"), None),
    ("fees.index", _l("Fees"), None),
    ("pages.notices", _l("Notices"), None),
    ("pages.location", _l("How to reach us"), None),
    ("board.index", _l("Consultations"), None),
    ("reservations.new", _l("Book a visit"), None),
    ("reservations.index", _l("My reservations"), "member"),
)


def main_menu() -> list[tuple[str, object]]:
    views = current_app.view_functions
    return [
        (endpoint, label)
        for endpoint, label, who in MAIN_MENU
        if endpoint in views and (who is None or signed_in(who) is not None)
    ]


def has(endpoint: str) -> bool:
    """Whether a feature's page exists in this mode; templates use it to hide links to it."""
    return endpoint in current_app.view_functions
