"""A visitor's reservation request, opening it with its password, and the staff's answer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    PasswordField,
    RadioField,
    SelectField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional

from ...forms import fields
from ...forms.antispam import AntispamMixin
from ...forms.base import Form
from ..forms import note_field


class RequestForm(AntispamMixin, Form):
    """A visitor without an account asks for a day and time."""

    inventory_group = "reservation_request"

    name = fields.name_field()
    password = fields.new_password_field(least=6, most=100)
    mobile = fields.mobile_field()
    email = fields.email_field()
    notify = fields.notify_field(
        _l("Tell me when the clinic books or answers my request"), ("sms", "email", "none")
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
    note = note_field()
    agree_privacy = fields.consent_box(
        _l("I agree to the collection and use of my personal information as described above."),
        _l("Please agree, or call the clinic instead."),
    )
    agree_sensitive = fields.consent_box(
        _l("I agree to the handling of the health information in my request as described above."),
        _l("Please agree, or call the clinic instead."),
    )


class UnlockForm(Form):
    inventory_group = "reservation_request"

    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter the password.")), Length(max=100)],
        render_kw={"autocomplete": "current-password"},
    )


class AnswerForm(Form):
    """Staff decline a visitor's request: the clinic's words, not the visitor's data."""

    inventory_group = None

    answer = TextAreaField(
        _l("Answer to the visitor"),
        filters=[fields.text],
        validators=[DataRequired(_l("Write the answer.")), Length(max=2000)],
        render_kw={"rows": 4},
    )


class BookRequestForm(Form):
    """Staff put a visitor's request on the schedule: a treatment, a doctor, and one of the free
    times of a day; a word to the visitor if they like."""

    inventory_group = "desk_booking"

    service = SelectField(_l("Treatment"), coerce=str, validate_choice=False)
    doctor = SelectField(_l("Doctor"), coerce=str, validate_choice=False, default="any")
    date = DateField(_l("Day"), format="%Y-%m-%d", validators=[Optional()])
    slot = RadioField(_l("Time"), coerce=str, validate_choice=False)
    answer = TextAreaField(
        _l("A word to the visitor (optional)"),
        filters=[fields.text],
        validators=[Optional(), Length(max=2000)],
        render_kw={"rows": 3},
        id="book-answer",  # the decline form beside it on the page has its own "answer"
    )
