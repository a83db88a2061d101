"""The message log for staff under /admin/messages: failed messages first, each with "send
again", then every message; and what the dashboard says about messages."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import require_staff
from ..extensions import db
from ..platform.channels import text_messages_on
from ..platform.hooks import Note
from ..platform.params import page_number
from ..privacy.inventory import MESSAGE_LOG, MESSAGE_TEXT_KEPT
from . import kinds, queries, services
from .forms import SendAgainForm
from .refusals import MessagesRefused

bp = Blueprint("messages_admin", __name__, url_prefix="/admin/messages")
bp.before_request(require_staff)


def _ip() -> str:
    return request.remote_addr or ""


@bp.get("")
def index():
    log = queries.log_for_staff(current_user, _ip(), page_number())
    db.session.commit()
    return render_template(
        "messages/admin_log.html",
        log=log,
        kinds=kinds,
        text_on=text_messages_on(),
        provider=_provider_name(),
        kept=MESSAGE_LOG,
        text_kept=MESSAGE_TEXT_KEPT,
    )


def _provider_name() -> str:
    if current_app.config["CLINIC_SMS_PROVIDER"] == "solapi":
        return "SOLAPI"
    return _("the console (for development: nothing reaches patients)")


@bp.post("/<int:id>/send-again")
def send_again(id: int):
    form = SendAgainForm()
    if not form.validate():
        abort(400)
    try:
        message = services.send_again(id, current_user, _ip())
    except MessagesRefused as refusal:
        flash(refusal.message, "error")
        return redirect(url_for("messages_admin.index"), code=303)
    if message is None:
        abort(404)
    db.session.commit()
    flash(_("The message will be sent again in a moment."), "success")
    return redirect(url_for("messages_admin.index"), code=303)


def failed_note() -> Note | None:
    """Work on the dashboard: messages that could not be sent lately."""
    count = queries.recently_failed()
    if not count:
        return None
    return Note(
        _l("messages that could not be sent in the last three days"),
        "messages_admin.index",
        count=count,
        level="warning",
    )


def overdue_note() -> Note | None:
    """A warning when messages wait long past their time: no worker is delivering them."""
    count = queries.overdue()
    if not count:
        return None
    return Note(
        _l(
            "%(count)d messages are waiting past their time: is flask send-messages --watch "
            "running?",
            count=count,
        ),
        "messages_admin.index",
        _l("See the messages"),
        level="warning",
    )


def text_off_note() -> Note | None:
    """Text messages are off (CLINIC_SMS_PROVIDER=none): say what patients get instead."""
    if text_messages_on():
        return None
    return Note(
        _l(
            "Text and KakaoTalk messages are off: patients who chose them are told by email "
            "when they gave an address, otherwise not at all."
        ),
        "messages_admin.index",
        _l("Messages to patients"),
    )
