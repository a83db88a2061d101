"""Asking to wait for a day: which day, which treatment, which doctor (or any)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField
from wtforms.validators import InputRequired

from ...forms.base import Form


class WaitlistForm(Form):
    inventory_group = "waitlist"

    date = DateField(
        _l("Day"),
        format="%Y-%m-%d",
        validators=[InputRequired(_l("Choose the day, for example 2027-01-15."))],
    )
    service = SelectField(_l("Treatment"), coerce=str, validate_choice=False)
    doctor = SelectField(_l("Doctor"), coerce=str, validate_choice=False, default="any")
