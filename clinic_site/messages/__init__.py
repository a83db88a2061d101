"""Messages to patients: an outbox written with the change it tells about (a booking, an answer,
a reminder), delivered by ``flask send-messages`` by email, text message or KakaoTalk 알림톡,
exactly once; kept afterwards as the message log, read by staff under /admin/messages and
destroyed by the purge. Features put messages in through ``services.tell`` and ``services.queue``
with a ``recipients.recipient``; see docs/messages.md."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import NoteSource, Section


def init_app(app: Flask) -> None:
    from . import admin_routes, cli, retention

    app.register_blueprint(admin_routes.bp)
    app.cli.add_command(cli.send_messages_command)
    hooks.admin_sections.add(
        app, Section("messages_admin.index", _l("Messages to patients"), order=60, group="work")
    )
    hooks.admin_notes.add(app, NoteSource(admin_routes.failed_note))
    hooks.admin_notes.add(app, NoteSource(admin_routes.overdue_note))
    hooks.admin_notes.add(app, NoteSource(admin_routes.text_off_note))
    for rule in retention.rules():
        hooks.retention_rules.add(app, rule)
