"""Staff access over its life, without a shell: the owner adds staff (who set their password through
a single-use link), changes roles, disables and enables accounts and clears a second factor; staff
change their own password. Every grant, change and removal is an access-rights record, kept as
long as the inventory says and purged after."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ...platform import hooks
from ...platform.hooks import Section


def init_app(app: Flask) -> None:
    from ...privacy import inventory
    from ...records.retention import kept_for
    from . import admin_routes, routes
    from .models import AccessRightsRecord

    app.register_blueprint(admin_routes.bp)
    app.register_blueprint(routes.bp)
    hooks.retention_rules.add(
        app,
        kept_for(
            "access_rights_record",
            "access-rights record",
            AccessRightsRecord,
            inventory.ACCESS_RIGHTS_RECORD,
        ),
    )
    hooks.admin_sections.add(
        app,
        Section(
            "staff_access.index", _l("Staff accounts"), owner_only=True, order=70, group="privacy"
        ),
    )
    hooks.admin_sections.add(
        app,
        Section("staff_access.password", _l("Change your password"), order=90, group="account"),
    )
