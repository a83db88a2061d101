"""Reading and writing the consent cookie and the one optional cookie that depends on it.

``cookie_consent`` holds ``v<revision>.p<0|1>.a<0|1>.<YYYYMMDD>.<consent id>`` signed with the
app's secret key. The choice is the visitor's own, so a visitor who forges it only fools the site
about their own wish; the signature is there so that a cookie the site did not issue (planted by a
sibling domain or over an insecure connection) can never switch optional cookies or analytics on,
and so that every honoured cookie matches a consent record the clinic holds.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app, g, has_request_context, request
from itsdangerous import BadSignature, Signer

from ..config import LANGUAGES
from ..platform import clock
from ..privacy.inventory import CONSENT_COOKIE_KEPT, LANG_COOKIE_KEPT
from ..records.queries import CONSENT_ID
from ..settings.queries import get_settings

CONSENT_COOKIE = "cookie_consent"
LANG_COOKIE = "lang"
_PAYLOAD = re.compile(r"^v(\d{1,5})\.p([01])\.a([01])\.(\d{8})\.([A-Za-z0-9_-]{16,32})$")


@dataclass(frozen=True)
class Consent:
    """One browser's cookie choice as its cookie states it."""

    preferences: bool
    analytics: bool
    revision: int
    on: date
    consent_id: str

    @property
    def choice(self) -> str:
        if self.preferences and self.analytics:
            return "all"
        return "custom" if self.preferences or self.analytics else "necessary"


def _signer() -> Signer:
    return Signer(
        current_app.config["SECRET_KEY"], salt="cookie-consent", digest_method=hashlib.sha256
    )


def encode(consent: Consent) -> str:
    payload = (
        f"v{consent.revision}.p{int(consent.preferences)}.a{int(consent.analytics)}."
        f"{consent.on:%Y%m%d}.{consent.consent_id}"
    )
    return _signer().sign(payload).decode()


def decode(value: str | None) -> Consent | None:
    """The consent a cookie value states, or None when it is missing, malformed or not ours."""
    if not value or len(value) > 200:
        return None
    try:
        payload = _signer().unsign(value).decode()
    except (BadSignature, UnicodeError):
        return None
    match = _PAYLOAD.match(payload)
    if not match or not CONSENT_ID.match(match.group(5)):
        return None
    try:
        on = datetime.strptime(match.group(4), "%Y%m%d").date()
    except ValueError:
        return None
    return Consent(
        preferences=match.group(2) == "1",
        analytics=match.group(3) == "1",
        revision=int(match.group(1)),
        on=on,
        consent_id=match.group(5),
    )


def cookie_days() -> int:
    """How many days a cookie choice lasts (the inventory's, or CONSENT_COOKIE_DAYS if set)."""
    return CONSENT_COOKIE_KEPT.days()


def stored_consent() -> Consent | None:
    """What the request's cookie states, whatever revision it was given under."""
    if not has_request_context():
        return None
    return decode(request.cookies.get(CONSENT_COOKIE))


def current_consent() -> Consent | None:
    """The visitor's choice if it was made for the current cookie revision and has not outlived
    its period; None means "not asked yet": no optional cookie, and the banner shows."""
    if not has_request_context():
        return None
    if "consent_state" not in g:
        consent = stored_consent()
        if consent is not None and (
            consent.revision != get_settings().cookie_revision
            or consent.on + timedelta(days=cookie_days()) < clock.today()
        ):
            consent = None
        g.consent_state = consent
    return g.consent_state


def preferences_allowed() -> bool:
    consent = current_consent()
    return bool(consent and consent.preferences)


def analytics_allowed() -> bool:
    consent = current_consent()
    return bool(consent and consent.analytics)


def write_consent(response, consent: Consent) -> None:
    """Set the consent cookie and make the rest of this request follow the new choice."""
    response.set_cookie(
        CONSENT_COOKIE,
        encode(consent),
        max_age=cookie_days() * 86400,
        secure=request.is_secure,
        httponly=True,
        samesite="Lax",
    )
    g.consent_state = consent


def remember_language(response, lang: str) -> None:
    """Keep the language choice in a ``lang`` cookie, only for a visitor who allowed preferences
    cookies; everyone else keeps it in the session alone."""
    if lang in LANGUAGES and preferences_allowed():
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=LANG_COOKIE_KEPT.days_from(clock.today()) * 86400,
            secure=request.is_secure,
            httponly=True,
            samesite="Lax",
        )


def forget_language(response) -> None:
    """Remove a ``lang`` cookie the browser holds (consent withdrawn or no longer current)."""
    if LANG_COOKIE in request.cookies:
        response.delete_cookie(LANG_COOKIE, secure=request.is_secure, httponly=True, samesite="Lax")


def remembered_language() -> str | None:
    """A language source for the locale selector: the ``lang`` cookie, honoured only with
    preferences consent for the current revision."""
    if not has_request_context():
        return None
    lang = request.cookies.get(LANG_COOKIE)
    if lang in LANGUAGES and preferences_allowed():
        return lang
    return None


def drop_unconsented_language(response):
    """After each page: a ``lang`` cookie without current preferences consent is deleted, so the
    browser's cookies follow the choice (also after the owner raised the cookie revision)."""
    if (
        LANG_COOKIE in request.cookies
        and response.mimetype == "text/html"
        and not preferences_allowed()
        and not any(c.startswith(f"{LANG_COOKIE}=") for c in response.headers.getlist("Set-Cookie"))
    ):
        forget_language(response)
    return response
