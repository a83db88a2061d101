from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..forms import fields
from ..forms.base import Form
from .queries import analytics_origin


def _blank(value: str | None) -> str:
    return value or ""


def _https_link(form, field) -> None:
    """A link patients follow: an https address of at most 200 characters."""
    parts = urlsplit(field.data or "")
    if parts.scheme != "https" or not parts.netloc or len(field.data) > 200 or " " in field.data:
        raise ValidationError(_l("Paste the whole address, starting with https://"))


class SettingsForm(Form):
    """Clinic details shown in the footer and the policy, and the switches features read."""

    # The clinic's and its privacy manager's published contact details, not a visitor's data.
    inventory_group = None

    clinic_name = StringField(
        _l("Clinic name"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter the clinic's name.")), Length(max=100)],
    )
    address = StringField(
        _l("Address"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter the clinic's address.")), Length(max=200)],
    )
    phone = StringField(
        _l("Phone"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter the clinic's phone number.")), fields.phone],
        render_kw={"inputmode": "tel"},
    )
    email = EmailField(
        _l("Clinic email (receives notices of new inquiries)"),
        validators=[Optional(), Email(), Length(max=254)],
    )
    opening_hours = TextAreaField(
        _l("Opening hours, in words (e.g. late opening on Thursdays)"),
        validators=[Length(max=1000)],
    )
    clinic_name_en = StringField(
        _l("Clinic name in English (optional)"), validators=[Length(max=100)]
    )
    address_en = StringField(_l("Address in English (optional)"), validators=[Length(max=200)])
    opening_hours_en = TextAreaField(
        _l("Opening hours in English (optional)"), validators=[Length(max=1000)]
    )
    privacy_manager_name = StringField(
        _l("Privacy manager: name"), validators=[DataRequired(), Length(max=60)]
    )
    privacy_manager_position = StringField(
        _l("Privacy manager: position"), validators=[Length(max=60)]
    )
    privacy_manager_name_en = StringField(
        _l("Privacy manager: name in English (optional)"), validators=[Length(max=60)]
    )
    privacy_manager_position_en = StringField(
        _l("Privacy manager: position in English (optional)"), validators=[Length(max=60)]
    )
    privacy_manager_phone = StringField(
        _l("Privacy manager: phone"),
        filters=[fields.strip],
        validators=[DataRequired(), fields.phone],
        render_kw={"inputmode": "tel"},
    )
    privacy_manager_email = EmailField(
        _l("Privacy manager: email"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    representative = StringField(
        _l("Representative (대표자, shown in the footer)"),
        filters=[fields.strip],
        validators=[Length(max=60)],
    )
    representative_en = StringField(
        _l("Representative in English (optional)"),
        filters=[fields.strip],
        validators=[Length(max=60)],
    )
    business_number = StringField(
        _l("Business registration number (사업자등록번호, shown in the footer)"),
        filters=[fields.strip],
        validators=[Optional(), fields.business_number],
        render_kw={"inputmode": "numeric", "placeholder": "123-45-67891"},
    )
    kakao_channel_url = URLField(
        _l("KakaoTalk channel link (optional)"),
        filters=[fields.strip, _blank],
        validators=[Optional(), _https_link],
        render_kw={"placeholder": "https://pf.kakao.com/..."},
    )
    naver_place_url = URLField(
        _l("Naver place or booking link (optional)"),
        filters=[fields.strip, _blank],
        validators=[Optional(), _https_link],
        render_kw={"placeholder": "https://naver.me/..."},
    )
    social_url = URLField(
        _l("Blog or Instagram link (optional)"),
        filters=[fields.strip, _blank],
        validators=[Optional(), _https_link],
    )
    silson24 = BooleanField(_l("We send private insurance claim documents through 실손24"))
    show_consultation_titles = BooleanField(_l("Show inquiry titles in the public list"))
    consultation_retention_days = IntegerField(
        _l("Days an inquiry is kept after its last reply"),
        validators=[InputRequired(), NumberRange(min=30, max=3650)],
    )
    backup_retention_days = IntegerField(
        _l("Days a backup is kept before the purge destroys it"),
        validators=[Optional(), NumberRange(min=1, max=3650)],
    )
    cookie_revision = IntegerField(
        _l("Cookie policy revision (raise it to ask every visitor again)"),
        validators=[InputRequired(), NumberRange(min=1, max=10000)],
    )
    analytics_snippet = StringField(
        _l("Analytics script address (loaded only for visitors who allow analytics cookies)"),
        validators=[Length(max=2000)],
        render_kw={"inputmode": "url", "placeholder": "https://", "autocomplete": "off"},
    )

    def validate_analytics_snippet(self, field):
        # Only an address, never markup: the site writes the script tag itself, and only for
        # visitors who allowed analytics.
        value = (field.data or "").strip()
        if value and analytics_origin(value) is None:
            raise ValidationError(
                _l("Enter one address starting with https://, without spaces, quotes or <.")
            )

    def values(self) -> dict:
        """The settings as entered, text stripped of surrounding spaces."""
        values = {}
        for name, field in self._fields.items():
            if name == "csrf_token":
                continue
            value = field.data
            if value is None and field.type in ("StringField", "TextAreaField", "EmailField"):
                value = ""  # a text box left out of the request is an empty text
            if name == "backup_retention_days" and value is None:
                continue  # left out: the period stays as it is
            values[name] = value.strip() if isinstance(value, str) else value
        return values
