"""Putting messages in the outbox, and sending a failed one again.

A feature calls ``tell`` (or ``queue`` with its own words) inside the transaction of the change
the message tells about and commits as it always does: the message exists if and only if the
change does, and nothing waits for a provider. ``flask send-messages`` delivers it."""

from __future__ import annotations

import uuid
from datetime import datetime

from flask import current_app

from ..extensions import db
from ..forms.phones import normalise_mobile
from ..platform import clock
from ..platform.channels import kakao_on
from ..platform.database import affected
from ..records.services import record_access
from .daytime import daytime
from .kinds import KINDS, TEXT_CHANNELS
from .models import OutboxMessage
from .recipients import Recipient, digits, masked
from .refusals import MessagesRefused
from .texts import compose


def queue(
    kind: str,
    to: Recipient | None,
    text: str,
    *,
    subject: str = "",
    variables: dict[str, str] | None = None,
    not_before: datetime | None = None,
    member_id: int | None = None,
) -> OutboxMessage | None:
    """Add a ``kind`` message for ``to`` to the session (no commit: it is saved with the
    caller's change). ``text`` is the whole message (the text message, the email's body, the
    fallback of a KakaoTalk message); ``subject`` the email's subject; ``variables`` a
    KakaoTalk template's values. It goes no earlier than ``not_before`` (aware; default now) and,
    for a reminder, only in daytime at the clinic. A KakaoTalk message for a kind without an
    approved template (SOLAPI_TEMPLATES) goes as a text message. ``member_id``: the member it is
    about, whose withdrawal destroys it. None when ``to`` is None (the patient asked for nothing,
    or nothing reaches them)."""
    if to is None:
        return None
    if kind not in KINDS:
        raise ValueError(f"not a kind of message: {kind!r}")
    if not text.strip():
        raise ValueError("a message needs a text")
    channel, address, template = to.channel, to.address.strip(), ""
    if channel == "kakao":
        template = (current_app.config.get("SOLAPI_TEMPLATES") or {}).get(kind, "")
        if not (template and kakao_on()):
            channel, template = "sms", ""
    if channel in TEXT_CHANNELS:
        number = normalise_mobile(address)
        if number is None:
            raise ValueError("not a Korean mobile number")
        address = digits(number)
    now = clock.now()
    due = max(not_before, now) if not_before is not None else now
    if KINDS[kind].daytime_only:
        due = daytime(due)
    message = OutboxMessage(
        key=uuid.uuid4().hex,
        kind=kind,
        channel=channel,
        recipient=address,
        shown_as=masked(channel, address),
        subject=subject[:200],
        text=text,
        template_id=template,
        variables=dict(variables or {}) if channel == "kakao" else None,
        daytime_only=KINDS[kind].daytime_only,
        status="queued",
        attempts=0,
        next_attempt_at=due,
        created_at=now,
        member_id=member_id,
    )
    db.session.add(message)
    return message


def tell(
    kind: str,
    to: Recipient | None,
    *,
    when: datetime | None = None,
    link: str | None = None,
    not_before: datetime | None = None,
    member_id: int | None = None,
) -> OutboxMessage | None:
    """Queue the site's own words for a ``kind`` message (``texts.compose``): the clinic's name,
    ``when`` on the clinic's clock, and ``link``; nothing else. See ``queue``."""
    if to is None:
        return None
    content = compose(kind, when, link)
    return queue(
        kind,
        to,
        content.text,
        subject=content.subject,
        variables=content.variables,
        not_before=not_before,
        member_id=member_id,
    )


def send_again(message_id: int, staff, ip: str = "") -> OutboxMessage | None:
    """Put a failed message back in the queue, as new, for staff (noted in the access record).
    None when there is no such message; refused unless it failed and still has its text."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        return None
    if message.status != "failed":
        raise MessagesRefused("not_failed")
    if not (message.recipient and message.text):
        raise MessagesRefused("too_old")
    now = clock.now()
    again = affected(
        db.session,
        db.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == "failed")
        .values(
            status="queued",
            attempts=0,
            next_attempt_at=daytime(now) if message.daytime_only else now,
            last_error="",
            failed_at=None,
            claimed_by=None,
            claimed_at=None,
        ),
    )
    if not again:
        raise MessagesRefused("not_failed")  # someone sent it again a moment ago
    record_access(staff, "update", "message", message_id, "send_again", ip)
    db.session.expire(message)
    return message
