"""The member's booking form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField
from wtforms.validators import Optional

from ...forms.base import Form
from ..forms import note_field


class BookingForm(Form):
    inventory_group = "reservation"

    service = SelectField(_l("Treatment"), coerce=str, validate_choice=False)
    doctor = SelectField(_l("Doctor"), coerce=str, validate_choice=False, default="any")
    date = DateField(_l("Day"), format="%Y-%m-%d", validators=[Optional()])
    slot = RadioField(_l("Time"), coerce=str, validate_choice=False)
    note = note_field()


class MoveForm(Form):
    """Another time for my visit: as on the booking page, without the treatment and the note
    (the visit keeps them)."""

    inventory_group = "reservation"

    service = SelectField(_l("Treatment"), coerce=str, validate_choice=False)
    doctor = SelectField(_l("Doctor"), coerce=str, validate_choice=False, default="any")
    date = DateField(_l("Day"), format="%Y-%m-%d", validators=[Optional()])
    slot = RadioField(_l("New time"), coerce=str, validate_choice=False)
