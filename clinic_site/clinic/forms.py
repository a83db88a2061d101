"""The owner's forms for the clinic's week, its closed days and its doctors. The clinic's facts,
not anyone's personal data (a doctor's name is published on the clinic's own pages)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    Label,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..forms import fields
from ..forms.base import Form as BaseForm

WEEKDAY_NAMES = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)


def _name_days(days: FieldList) -> None:
    """Each day of a week's list is labelled with its weekday, for the error summary."""
    for day, name in zip(days, WEEKDAY_NAMES, strict=True):
        day.label = Label(day.id, name)


def _time(label):
    return TimeField(label, format="%H:%M", validators=[Optional()])


class DayForm(Form):
    """One weekday: closed, or open from-to with an optional lunch break."""

    open = BooleanField(_l("Open on this day"))
    opens = _time(_l("Opens"))
    closes = _time(_l("Closes"))
    lunch_from = _time(_l("Lunch from"))
    lunch_to = _time(_l("Lunch until"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.open.data:
            return True
        if not (self.opens.data and self.closes.data) or self.opens.data >= self.closes.data:
            self.closes.errors.append(_l("Give an opening time before the closing time."))
            return False
        lunch = (self.lunch_from.data, self.lunch_to.data)
        if any(lunch) and not all(lunch):
            self.lunch_to.errors.append(_l("Give both ends of the lunch break, or neither."))
            return False
        if all(lunch) and not (
            self.opens.data <= self.lunch_from.data < self.lunch_to.data <= self.closes.data
        ):
            self.lunch_to.errors.append(_l("The lunch break must lie within the opening hours."))
            return False
        return True


class WeekForm(BaseForm):
    inventory_group = None

    days = FieldList(FormField(DayForm), _l("The week"), min_entries=7, max_entries=7)
    closed_on_public_holidays = BooleanField(_l("Closed on Korean public holidays"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_days(self.days)


class ClosedDayForm(BaseForm):
    inventory_group = None

    day = DateField(
        _l("Date"),
        format="%Y-%m-%d",
        validators=[DataRequired(_l("Enter the date as YYYY-MM-DD."))],
    )
    reason_ko = StringField(
        _l("Reason shown to patients (Korean, optional)"),
        filters=[fields.strip],
        validators=[Length(max=100)],
    )
    reason_en = StringField(
        _l("Reason shown to patients (English, optional)"),
        filters=[fields.strip],
        validators=[Length(max=100)],
    )


class WorkDayForm(Form):
    works = BooleanField(_l("Works"))
    starts = _time(_l("From"))
    ends = _time(_l("Until"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.works.data and not (
            self.starts.data and self.ends.data and self.starts.data < self.ends.data
        ):
            self.ends.errors.append(_l("Give a start before the end."))
            return False
        return True


class DoctorForm(BaseForm):
    inventory_group = None

    name_ko = StringField(
        _l("Name (Korean)"), filters=[fields.strip], validators=[DataRequired(), Length(max=50)]
    )
    name_en = StringField(
        _l("Name (English, optional)"), filters=[fields.strip], validators=[Length(max=80)]
    )
    title_ko = StringField(
        _l("Job title, e.g. 원장 (optional)"), filters=[fields.strip], validators=[Length(max=60)]
    )
    title_en = StringField(
        _l("Job title in English (optional)"), filters=[fields.strip], validators=[Length(max=80)]
    )
    specialties_ko = StringField(
        _l("Specialties (optional)"), filters=[fields.strip], validators=[Length(max=200)]
    )
    specialties_en = StringField(
        _l("Specialties in English (optional)"),
        filters=[fields.strip],
        validators=[Length(max=200)],
    )
    career_ko = TextAreaField(
        _l("Career, one item per line (optional)"),
        filters=[fields.text],
        validators=[Length(max=5000)],
    )
    career_en = TextAreaField(
        _l("Career in English, one item per line (optional)"),
        filters=[fields.text],
        validators=[Length(max=5000)],
    )
    active = BooleanField(_l("Sees patients (shown on the site and bookable)"), default=True)
    all_hours = BooleanField(_l("Works whenever the clinic is open"), default=True)
    days = FieldList(
        FormField(WorkDayForm), _l("The days the doctor works"), min_entries=7, max_entries=7
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _name_days(self.days)

    def validate_days(self, field) -> None:
        if not self.all_hours.data and not any(day.works.data for day in field):
            raise ValidationError(_l("Tick the days the doctor works, or the box above."))
