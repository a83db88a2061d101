"""Who a message goes to and by which channel: the patient's choice (``notify``), the contact
details they gave, and whether the clinic sends text messages at all."""

from __future__ import annotations

from dataclasses import dataclass

from ..forms.phones import normalise_mobile
from ..platform.channels import kakao_on, text_messages_on
from .kinds import CHANNELS


@dataclass(frozen=True)
class Recipient:
    """Where one message goes: ``channel`` is "email", "sms" or "kakao"; ``address`` an email
    address or a Korean mobile number (any way it is written)."""

    channel: str
    address: str

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"not a channel: {self.channel!r}")
        if not self.address:
            raise ValueError("a recipient needs an address")


def recipient(
    notify: str | None, mobile: str | None = None, email: str | None = None
) -> Recipient | None:
    """Where to tell a patient who chose ``notify`` ("sms", "kakao", "email", "none") and gave
    ``mobile`` and ``email`` (either may be None): the channel they chose when it can reach
    them; with text messages off, email instead of a text when they gave an address; None when
    nothing reaches them or they asked for nothing. KakaoTalk without the clinic's channel goes
    as a text message. For a child, pass the legal representative's mobile number."""
    number = normalise_mobile(mobile)
    address = (email or "").strip() or None
    if notify in ("sms", "kakao"):
        if number and text_messages_on():
            return Recipient("kakao" if notify == "kakao" and kakao_on() else "sms", number)
        return Recipient("email", address) if address else None
    if notify == "email" and address:
        return Recipient("email", address)
    return None


def member_recipient(member) -> Recipient | None:
    """Where a member (an ``accounts.models.Member``, or None) is told: their choice, a child's
    text going to the representative's mobile; nobody while the account is on hold (their data
    is not used meanwhile)."""
    if member is None or member.on_hold:
        return None
    return recipient(member.notify, mobile=member.mobile or member.guardian_mobile,
                     email=member.email)  # fmt: skip


def digits(number: str) -> str:
    """A mobile number as the provider takes it: "01012345678"."""
    return "".join(c for c in number if c.isdigit())


def masked(channel: str, address: str) -> str:
    """An address as the message log shows it: "010-****-5678", "h***@example.com"."""
    if channel == "email":
        name, _at, domain = address.partition("@")
        return f"{name[:1]}***@{domain}" if domain else "***"
    number = digits(address)
    if len(number) < 8:
        return "***"
    return f"{number[:3]}-{'*' * (len(number) - 7)}-{number[-4:]}"
