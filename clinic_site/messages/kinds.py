"""What the site tells patients, by which channels, and the words staff read for each code the
outbox stores (kinds, channels, statuses, failures)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Kind:
    label: object
    # Sent only in daytime at the clinic (08:00-21:00): the clinic's own initiative, not the
    # answer to something the patient just did.
    daytime_only: bool = False


KINDS: dict[str, Kind] = {
    "booking_confirmed": Kind(_l("Visit booked")),
    "visit_moved": Kind(_l("Visit moved")),
    "visit_cancelled_by_clinic": Kind(_l("Visit cancelled by the clinic")),
    "request_booked": Kind(_l("Request booked")),
    "request_answered": Kind(_l("Request answered")),
    "inquiry_answered": Kind(_l("Inquiry answered")),
    "waitlist_offer": Kind(_l("Free time offered")),
    "reminder": Kind(_l("Reminder the day before"), daytime_only=True),
    "representative_consent": Kind(_l("Legal representative's consent asked")),
    "rights_answered": Kind(_l("Rights request answered")),
    "rights_extended": Kind(_l("Rights request needs more time")),
}

CHANNELS = ("email", "sms", "kakao")
TEXT_CHANNELS = ("sms", "kakao")
# What a patient may choose (the ``notify`` field of the forms).
CHOICES = ("sms", "kakao", "email", "none")

CHANNEL_LABELS = {
    "email": _l("Email"),
    "sms": _l("Text message"),
    "kakao": _l("KakaoTalk"),
}
# How a text or KakaoTalk message went (a KakaoTalk message whose template was refused goes as
# a text).
SENT_AS_LABELS = {
    "SMS": _l("as a short text"),
    "LMS": _l("as a long text"),
    "ATA": _l("as Alimtalk"),
}
STATUS_LABELS = {
    "queued": _l("Waiting"),
    "sending": _l("Being sent"),
    "sent": _l("Sent"),
    "failed": _l("Could not be sent"),
}
# Failure codes (before any ":detail") in words for staff.
ERROR_LABELS = {
    "http_429": _l("The provider asked to slow down"),
    "http_5xx": _l("The provider had a fault"),
    "network": _l("The provider could not be reached"),
    "bad_answer": _l("The provider's answer could not be read"),
    "refused": _l("The provider refused the message"),
    "rejected": _l("The provider refused the request"),
    "auth": _l("The provider refused the key (check SOLAPI_API_KEY and SOLAPI_API_SECRET)"),
    "text_off": _l("Text messages are off (CLINIC_SMS_PROVIDER=none)"),
    "mail_off": _l("Email is not set up (MAIL_SERVER)"),
    "mail_refused": _l("The mail server refused the address"),
    "mail_error": _l("The mail server could not be reached"),
    "expired": _l("It waited too long: is flask send-messages running?"),
}


def error_words(code: str) -> str:
    """A stored failure code in words: "refused:3104" reads "The provider refused the message
    (3104)"."""
    if not code:
        return ""
    name, _sep, detail = code.partition(":")
    words = str(ERROR_LABELS.get(name, name))
    return f"{words} ({detail})" if detail else words
