"""The front desk's forms: booking any patient onto the schedule (a member found by name, mobile
or ID, or a caller who is not a member), moving a visit, and a visit's status."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, Regexp

from ...forms import fields
from ...forms.base import Form
from ..booking.forms import BookingForm
from ..statuses import STATUSES


class StatusForm(Form):
    inventory_group = None

    status = StringField(
        validators=[
            DataRequired(),
            AnyOf([s for s in STATUSES if s not in ("requested", "declined")]),
        ]
    )


class DeskBookingForm(BookingForm):
    """Staff book a member (``member``: the member's number, chosen from a search) or a caller who
    is not a member (``patient_name`` and ``patient_mobile``), then as on the booking page."""

    inventory_group = "desk_booking"

    member = StringField(
        _l("Member"),
        filters=[fields.strip],
        validators=[Optional(), Regexp(r"^[0-9]{1,9}$", message=_l("Choose a member found."))],
    )
    patient_name = StringField(
        _l("Name of a patient who is not a member"),
        filters=[fields.strip],
        validators=[Optional(), Length(max=fields.NAME_MAX)],
        render_kw={"autocomplete": "off"},
    )
    patient_mobile = StringField(
        _l("Their mobile phone number"),
        filters=[fields.strip],
        validators=[Optional(), fields.mobile],
        render_kw={"inputmode": "tel", "autocomplete": "off"},
    )
    notify = fields.notify_field(_l("Tell the caller the time"), ("sms", "none"))


class MoveForm(Form):
    """Another free time for a visit: a day to look at, then one of its times."""

    inventory_group = None

    date = DateField(_l("Day"), format="%Y-%m-%d", validators=[Optional()])
    doctor = SelectField(_l("Doctor"), coerce=str, validate_choice=False, default="any")
    slot = RadioField(_l("New time"), coerce=str, validate_choice=False)
