from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, Length

from ...forms.base import Form

ROLE_CHOICES = [
    SelectChoice("staff", _l("Staff: answers patients")),
    SelectChoice("owner", _l("Owner: also settings, records and staff accounts")),
]


class NewStaffForm(Form):
    inventory_group = "staff"

    username = StringField(
        _l("Username"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "off", "autocapitalize": "none"},
    )
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=60)])
    role = RadioField(_l("Role"), choices=ROLE_CHOICES, default="staff")


class RoleForm(Form):
    inventory_group = None

    role = RadioField(_l("Role"), choices=ROLE_CHOICES, validators=[DataRequired()])


class SetPasswordForm(Form):
    inventory_group = "staff"

    password = PasswordField(
        _l("New password (at least 10 characters)"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )
    password_confirm = PasswordField(
        _l("The new password again"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )


class ChangePasswordForm(Form):
    inventory_group = None

    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password (at least 10 characters)"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )
    new_password_confirm = PasswordField(
        _l("The new password again"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )
