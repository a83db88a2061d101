"""What the forms of booking share: the choices (treatments, doctors, free times), which are the
day's and are set by the route, the note to the clinic, and a bare button. Whether a time is still
free is the service's to say, so a time that filled up meanwhile gets a clear answer rather than
"not a valid choice"."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    SelectChoice,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from ..forms import fields
from ..forms.base import Form
from .refusals import BookingRefused

NOTE_MAX = 500


def service_choices(offered, lang: str, blank=None) -> list[SelectChoice]:
    """The treatments for a select, in the page's language, after an optional blank prompt."""
    first = [SelectChoice("", blank)] if blank else []
    return first + [SelectChoice(str(s.id), s.name(lang)) for s in offered]


def doctor_choices(doctors, lang: str) -> list[SelectChoice]:
    return [SelectChoice("any", _l("Any doctor"))] + [
        SelectChoice(str(d.id), d.name(lang)) for d in doctors
    ]


def chosen(raw, options: list, default=None):
    """The option (a treatment, a doctor) whose id ``raw`` names, else ``default``: a page
    asked for with a stale or odd choice shows the usual one."""
    for option in options:
        if str(option.id) == str(raw):
            return option
    return default


def named_doctor(raw, doctors: list):
    """The doctor a booking names: None for any doctor, a refusal for an id not in the list
    (a stale page or a tampered form), never a silent "any"."""
    if raw in (None, "", "any"):
        return None
    found = chosen(raw, doctors)
    if found is None:
        raise BookingRefused("doctor", "doctor")
    return found


def slot_choices(free) -> list[SelectChoice]:
    """One radio per free slot: the value the contract names, the clinic's time as its label."""
    return [SelectChoice(slot.value, slot.start.strftime("%H:%M")) for slot in free]


def note_field():
    return TextAreaField(
        _l("Note to the clinic (optional)"),
        filters=[fields.text],
        validators=[Optional(), Length(max=NOTE_MAX, message=_l("At most %(max)d characters."))],
        render_kw={"rows": 3},
    )


class ActionForm(Form):
    """A button with nothing but its CSRF token (cancel, withdraw)."""
