from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms.base import Form


class PolicyForm(Form):
    """A new version of the privacy policy; it is announced the day it is saved."""

    inventory_group = None  # the policy text is not personal data

    body = TextAreaField(
        _l("Policy text (Markdown)"), validators=[DataRequired(), Length(max=100_000)]
    )
    translation = TextAreaField(
        _l("Translation (Markdown, optional)"), validators=[Optional(), Length(max=100_000)]
    )
    summary = StringField(
        _l("Summary of the changes"), validators=[DataRequired(), Length(max=500)]
    )
    effective_on = DateField(
        _l("Effective date"),
        format="%Y-%m-%d",
        validators=[DataRequired(message=_l("Enter the date as YYYY-MM-DD."))],
    )


class WithdrawForm(Form):
    inventory_group = None

    reason = StringField(_l("Reason for withdrawing"), validators=[DataRequired(), Length(max=500)])
