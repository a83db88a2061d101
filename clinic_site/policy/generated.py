"""The policy text generated from the inventory, the clinic settings and the mode: the first version
a new clinic publishes.

The text lives in two Markdown templates (policy/default_ko.md, policy/default_en.md); inventory
labels and periods are rendered in the template's own language whatever the visitor's language is.
"""

from __future__ import annotations

from itertools import groupby

from flask import current_app, render_template
from flask_babel import force_locale

from ..platform import clock
from ..privacy import inventory
from ..settings.queries import Settings, analytics_origin, get_settings
from .models import PolicyVersion

GROUP_ORDER = (
    "consultation", "registration", "child_registration", "reservation", "waitlist",
    "desk_booking", "reservation_request", "rights_request", "automatic",
)  # fmt: skip
# Stored as written; pages show it in the reader's language (it is a msgid).
DEFAULT_SUMMARY = "First version, written from what this website collects."


def _context(mode: str, settings: Settings) -> dict:
    items = [item for item in inventory.items_for(mode) if item.group in GROUP_ORDER]
    items.sort(key=lambda item: GROUP_ORDER.index(item.group))
    return {
        "clinic": settings,
        "mode": mode,
        "members": mode == "members",
        "groups": [(group, list(rows)) for group, rows in groupby(items, key=lambda i: i.group)],
        "cookies": inventory.cookies_for(mode),
        # The companies the site entrusts personal data to with this configuration (위탁).
        "processors": inventory.processors_for(current_app.config),
        "config": current_app.config,
        # The analytics script's host, when the clinic set one (loaded only with consent).
        "analytics": analytics_origin(settings.analytics_snippet),
        "sensitive": any(item.sensitive for item in items),
        "kept": inventory,
    }


def default_text(lang: str, mode: str, settings: Settings) -> str:
    """The default policy in ``lang`` (ko or en) for a site in ``mode`` run by ``settings``."""
    with force_locale(lang):
        context = _context(mode, settings.localized(lang))
        text = render_template(f"policy/default_{lang}.md", **context)
    # Jinja blocks leave runs of blank lines; Markdown needs at most one.
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


def first_version_draft(mode: str | None = None) -> PolicyVersion:
    """The generated default as it would be announced today; not stored."""
    mode = mode or current_app.config["CLINIC_MODE"]
    settings = get_settings()
    today = clock.today()
    return PolicyVersion(
        number=1,
        body_ko=default_text("ko", mode, settings),
        body_en=default_text("en", mode, settings),
        summary=DEFAULT_SUMMARY,
        announced_on=today,
        effective_on=today,
        origin="default",
        translation_of=1,
        created_at=clock.now(),
    )
