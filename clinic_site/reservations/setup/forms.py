"""The owner's booking rules and bookable treatments: the clinic's own settings, no one's
personal data."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange

from ...forms import fields
from ...forms.base import Form


class SettingsForm(Form):
    inventory_group = None

    slot_minutes = SelectField(
        _l("Slot length"),
        coerce=int,
        choices=[SelectChoice(m, str(m)) for m in (10, 15, 20, 30, 40, 60)],
    )
    per_slot = IntegerField(_l("Patients per doctor and slot"), validators=[NumberRange(1, 20)])
    horizon_days = IntegerField(
        _l("How many days ahead patients may book"), validators=[NumberRange(1, 365)]
    )
    notice_minutes = IntegerField(
        _l("Least notice, in minutes"), validators=[NumberRange(0, 10080)]
    )
    cancel_hours = IntegerField(
        _l("Patients cancel online until this many hours before"), validators=[NumberRange(0, 720)]
    )
    confirm_at_once = BooleanField(
        _l("Bookings are confirmed at once (otherwise staff confirm each)")
    )
    guest_requests = BooleanField(_l("Visitors without an account may send a reservation request"))


class ServiceForm(Form):
    inventory_group = None

    name_ko = StringField(
        _l("Name (Korean)"), filters=[fields.strip], validators=[DataRequired(), Length(max=60)]
    )
    name_en = StringField(
        _l("Name (English, optional)"), filters=[fields.strip], validators=[Length(max=80)]
    )
    # Chosen in minutes (the slot length set in the booking rules times 1 to 16): nobody has to
    # work out how many slots a 45-minute treatment takes. The choices are set per request.
    slots = SelectField(_l("How long it takes"), coerce=int, default=1)
    active = BooleanField(_l("Can be booked"), default=True)


def length_choices(slot_minutes: int) -> list[SelectChoice]:
    """1 to 16 slots, each labelled with its length ("30 minutes", "1 h 30 min")."""
    return [SelectChoice(n, duration(n * slot_minutes)) for n in range(1, 17)]


def duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(minutes)d minutes", minutes=rest)
    if not rest:
        return _("%(hours)d h", hours=hours)
    return _("%(hours)d h %(minutes)d min", hours=hours, minutes=rest)
