"""Spam defence for public forms without any third party: a honeypot field that people never see
and a minimum time between showing a form and accepting it.

Add ``AntispamMixin`` to a form, render its two fields (``macros/antispam.html`` has a macro),
and call ``check(form)`` after validation. The time the form was shown travels in the form itself,
signed with the app's secret, so it cannot be forged and needs no server-side state. A stamp is good
for ``CLINIC_FORM_MAX_SECONDS`` (a day unless configured), so one fetched stamp cannot be reused
forever.
"""

from __future__ import annotations

from flask import current_app, g, has_request_context
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from wtforms import HiddenField, StringField

from ..platform import clock

HONEYPOT = "website"
STAMP = "form_shown"
# Field names that carry no personal data; an inventory check over forms can leave them out.
FIELD_NAMES = frozenset({HONEYPOT, STAMP})

HONEYPOT_FILLED = "honeypot"
TOO_FAST = "too_fast"
EXPIRED = "expired"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="clinic-form-shown")


def new_stamp() -> str:
    """A signed note of the time now, for the form about to be shown (noted for the request, so a
    kept page can be given a fresh one: ``pagecache``)."""
    stamp = _serializer().dumps(clock.now().timestamp())
    if has_request_context():
        g.form_stamp = stamp
    return stamp


def stamp_made() -> str | None:
    """The last stamp this request put in a form, if any."""
    return g.get("form_stamp")


def _shown_at(stamp: str | None) -> float | None:
    if not stamp:
        return None
    try:
        value = _serializer().loads(stamp)
    except BadSignature:
        return None
    return value if isinstance(value, int | float) else None


class AntispamMixin:
    """Two fields every public form can carry. The honeypot's label tells the rare person who
    meets it (a screen reader ignoring ``aria-hidden``) to leave it empty."""

    website = StringField(
        _l("Leave this field empty"),
        render_kw={"autocomplete": "off", "tabindex": "-1"},
    )
    form_shown = HiddenField(default=new_stamp)


def _max_seconds() -> float:
    return float(current_app.config["CLINIC_FORM_MAX_SECONDS"])


def _expired(shown_at: float) -> bool:
    most = _max_seconds()
    return most > 0 and clock.now().timestamp() - shown_at > most


def check(form) -> str | None:
    """``HONEYPOT_FILLED`` when the hidden field holds anything; ``TOO_FAST`` when the form came
    back sooner than ``CLINIC_FORM_MIN_SECONDS`` after it was shown (or with a stamp that is
    missing or not ours); ``EXPIRED`` when it was shown longer ago than
    ``CLINIC_FORM_MAX_SECONDS`` (0 there means no limit); else None. With
    ``CLINIC_FORM_MIN_SECONDS`` at 0 the stamp is not read at all: only the honeypot is checked."""
    if (form[HONEYPOT].data or "").strip():
        return HONEYPOT_FILLED
    least = float(current_app.config["CLINIC_FORM_MIN_SECONDS"])
    if least <= 0:
        return None
    shown_at = _shown_at(form[STAMP].data)
    if shown_at is None:
        return TOO_FAST
    elapsed = clock.now().timestamp() - shown_at
    if elapsed < least or elapsed < 0:
        return TOO_FAST
    if _expired(shown_at):
        return EXPIRED
    return None


def refresh(form) -> None:
    """Give a re-shown form a fresh stamp if the one it came back with was not ours or has
    expired; a genuine, current stamp is kept, so a person who waited need not wait again."""
    shown_at = _shown_at(form[STAMP].data)
    if shown_at is None or _expired(shown_at):
        form[STAMP].data = new_stamp()
