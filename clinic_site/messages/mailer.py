"""E-mail through the site's SMTP settings (``platform/mail.py``). SMTP cannot be asked whether a
message arrived: a try whose answer was lost is sent again with the same Message-ID, which mail
programs show as one message."""

from __future__ import annotations

import smtplib

from flask import current_app

from ..platform import mail
from .adapters import Accepted, Draft, GiveUp, TryAgain


def message_id(message: Draft) -> str:
    """The Message-ID this message always carries, whichever try sends it."""
    sender = current_app.config.get("MAIL_SENDER") or current_app.config.get("MAIL_USERNAME")
    domain = (sender or "").rpartition("@")[2] or "clinic.invalid"
    return f"<{message.key}@{domain}>"


class Mailer:
    def send(self, message: Draft) -> Accepted:
        if not mail.configured():
            raise GiveUp("mail_off")
        name = message_id(message)
        letter = mail.message(
            message.recipient, message.subject, message.text + "\n", {"Message-ID": name}
        )
        try:
            with mail.connection() as smtp:
                smtp.send_message(letter)
        except smtplib.SMTPRecipientsRefused as exc:
            raise GiveUp("mail_refused") from exc
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise GiveUp(f"mail_refused:{exc.smtp_code}") from exc
            raise TryAgain(f"mail_error:{exc.smtp_code}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise TryAgain("mail_error") from exc
        return Accepted(name[:64], "email")

    def find(self, message: Draft) -> Accepted | None:
        return None
