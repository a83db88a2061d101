"""The first-run policy, written from the inventory, the clinic settings and the mode.

The text lives in two Markdown templates (policy/default_ko.md, policy/default_en.md); inventory
labels are rendered in the template's own language whatever the visitor's language is.
"""

from __future__ import annotations

from itertools import groupby

from flask import render_template
from flask_babel import force_locale

from ..core.settings import Settings
from ..inventory import COOKIES, items_for

GROUP_ORDER = ("consultation", "registration", "child_registration", "reservation", "automatic")


def _context(mode: str, settings: Settings) -> dict:
    items = [item for item in items_for(mode) if item.group in GROUP_ORDER]
    items.sort(key=lambda item: GROUP_ORDER.index(item.group))
    return {
        "clinic": settings,
        "mode": mode,
        "members": mode == "members",
        "groups": [(group, list(rows)) for group, rows in groupby(items, key=lambda i: i.group)],
        "cookies": COOKIES,
        "consultation_days": settings.consultation_retention_days,
    }


def default_text(lang: str, mode: str, settings: Settings) -> str:
    """The default policy in ``lang`` (ko or en) for a site in ``mode`` run by ``settings``."""
    with force_locale(lang):
        text = render_template(f"policy/default_{lang}.md", **_context(mode, settings))
    # Jinja blocks leave runs of blank lines; Markdown needs at most one.
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
