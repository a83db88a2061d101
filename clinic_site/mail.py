"""Sending a short notification email through SMTP, when the clinic has configured it.

Settings (in ``instance/config.py``)::

    MAIL_SERVER = "smtp.example.com"   # no server: nothing is sent, and nothing breaks
    MAIL_PORT = 587                    # default 25
    MAIL_USE_TLS = True                # STARTTLS after connecting; default False
    MAIL_USERNAME = "clinic@example.com"   # optional: sign in only when set
    MAIL_PASSWORD = "..."
    MAIL_SENDER = "clinic@example.com"     # the From address; default MAIL_USERNAME

A notification never carries personal data: only that something arrived and where to look.
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10


def send_notification(to: str, subject: str, text: str) -> bool:
    """Send a plain-text mail to ``to``. Returns whether it was handed to the server. Never raises:
    without configuration or a recipient it logs and returns False; an SMTP failure is logged and
    returns False, so whatever the caller saved stays saved."""
    config = current_app.config
    server = config.get("MAIL_SERVER")
    sender = config.get("MAIL_SENDER") or config.get("MAIL_USERNAME")
    if not server or not to or not sender:
        log.info("mail not sent: no MAIL_SERVER, MAIL_SENDER or recipient configured")
        return False
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    try:
        with smtplib.SMTP(server, int(config.get("MAIL_PORT") or 25), timeout=TIMEOUT_SECONDS) as s:
            if config.get("MAIL_USE_TLS"):
                s.starttls()
            if config.get("MAIL_USERNAME"):
                s.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            s.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail to the clinic failed: %s", exc.__class__.__name__)
        return False
    return True
