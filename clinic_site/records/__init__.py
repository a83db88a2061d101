"""The records the site keeps about its own handling of personal data (access, sign-in, consent and
visit records, the destruction log), their retention and purge, backup, and the owner's pages that
read them. How long each is kept comes from the inventory (``privacy/inventory.py``)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import Section


def init_app(app: Flask) -> None:
    from . import admin_routes, cli, daily, retention, visits

    for rule in retention.own_rules():
        hooks.retention_rules.add(app, rule)
    visits.init_app(app)
    daily.init_app(app)
    app.register_blueprint(admin_routes.bp)
    app.cli.add_command(cli.purge_command)
    app.cli.add_command(cli.backup_command)
    app.cli.add_command(cli.restore_check_command)
    hooks.admin_sections.add(
        app,
        Section(
            "records_admin.audit", _l("Access record"), owner_only=True, order=80, group="privacy"
        ),
    )
    hooks.admin_sections.add(
        app,
        Section(
            "records_admin.consent",
            _l("Cookie consent record"),
            owner_only=True,
            order=90,
            group="privacy",
        ),
    )
