"""The words of each kind of message, in the clinic's language. A message says only the clinic's
name, a time and a link: never a treatment, a note, an inquiry's words or anything about health,
so a message read over a shoulder or on a locked screen gives nothing away. Callers pass a time
and a link; there is nothing else to pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, g
from flask_babel import force_locale
from flask_babel import gettext as _

from ..core.dates import moment
from ..settings.queries import get_settings


@dataclass(frozen=True)
class Content:
    """One message's words: ``subject`` (email), ``text`` (email, text message, and the text
    a KakaoTalk message falls back to) and ``variables`` (an 알림톡 template's #{clinic},
    #{when}, #{link})."""

    subject: str
    text: str
    variables: dict[str, str]


def _words(kind: str) -> tuple[str, str] | None:
    """(subject, text) of ``kind``, with %(clinic)s, %(when)s and %(link)s, in the language in
    force."""
    if kind == "booking_confirmed":
        return _("Your visit is booked"), _(
            "[%(clinic)s] Your visit on %(when)s is booked. See or change it: %(link)s"
        )
    if kind == "visit_moved":
        return _("Your visit has moved"), _(
            "[%(clinic)s] Your visit has moved to %(when)s. See it: %(link)s"
        )
    if kind == "visit_cancelled_by_clinic":
        return _("Your visit is cancelled"), _(
            "[%(clinic)s] We are sorry: the clinic had to cancel your visit on %(when)s. "
            "Please choose another time: %(link)s"
        )
    if kind == "request_booked":
        return _("Your visit is booked"), _(
            "[%(clinic)s] The visit you asked for is booked for %(when)s. See it with your "
            "password: %(link)s"
        )
    if kind == "request_answered":
        return _("The clinic answered your request"), _(
            "[%(clinic)s] The clinic answered your request for a visit. Read the answer with "
            "your password: %(link)s"
        )
    if kind == "inquiry_answered":
        return _("The clinic answered your inquiry"), _(
            "[%(clinic)s] The clinic answered your inquiry. Read the answer with your "
            "password: %(link)s"
        )
    if kind == "waitlist_offer":
        return _("A time you waited for is free"), _(
            "[%(clinic)s] A time you waited for is free: %(when)s. Book it here: %(link)s"
        )
    if kind == "reminder":
        return _("Your visit tomorrow"), _(
            "[%(clinic)s] A reminder of your visit on %(when)s. To change or cancel it: %(link)s"
        )
    if kind == "representative_consent":
        return _("Your consent is asked"), _(
            "[%(clinic)s] A child named you as their legal representative to join the "
            "clinic's website. Please read and answer: %(link)s"
        )
    if kind == "rights_answered":
        return _("The clinic answered your request"), _(
            "[%(clinic)s] The clinic answered your request about your personal information. "
            "Read the answer: %(link)s"
        )
    if kind == "rights_extended":
        return _("Your request needs more time"), _(
            "[%(clinic)s] The clinic needs more time to answer your request about your personal "
            "information. See why and the new date: %(link)s"
        )
    return None


def compose(kind: str, when: datetime | None = None, link: str | None = None) -> Content:
    """The words of a ``kind`` message about ``when`` (an aware instant, shown on the clinic's
    clock), pointing to ``link`` (an absolute URL), in the clinic's language (CLINIC_LANGUAGE).
    Raises ValueError for a kind the site does not send."""
    language = current_app.config["CLINIC_LANGUAGE"]
    # Flask-Babel forces a language only where the app context already holds something.
    g.message_language = language
    with force_locale(language):
        words = _words(kind)
        if words is None:
            raise ValueError(f"not a kind of message: {kind!r}")
        subject, text = words
        if "%(when)s" in text and when is None:
            raise ValueError(f"a {kind} message names a time: pass when=")
        values = {
            "clinic": get_settings().localized(language).clinic_name,
            "when": moment(when) if when is not None else "",
            "link": link or "",
        }
        text = (text % values).strip()
        if not link:
            text = text.rstrip(":").strip()  # "See it:" with nothing to see
        return Content(
            subject=f"[{values['clinic']}] {subject}" if values["clinic"] else subject,
            text=text,
            variables=values,
        )
