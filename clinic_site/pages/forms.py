"""The owner's forms for the clinic's pages: the clinic's own words, not anyone's personal data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import fields
from ..forms.base import Form

MARKDOWN_HELP = _l(
    "Each line you type stays a line; an empty line starts a new paragraph; a line starting "
    "with - is a list item; **bold**."
)


def _korean(label, max_length: int, required: bool = True):
    checks = [DataRequired(), Length(max=max_length)] if required else [Length(max=max_length)]
    return StringField(label, filters=[fields.strip], validators=checks)


def _markdown(label, max_length: int = 20_000):
    return TextAreaField(
        label, filters=[fields.text], validators=[Length(max=max_length)], render_kw={"rows": 8}
    )


class TextsForm(Form):
    inventory_group = None

    slogan_ko = _korean(_l("A line under the home page's heading (optional)"), 200, required=False)
    slogan_en = _korean(_l("The same line in English (optional)"), 200, required=False)
    greeting_ko = _markdown(_l("The director's greeting"))
    greeting_en = _markdown(_l("The director's greeting in English (optional)"))
    transit_ko = _markdown(_l("How to get here by bus, subway or car"))
    transit_en = _markdown(_l("How to get here, in English (optional)"))
    parking_ko = _markdown(_l("Parking"))
    parking_en = _markdown(_l("Parking, in English (optional)"))
    insurance_ko = _markdown(
        _l("Private insurance (실손보험) claims: the documents patients need, on the fee page")
    )
    insurance_en = _markdown(_l("Insurance claims, in English (optional)"))
    terms_ko = _markdown(_l("Terms of use for members (leave empty to use the site's own text)"))
    terms_en = _markdown(_l("Terms of use in English (optional)"))


class TreatmentForm(Form):
    inventory_group = None

    title_ko = _korean(_l("Title"), 100)
    title_en = _korean(_l("Title in English (optional)"), 120, required=False)
    body_ko = _markdown(_l("What the clinic does"))
    body_en = _markdown(_l("In English (optional)"))


class NoticeForm(Form):
    inventory_group = None

    title_ko = _korean(_l("Title"), 150)
    title_en = _korean(_l("Title in English (optional)"), 180, required=False)
    body_ko = _markdown(_l("Text"))
    body_en = _markdown(_l("Text in English (optional)"))


class ImageForm(Form):
    inventory_group = None

    file = FileField(_l("Image (JPEG, PNG or WebP, up to 8 MB)"))
    alt_ko = _korean(_l("What the image shows, for people who cannot see it"), 200)
    alt_en = _korean(_l("The same, in English (optional)"), 200, required=False)
    owner = SelectField(_l("A photo of"), validate_choice=False, default="clinic")
