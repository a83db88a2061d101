"""Forms of membership. Forms check shapes (lengths, formats, that both passwords match); the
services check rules (a free ID, a password that is not too common)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from ..forms import fields
from ..forms.antispam import AntispamMixin
from ..forms.base import Form
from ..messages.kinds import CHOICES
from .models import DESTROY_REASONS, HOLD_REASONS

PASSWORD_MAX = 200
VISITS_TOLD = _l("How the clinic tells you about your visits")


def _username():
    return StringField(
        _l("ID"),
        filters=[fields.strip],
        validators=[
            DataRequired(_l("Choose an ID.")),
            Length(min=4, max=20, message=_l("Use 4 to 20 letters, digits or underscores (_).")),
        ],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )


class RegisterForm(AntispamMixin, Form):
    inventory_group = "registration"

    name = fields.name_field()
    username = _username()
    password = fields.new_password_field(most=PASSWORD_MAX)
    password_confirm = fields.password_again_field("password")
    phone = StringField(
        _l("Another phone number, e.g. home (optional)"),
        filters=[fields.strip],
        validators=[Optional(), fields.phone],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    mobile = fields.mobile_field()
    email = fields.email_field()
    email_opt_in = BooleanField(_l("Send me the clinic's news by email"))
    notify = fields.notify_field(VISITS_TOLD, CHOICES)
    age_confirm = fields.consent_box(
        _l("I am 14 or older."), _l("Children under 14 join with the form for children.")
    )
    agree_privacy = fields.consent_box(
        _l("I agree to the collection and use of my personal information as described above."),
        _l("Please agree, or ask the clinic by phone instead."),
    )


class ChildRegisterForm(AntispamMixin, Form):
    """For children under 14: only what is needed, asked in simple words."""

    inventory_group = "child_registration"

    name = fields.name_field(_l("Your name"), _l("Write your name."))
    username = _username()
    password = fields.new_password_field(most=PASSWORD_MAX)
    password_confirm = fields.password_again_field("password")
    guardian_name = fields.name_field(
        _l("Your parent's or guardian's name"), _l("Write your parent's or guardian's name.")
    )
    guardian_mobile = fields.mobile_field(
        _l("Your parent's or guardian's mobile phone number"),
        _l("Write your parent's or guardian's mobile phone number."),
    )
    notify = fields.notify_field(
        _l("How the clinic tells your parent or guardian about your visits"),
        ("sms", "kakao", "none"),
    )
    guardian_consent = fields.consent_box(
        _l("My parent or guardian has read this page and agrees that I join."),
        _l("Your parent or guardian must agree first."),
    )
    agree_privacy = fields.consent_box(
        _l("We agree that the clinic keeps the information above, as this page explains."),
        _l("You and your parent or guardian must agree first."),
    )


class LoginForm(Form):
    inventory_group = "registration"

    username = StringField(
        _l("ID"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter your ID.")), Length(max=40)],
        render_kw={"autocomplete": "username", "autocapitalize": "none"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


class EditForm(Form):
    """The current password first (the identity check), then what may change. A child's account
    changes only its password: the legal representative's consent covered no e-mail, news or
    other way of reaching the child, so the service ignores those fields for a child."""

    inventory_group = "registration"

    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password.")), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )
    phone = StringField(
        _l("Phone number"),
        filters=[fields.strip],
        validators=[Optional(), fields.phone],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    mobile = StringField(
        _l("Mobile phone number"),
        filters=[fields.strip],
        validators=[Optional(), fields.mobile],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    email = fields.email_field()
    email_opt_in = BooleanField(_l("Send me the clinic's news by email"))
    notify = fields.notify_field(VISITS_TOLD, CHOICES)
    new_password = PasswordField(
        _l("New password (leave empty to keep the current one)"),
        validators=[Optional(), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "new-password"},
    )
    new_password_confirm = fields.password_again_field(
        "new_password", _l("New password again"), required=False
    )


class RepresentativeForm(Form):
    """The legal representative's answer, through the link sent to them."""

    inventory_group = None

    answer = RadioField(
        _l("Your answer"),
        choices=[
            SelectChoice("consent", _l("I consent to my child's membership")),
            SelectChoice("refuse", _l("I do not consent: delete the registration")),
        ],
        validators=[DataRequired(_l("Choose your answer."))],
    )
    password = fields.new_password_field(
        _l("Your password, to sign in for your child"), most=PASSWORD_MAX, required=False
    )
    password_confirm = fields.password_again_field("password", required=False)


