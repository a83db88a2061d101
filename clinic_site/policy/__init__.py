"""The privacy policy: versions, announcement history, the notice of upcoming changes, the owner's
editor and the first-run default written from the data inventory."""

from __future__ import annotations

import re
import time

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(value) -> str:
    """Text from settings or the inventory, safe to put into Markdown as plain words."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def notice_context() -> dict:
    """The upcoming version for the notice on every page. At most one small query per process
    every POLICY_NOTICE_CACHE_SECONDS (and per day); announcing or withdrawing clears the cache."""
    from .. import clock
    from ..extensions import db
    from .services import next_upcoming

    cache = current_app.extensions.setdefault("policy_notice_cache", {})
    today = clock.today()
    ttl = current_app.config["POLICY_NOTICE_CACHE_SECONDS"]
    if cache.get("day") != today or time.monotonic() - cache.get("at", 0) > ttl:
        try:
            value = next_upcoming(today)
        except SQLAlchemyError:
            # An error page must still render while the database is away.
            db.session.rollback()
            return {"policy_notice": None}
        cache.update(day=today, at=time.monotonic(), value=value)
    return {"policy_notice": cache["value"]}


def init_app(app: Flask) -> None:
    from ..staff import add_section
    from . import cli, routes

    app.register_blueprint(routes.bp)
    app.register_blueprint(routes.admin)
    app.cli.add_command(cli.policy_group)
    app.context_processor(notice_context)
    app.add_template_filter(md_escape, "md_escape")
    add_section(app, "policy_admin.index", _l("Privacy policy"))
