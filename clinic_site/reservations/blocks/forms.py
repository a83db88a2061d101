"""Blocking time: for whom, from when to when, and why. The clinic's own schedule, not anyone's
personal data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateTimeLocalField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from ...forms import fields
from ...forms.base import Form

WHEN = _l("Give the day and time, for example 2026-12-09 09:00.")
# What the browser's picker sends first; then what a receptionist types where there is no picker.
FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class BlockForm(Form):
    inventory_group = None

    doctor = SelectField(_l("For"), coerce=str, validate_choice=False, default="all")
    start = DateTimeLocalField(_l("From"), format=FORMATS, validators=[DataRequired(WHEN)])
    end = DateTimeLocalField(_l("Until"), format=FORMATS, validators=[DataRequired(WHEN)])
    reason = StringField(
        _l("Reason (shown to staff only)"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Say why, e.g. conference.")), Length(max=200)],
    )
