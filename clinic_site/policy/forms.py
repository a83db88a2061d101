from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, StringField, TextAreaField
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
    keep_old_translation = BooleanField(
        _l("Keep the translation as it is (it then says it translates an earlier version)")
    )
    summary = StringField(
        _l("Summary of the changes"), validators=[DataRequired(), Length(max=500)]
    )
    asks_consent_again = BooleanField(
        _l("This version adds a purpose, or an item to what people agreed to: ask each member to "
           "agree again at their next sign-in")
    )  # fmt: skip
    effective_on = DateField(
        _l("Effective date"),
        format="%Y-%m-%d",
        validators=[DataRequired(message=_l("Enter the date as YYYY-MM-DD."))],
    )


class WithdrawForm(Form):
    inventory_group = None

    reason = StringField(_l("Reason for withdrawing"), validators=[DataRequired(), Length(max=500)])


class ActionForm(Form):
    """A button and its CSRF token (publish)."""

    inventory_group = None