class RepresentativeLoginForm(Form):
    """The legal representative signs in to the child's account with their own password."""

    inventory_group = None

    username = StringField(
        _l("Your child's ID"),
        filters=[fields.strip],
        validators=[DataRequired(_l("Enter your child's ID.")), Length(max=40)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Your password (the one you chose when consenting)"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )


class ReconsentForm(Form):
    """A member's answer to a policy version that asks for consent again."""

    inventory_group = None

    answer = RadioField(
        _l("Your answer"),
        choices=[
            SelectChoice("agree", _l("I agree to the new version")),
            SelectChoice("refuse", _l("I do not agree: keep my earlier terms")),
        ],
        validators=[DataRequired(_l("Choose your answer."))],
    )


class WithdrawForm(Form):
    inventory_group = "registration"

    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )
    confirm = BooleanField(
        _l("I understand that my account and everything tied to it are destroyed at once."),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )


class ActionForm(Form):
    """A button with nothing but its CSRF token (confirm, release, sign out)."""


def _reasons(codes, labels, message, id: str | None = None):
    # ``id``: where a page shows two of these forms, each select keeps an id of its own.
    return SelectField(
        _l("Reason"),
        id=id,
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(code, labels[code]) for code in codes],
        validate_choice=False,
        validators=[DataRequired(message), AnyOf(codes, message=message)],
    )


HOLD_LABELS_ADULT = {
    "correction_requested": _l("The member asked for a correction of their details"),
    "member_request": _l("The member asked for the processing of their data to stop"),
    "privacy_manager": _l("Decision of the privacy manager"),
}
HOLD_LABELS_CHILD = {
    "correction_requested": _l("The legal representative asked for a correction"),
    "representative_request": _l("The legal representative asked for the account to be held"),
    "privacy_manager": _l("Decision of the privacy manager"),
}
DESTROY_LABELS = {
    "member_request": _l("The member asked by phone, letter or email"),
    "representative_request": _l("The legal representative asked"),
    "privacy_manager": _l("Decision of the privacy manager"),
}


def hold_labels(member) -> dict:
    """The reasons staff may give for holding this account: an adult's own, or a child's
    representative's."""
    return HOLD_LABELS_CHILD if member.is_child else HOLD_LABELS_ADULT


class HoldForm(Form):
    reason = _reasons(HOLD_REASONS, {**HOLD_LABELS_ADULT, **HOLD_LABELS_CHILD},
                      _l("Choose the reason."))  # fmt: skip

    def for_member(self, member) -> HoldForm:
        """Offer only the reasons that fit ``member``."""
        _offer(self.reason, hold_labels(member))
        return self


def _offer(field: SelectField, labels: dict) -> None:
    """Let ``field`` offer and take only the reasons in ``labels``."""
    field.choices = [SelectChoice("", _l("Choose a reason"))] + [
        SelectChoice(code, label) for code, label in labels.items()
    ]
    field.validators = [
        DataRequired(_l("Choose the reason.")),
        AnyOf(list(labels), message=_l("Choose the reason.")),
    ]


CORRECT_LABELS = {
    "member_request": _l("The member asked (by phone, letter, email or a rights request)"),
    "representative_request": _l("The legal representative asked"),
    "privacy_manager": _l("Decision of the privacy manager"),
}


def correct_labels(member) -> dict:
    """Who may ask for a correction: an adult themself, a child through the representative."""
    who = "representative_request" if member.is_child else "member_request"
    return {code: CORRECT_LABELS[code] for code in (who, "privacy_manager")}


class CorrectForm(Form):
    """Staff correct a member's details on request (the name too, which the member cannot change
    themselves); what an adult or a child has is offered (``for_member``)."""

    # It corrects what joining collected (the registration and child_registration groups) and
    # collects nothing new.
    inventory_group = None

    name = fields.name_field()
    phone = StringField(
        _l("Phone number"), filters=[fields.strip], validators=[Optional(), fields.phone]
    )
    mobile = StringField(
        _l("Mobile phone number"), filters=[fields.strip], validators=[Optional(), fields.mobile]
    )
    guardian_name = StringField(
        _l("Legal representative"), filters=[fields.strip],
        validators=[Optional(), Length(max=fields.NAME_MAX)],
    )  # fmt: skip
    guardian_mobile = StringField(
        _l("Representative's mobile"), filters=[fields.strip],
        validators=[Optional(), fields.mobile],
    )  # fmt: skip
    reason = _reasons(
        tuple(CORRECT_LABELS), CORRECT_LABELS, _l("Choose the reason."), id="correct-reason"
    )

    def for_member(self, member) -> CorrectForm:
        _offer(self.reason, correct_labels(member))
        return self


class DestroyForm(Form):
    reason = _reasons(
        DESTROY_REASONS, DESTROY_LABELS, _l("Choose the reason."), id="destroy-reason"
    )
    confirm = BooleanField(
        _l("Destroy this member's data now. This cannot be undone."),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )


class NewsForm(Form):
    """The clinic's own words to its members: not personal data."""

    inventory_group = None

    subject = StringField(
        _l("Subject"), filters=[fields.strip], validators=[DataRequired(), Length(max=150)]
    )
    body = TextAreaField(
        _l("Message"),
        filters=[fields.text],
        validators=[DataRequired(), Length(max=20_000)],
        render_kw={"rows": 12},
    )
