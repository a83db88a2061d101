"""The fields several forms ask for, defined once (a name, a mobile number, an email address, a
password chosen and typed again, a consent box), the filters that tidy what people type, and the
validators that keep Korean phone numbers in one written form. Forms check shapes; services check
rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from ..platform.channels import kakao_on, text_messages_on
from .phones import normalise_business_number, normalise_mobile, normalise_phone


def strip(value):
    return value.strip() if isinstance(value, str) else value


def text(value):
    # Browsers count a line break as one character but send it as two (CRLF); store one, so the
    # limit the page shows is the limit the server applies. A text box left out of the request
    # altogether is empty text, as it would be had the browser sent it.
    if value is None:
        return ""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def mobile(form, field) -> None:
    """A Korean mobile number, stored as "010-1234-5678"."""
    normalised = normalise_mobile(field.data)
    if normalised is None:
        raise ValidationError(_l("Enter a Korean mobile number, for example 010-1234-5678."))
    field.data = normalised


def phone(form, field) -> None:
    """A Korean telephone number (landline or mobile), stored with hyphens."""
    normalised = normalise_phone(field.data)
    if normalised is None:
        raise ValidationError(_l("Enter a telephone number, for example 02-123-4567."))
    field.data = normalised


def business_number(form, field) -> None:
    """A Korean business registration number (사업자등록번호), stored as "123-45-67890"."""
    normalised = normalise_business_number(field.data)
    if normalised is None:
        digits = "".join(c for c in str(field.data or "") if c.isdigit())
        if len(digits) == 10:  # ten digits, but the last is not the check digit they need
            raise ValidationError(
                _l("This is not a valid business registration number (its check digit does not "
                   "match). Please copy it again from the registration certificate.")
            )  # fmt: skip
        raise ValidationError(
            _l("Enter the 10-digit business registration number, for example 123-45-67891.")
        )
    field.data = normalised


NAME_MAX = 50
NAME = _l("Name")
ENTER_NAME = _l("Enter your name.")
MOBILE = _l("Mobile phone number")
ENTER_MOBILE = _l("Enter your mobile phone number.")
EMAIL_OPTIONAL = _l("Email (optional)")
PASSWORD = _l("Password")
PASSWORD_AGAIN = _l("Password again")


def name_field(label=NAME, message=ENTER_NAME, **render_kw) -> StringField:
    """A person's name, as they write it."""
    return StringField(
        label,
        filters=[strip],
        validators=[
            DataRequired(message),
            Length(max=NAME_MAX, message=_l("The name can be at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "name", **render_kw},
    )


def mobile_field(label=MOBILE, message=ENTER_MOBILE) -> StringField:
    """A Korean mobile number, stored as "010-1234-5678"."""
    return StringField(
        label,
        filters=[strip],
        validators=[DataRequired(message), mobile],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )


def email_field(label=EMAIL_OPTIONAL) -> EmailField:
    """An optional email address."""
    return EmailField(
        label,
        filters=[strip],
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Enter an email address such as name@example.com, or leave it empty.")),
        ],
        render_kw={"autocomplete": "email"},
    )


def new_password_field(
    label=PASSWORD, least: int = 0, most: int = 200, required: bool = True
) -> PasswordField:
    """A password being chosen: ``least`` to ``most`` characters (the services check the rest:
    not too common, not the ID)."""
    if least:
        length = Length(
            min=least,
            max=most,
            message=_l("The password must be %(min)d to %(max)d characters."),
        )
    else:
        length = Length(max=most, message=_l("Use at most %(max)d characters."))
    first = DataRequired(_l("Choose a password.")) if required else Optional()
    return PasswordField(
        label, validators=[first, length], render_kw={"autocomplete": "new-password"}
    )


def password_again_field(other: str, label=PASSWORD_AGAIN, required=True) -> PasswordField:
    """The password chosen in ``other``, typed again."""
    checks = [DataRequired(_l("Type the password again."))] if required else []
    return PasswordField(
        label,
        validators=[
            *checks,
            EqualTo(other, message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


def consent_box(label, message) -> BooleanField:
    """A consent the person must give by ticking the box themselves."""
    return BooleanField(label, validators=[DataRequired(message)])


NOTIFY_LABELS = {
    "sms": _l("By text message"),
    "kakao": _l("By KakaoTalk"),
    "email": _l("By e-mail"),
    "none": _l("Not at all"),
}


class NotifyField(RadioField):
    """The ``notify`` choice, offering only the channels the clinic can send by now: no text
    message or KakaoTalk while no provider is set up (CLINIC_SMS_PROVIDER=none), no KakaoTalk
    without the clinic's channel (SOLAPI_PFID). A choice posted anyway is still taken: the
    outbox falls back to e-mail, or to nothing, as it does for everyone."""

    def __iter__(self):
        # Only what is drawn is filtered; validation still knows every choice. When the choice
        # made (or the default) is not offered, the first offered one is ticked instead.
        offered = {"sms": text_messages_on(), "kakao": kakao_on()}
        options = [opt for opt in super().__iter__() if offered.get(opt.choice.value, True)]
        if options and not any(opt.checked for opt in options):
            options[0].checked = True
        return iter(options)

    def worth_asking(self) -> bool:
        """Whether there is anything to choose but "not at all"."""
        return any(opt.choice.value != "none" for opt in self)


def notify_field(label, choices: tuple[str, ...], default: str = "sms") -> RadioField:
    """How a person is told (a visit booked, an answer waiting): one of ``choices``, a field
    the form may leave out (the default then holds). Never advertising: news has its own box."""
    return NotifyField(
        label,
        choices=[SelectChoice(choice, NOTIFY_LABELS[choice]) for choice in choices],
        default=default,
        validators=[Optional()],
        validate_choice=True,
    )
