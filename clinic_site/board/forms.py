"""Forms of the consultation board. Forms check shapes; services check rules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length

from ..forms import fields
from ..forms.antispam import AntispamMixin
from ..forms.base import Form

TITLE_MAX = 100
BODY_MAX = 10_000
PASSWORD_MIN = 6


class InquiryForm(Form):
    """The fields an author may write and later edit."""

    inventory_group = "consultation"

    name = fields.name_field()
    mobile = fields.mobile_field()
    email = fields.email_field()
    notify = fields.notify_field(
        _l("Tell me when the clinic answers (never the answer itself)"), ("sms", "email", "none")
    )
    title = StringField(
        _l("Title"),
        filters=[fields.strip],
        validators=[
            DataRequired(_l("Enter a title.")),
            Length(max=TITLE_MAX, message=_l("The title can be at most %(max)d characters.")),
        ],
    )
    title_private = BooleanField(_l("Keep my title out of the public list"))
    body = TextAreaField(
        _l("Your question"),
        filters=[fields.text],
        validators=[
            DataRequired(_l("Write your question.")),
            Length(
                max=BODY_MAX,
                message=_l("The question can be at most %(max)d characters; please shorten it."),
            ),
        ],
        render_kw={"rows": 10},
    )
    agree_privacy = fields.consent_box(
        _l("I agree to the collection and use of my personal information as described above."),
        _l("Please agree, or call the clinic instead."),
    )
    agree_sensitive = fields.consent_box(
        _l("I agree to the handling of the health information in my question as described above."),
        _l("Please agree, or call the clinic instead."),
    )


class NewInquiryForm(AntispamMixin, InquiryForm):
    password = fields.new_password_field(least=PASSWORD_MIN, most=100)


class MemberInquiryForm(AntispamMixin, InquiryForm):
    """A signed-in member's inquiry opens with their sign-in; a password is optional, for opening
    it without signing in."""

    password = fields.new_password_field(
        _l("Password (optional)"), least=PASSWORD_MIN, most=100, required=False
    )


class UnlockForm(Form):
    inventory_group = "consultation"

    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter the password.")), Length(max=100)],
        render_kw={"autocomplete": "current-password"},
    )


class ActionForm(Form):
    """A button with nothing but its CSRF token (delete)."""


class ReplyForm(Form):
    """The staff's answer: the clinic's words, not a visitor's personal data."""

    inventory_group = None

    body = TextAreaField(
        _l("Reply"),
        filters=[fields.text],
        validators=[
            DataRequired(_l("Write a reply.")),
            Length(max=BODY_MAX, message=_l("The reply can be at most %(max)d characters.")),
        ],
        render_kw={"rows": 8},
    )


# Why staff destroyed an inquiry. A fixed list, never free text: the reason is kept in the
# destruction log and the access record, which must hold no name, number or other content.
DESTROY_REASONS = (
    ("author_request", _l("The author asked for it to be deleted")),
    ("privacy_manager", _l("Decision of the privacy manager")),
    ("spam", _l("Spam or advertising")),
    ("duplicate", _l("Duplicate of another inquiry")),
)


class DestroyForm(Form):
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(code, label) for code, label in DESTROY_REASONS],
        # The list's own check would answer in words of its own; AnyOf says it in ours.
        validate_choice=False,
        validators=[
            DataRequired(_l("Choose the reason.")),
            AnyOf(
                [code for code, _label in DESTROY_REASONS],
                message=_l("Choose one of the reasons in the list."),
            ),
        ],
    )
