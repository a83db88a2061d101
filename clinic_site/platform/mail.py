"""Sending mail through SMTP, when the clinic has configured it.

Settings (in ``instance/config.py``)::

    MAIL_SERVER = "smtp.example.com"   # no server: nothing is sent, and nothing breaks
    MAIL_PORT = 587                    # default 25
    MAIL_USE_TLS = True                # STARTTLS after connecting; default False
    MAIL_USERNAME = "clinic@example.com"   # optional: sign in only when set
    MAIL_PASSWORD = "..."
    MAIL_SENDER = "clinic@example.com"     # the From address; default MAIL_USERNAME

A notice never carries health information: only that something arrived or is coming, and where to
look.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str


def configured() -> bool:
    config = current_app.config
    return bool(config.get("MAIL_SERVER") and _sender())


def _sender() -> str | None:
    return current_app.config.get("MAIL_SENDER") or current_app.config.get("MAIL_USERNAME")


def message(
    to: str,
    subject: str,
    text: str,
    headers: dict[str, str] | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> EmailMessage:
    """A plain-text mail from the clinic's sender address."""
    mail = EmailMessage()
    mail["From"] = _sender() or ""
    mail["To"] = to
    mail["Subject"] = subject
    for name, value in (headers or {}).items():
        mail[name] = value
    mail.set_content(text)
    for item in attachments:
        mail.add_attachment(
            item.content, maintype=item.maintype, subtype=item.subtype, filename=item.filename
        )
    return mail


@contextmanager
def connection() -> Iterator[smtplib.SMTP]:
    """One SMTP connection for several mails (raises OSError or SMTPException on failure)."""
    config = current_app.config
    port = int(config.get("MAIL_PORT") or 25)
    with smtplib.SMTP(config["MAIL_SERVER"], port, timeout=TIMEOUT_SECONDS) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        yield smtp


def send_mail(
    to: str | None,
    subject: str,
    text: str,
    headers: dict[str, str] | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> bool:
    """Send one mail to ``to``. Returns whether it was handed to the server. Never raises:
    without configuration or a recipient it logs and returns False; an SMTP failure is logged and
    returns False, so whatever the caller saved stays saved."""
    if not to or not configured():
        log.info("mail not sent: no MAIL_SERVER, MAIL_SENDER or recipient configured")
        return False
    try:
        with connection() as smtp:
            smtp.send_message(message(to, subject, text, headers, attachments))
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail failed: %s", exc.__class__.__name__)
        return False
    return True
