"""The owner's fee forms: a line of either list (the contract's kind, name, price and note, and
a certificate's item of the Ministry's notice), a certificate's announced change, and the CSV
import. The clinic's prices, not anyone's personal data."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from ..forms import fields
from ..forms.base import Form
from .models import MATERIALS
from .services import parse_price


def _price(form, field) -> None:
    if field.data in (None, ""):
        return
    value = parse_price(field.data)
    if value is None:
        raise ValidationError(_l("Enter the price in whole won, digits only, e.g. 1200000."))
    field.data = value


def _text(label, max_length: int, required: bool = False):
    checks = [DataRequired(), Length(max=max_length)] if required else [Length(max=max_length)]
    return StringField(label, filters=[fields.strip], validators=checks)


class FeeForm(Form):
    """One line of a fee list."""

    inventory_group = None

    kind = SelectField(
        _l("List"),
        choices=[
            SelectChoice("non_covered", _l("Non-covered treatment fees")),
            SelectChoice("certificate", _l("Certificate fees")),
        ],
        validate_choice=False,
        validators=[AnyOf(("non_covered", "certificate"), message=_l("Choose one of the lists."))],
    )
    item = SelectField(_l("Certificate of the Ministry's notice"), validate_choice=False)
    category = _text(_l("Category (e.g. Tests, Vaccinations)"), 60)
    name = _text(_l("Item"), 100)
    name_en = _text(_l("Item in English (optional)"), 120)
    code = _text(_l("Code (optional)"), 20)
    price = StringField(
        _l("Price in won"),
        validators=[DataRequired(_l("Enter the price.")), _price],
        render_kw={"inputmode": "numeric"},
    )
    price_max = StringField(
        _l("Up to, for a range (optional)"), validators=[_price], render_kw={"inputmode": "numeric"}
    )
    materials = SelectField(
        _l("Materials and drugs (non-covered)"),
        choices=[
            SelectChoice("", _l("Not stated")),
            SelectChoice("included", _l("Included in the price")),
            SelectChoice("separate", _l("Charged separately")),
        ],
        validate_choice=False,
        # Left out of the request (a certificate's form has no such field): not stated.
        filters=[lambda value: value or ""],
        validators=[AnyOf(MATERIALS, message=_l("Choose one of the answers."))],
    )
    note = _text(_l("Remarks (optional)"), 200)
    starts_on = DateField(
        _l("New price applies from (certificates)"), format="%Y-%m-%d", validators=[Optional()]
    )

    def validate_name(self, field) -> None:
        if not field.data and not (self.kind.data == "certificate" and self.item.data):
            raise ValidationError(_l("Name the item."))

    def validate_price_max(self, field) -> None:
        if (
            isinstance(field.data, int)
            and isinstance(self.price.data, int)
            and field.data < self.price.data
        ):
            raise ValidationError(_l("The upper price must not be below the price."))


class ImportForm(Form):
    inventory_group = None

    file = FileField(
        _l("The non-covered list as a CSV file"),
        validators=[FileRequired(_l("Choose the CSV file."))],
    )
