"""The front desk's forms: booking for a patient who phoned, and a visit's status."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import AnyOf, DataRequired, Length

from ...forms import fields
from ...forms.base import Form
from ..booking.forms import BookingForm
from ..statuses import STATUSES


class StatusForm(Form):
    status = StringField(
        validators=[
            DataRequired(),
            AnyOf([s for s in STATUSES if s not in ("requested", "declined")]),
        ]
    )


class MemberBookingForm(BookingForm):
    """Staff book for a member who phoned: the member's ID, then as on the booking page."""

    member = StringField(
        _l("Member's ID"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter the member's ID.")), Length(max=40)],
    )
