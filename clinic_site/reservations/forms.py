"""Forms of booking. The choices (treatments, doctors, free times) are the day's and are set by the
route; whether a time is still free is the service's to say, so a time that filled up meanwhile
gets a clear answer rather than "not a valid choice"."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import AnyOf, DataRequired, Email, Length, NumberRange, Optional

from .. import fields
from ..antispam import AntispamMixin
from ..fields import Form
from .models import STATUSES

NOTE_MAX = 500


def service_choices(offered, lang: str, blank=None) -> list[SelectChoice]:
    """The treatments for a select, in the page's language, after an optional blank prompt."""
    first = [SelectChoice("", blank)] if blank else []
    return first + [SelectChoice(str(s.id), s.name(lang)) for s in offered]


def doctor_choices(doctors, lang: str) -> list[SelectChoice]:
    return [SelectChoice("any", _l("Any doctor"))] + [
        SelectChoice(str(d.id), d.name(lang)) for d in doctors
    ]


def slot_choices(free) -> list[SelectChoice]:
    """One radio per free slot: the value the contract names, the clinic's time as its label."""
    return [SelectChoice(slot.value, slot.start.strftime("%H:%M")) for slot in free]


def _note():
    return TextAreaField(
        _l("Note to the clinic (optional)"),
        filters=[fields.text],
        validators=[Optional(), Length(max=NOTE_MAX, message=_l("At most %(max)d characters."))],
        render_kw={"rows": 3},
    )


class BookingForm(Form):
    inventory_group = "reservation"

    service = SelectField(_l("Treatment"), coerce=str, validate_choice=False)
    doctor = SelectField(_l("Doctor"), coerce=str, validate_choice=False, default="any")
    date = DateField(_l("Day"), format="%Y-%m-%d", validators=[Optional()])
    slot = RadioField(_l("Time"), coerce=str, validate_choice=False)
    note = _note()


class RequestForm(AntispamMixin, Form):
    """A visitor without an account asks for a day and time."""

    inventory_group = "reservation_request"

    name = StringField(
        _l("Name"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter your name.")), Length(max=50)],
        render_kw={"autocomplete": "name"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Choose a password.")),
            Length(
                min=6, max=100, message=_l("The password must be %(min)d to %(max)d characters.")
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    mobile = StringField(
        _l("Mobile phone number"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter your mobile phone number.")), fields.mobile],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    email = EmailField(
        _l("Email (optional)"),
        filters=[fields.strip],
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Enter an email address such as name@example.com, or leave it empty.")),
        ],
        render_kw={"autocomplete": "email"},
    )
    service = SelectField(
        _l("Treatment"),
        coerce=str,
        validate_choice=False,
        validators=[DataRequired(_l("Choose a treatment."))],
    )
    preferred_date = DateField(
        _l("Preferred day"),
        format="%Y-%m-%d",
        validators=[DataRequired(_l("Enter the day as YYYY-MM-DD."))],
    )
    preferred_time = TimeField(
        _l("Preferred time"),
        format="%H:%M",
        validators=[DataRequired(_l("Enter the time as HH:MM, for example 10:30."))],
    )
    note = _note()
    agree_privacy = BooleanField(
        _l("I agree to the collection and use of my personal information as described above."),
        validators=[DataRequired(_l("Please agree, or call the clinic instead."))],
    )
    agree_sensitive = BooleanField(
        _l("I agree to the handling of the health information in my request as described above."),
        validators=[DataRequired(_l("Please agree, or call the clinic instead."))],
    )


class UnlockForm(Form):
    inventory_group = "reservation_request"

    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter the password.")), Length(max=100)],
        render_kw={"autocomplete": "current-password"},
    )


class ActionForm(Form):
    """A button with nothing but its CSRF token (cancel, withdraw)."""


class StatusForm(Form):
    status = StringField(
        validators=[
            DataRequired(),
            AnyOf([s for s in STATUSES if s not in ("requested", "declined")]),
        ]
    )


class AnswerForm(Form):
    """Staff answer a visitor's request: the clinic's words, not the visitor's data."""

    inventory_group = None

    answer = TextAreaField(
        _l("Answer to the visitor"),
        filters=[fields.text],
        validators=[DataRequired(_l("Write the answer.")), Length(max=2000)],
        render_kw={"rows": 4},
    )
    slot = StringField(_l("Booked time (YYYY-MM-DDTHH:MM), when booking"), filters=[fields.strip])
    doctor = SelectField(_l("Doctor"), coerce=str, validate_choice=False, default="any")


class MemberBookingForm(BookingForm):
    """Staff book for a member who phoned: the member's ID, then as on the booking page."""

    member = StringField(
        _l("Member's ID"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter the member's ID.")), Length(max=40)],
    )


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
    slots = IntegerField(_l("Length, in slots"), default=1, validators=[NumberRange(1, 16)])
    active = BooleanField(_l("Can be booked"), default=True)
