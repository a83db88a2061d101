"""The development provider (CLINIC_SMS_PROVIDER=console): text and KakaoTalk messages are
printed where the worker runs, and go nowhere else."""

from __future__ import annotations

import sys

from .adapters import Accepted, Draft
from .sms import text_type


class Console:
    def send(self, message: Draft) -> Accepted:
        sent_as = "ATA" if message.channel == "kakao" and message.template_id else None
        sent_as = sent_as or text_type(message.text)
        print(
            f"--- message {message.id} ({message.kind}) to {message.shown_as} as {sent_as}\n"
            f"{message.text}\n---",
            file=sys.stdout,
            flush=True,
        )
        return Accepted(f"console-{message.key[:16]}", sent_as)

    def find(self, message: Draft) -> Accepted | None:
        return None  # nothing to ask: printing again is harmless
