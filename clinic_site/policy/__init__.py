"""The privacy policy: versions, announcement history, the notice of upcoming changes, the owner's
editor and the first-run default written from the data inventory."""

from __future__ import annotations

import re

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from ..admin import Note, Step, add_note, add_section, add_step
from ..settings.services import add_retention_authority, get_settings

NOTICE_KEPT_AS = "policy_notice"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(value) -> str:
    """Text from settings or the inventory, safe to put into Markdown as plain words."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))


def notice_context() -> dict:
    """The upcoming version for the notice on every page: read once per site revision and clinic
    day in each worker, so an announcement or a withdrawal shows in every worker on its next
    request."""
    from .. import clock
    from ..extensions import db
    from ..revision import forget, kept
    from .queries import next_upcoming

    today = clock.today()
    try:
        day, value = kept(NOTICE_KEPT_AS, lambda: (today, next_upcoming(today)))
        if day != today:  # a new clinic day: a version may have taken effect overnight
            forget(NOTICE_KEPT_AS)
            day, value = kept(NOTICE_KEPT_AS, lambda: (today, next_upcoming(today)))
    except SQLAlchemyError:
        # An error page must still render while the database is away.
        db.session.rollback()
        return {"policy_notice": None}
    return {"policy_notice": value}


def _retention_mismatch() -> Note | None:
    # Once a revised policy with another period takes effect, the setting must follow it.
    from .queries import states_retention_days

    days = get_settings().consultation_retention_days
    if states_retention_days(days):
        return None
    return Note(
        _l(
            "The privacy policy in effect states another retention period for inquiries than "
            "the setting (%(days)d days). Change the setting to the period the policy states.",
            days=days,
        ),
        "settings_admin.edit",
        _l("Clinic settings"),
        level="warning",
    )


def init_app(app: Flask) -> None:
    from . import admin_routes, cli, queries, routes

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    app.cli.add_command(cli.policy_group)
    app.context_processor(notice_context)
    app.add_template_filter(md_escape, "md_escape")
    add_section(app, "policy_admin.index", _l("Privacy policy"), order=70)
    add_note(app, _retention_mismatch, owner_only=True)
    add_retention_authority(app, queries.states_retention_days)
    published = Step(
        _l("Publish the privacy policy (read the generated text first)"),
        "policy.current",
        lambda: queries.latest_number() is not None,
        order=40,
    )
    add_step(app, published)
