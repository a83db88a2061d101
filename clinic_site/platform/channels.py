"""Which channels the clinic can send by: a rule the message outbox follows and the forms that
ask patients how to be told draw from (so nobody is offered a text the clinic cannot send)."""

from __future__ import annotations

from flask import current_app


def text_messages_on() -> bool:
    """Whether the clinic sends text messages (a provider is configured)."""
    return current_app.config.get("CLINIC_SMS_PROVIDER", "none") != "none"


def kakao_on() -> bool:
    """Whether KakaoTalk notifications can go: a real provider with the channel's id."""
    return text_messages_on() and bool(current_app.config.get("SOLAPI_PFID"))
