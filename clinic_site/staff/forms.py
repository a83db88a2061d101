from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ..forms.base import Form


class StaffLoginForm(Form):
    inventory_group = "staff"

    username = StringField(
        _l("Username"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )


class CodeForm(Form):
    inventory_group = None

    code = StringField(
        _l("6-digit code from your authenticator app"),
        validators=[DataRequired(), Length(min=6, max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class StartForm(Form):
    """A button and its CSRF token: starting enrolment, making new recovery codes."""

    inventory_group = None
