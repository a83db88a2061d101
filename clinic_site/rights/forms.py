"""The rights forms: a visitor's request, a member's, and the staff's answer and extension."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import fields
from ..forms.base import Form
from .services import CHECKS, KINDS


def _kind_field() -> RadioField:
    return RadioField(
        _l("What do you ask for?"),
        choices=[SelectChoice(key, label) for key, label in KINDS.items()],
        validators=[DataRequired(_l("Choose what you are asking for."))],
    )


def _details_field() -> TextAreaField:
    return TextAreaField(
        _l("What it is about (optional)"),
        filters=[fields.text],
        validators=[Optional(), Length(max=2000, message=_l("Use at most %(max)d characters."))],
        render_kw={"rows": 5},
    )


class MemberRightsForm(Form):
    """A signed-in member asks; their account says who they are."""

    inventory_group = "rights_request"

    kind = _kind_field()
    details = _details_field()


class RightsForm(MemberRightsForm):
    """A visitor asks, with a name and a mobile number the clinic calls to check who they are."""

    name = fields.name_field()
    mobile = fields.mobile_field()
    agree_privacy = fields.consent_box(
        _l("I agree to the collection and use of my name and mobile number for this request."),
        _l("Please agree, or call the clinic instead."),
    )


class AnswerForm(Form):
    """The clinic's answer, and how staff checked who a visitor is."""

    inventory_group = None

    body = TextAreaField(
        _l("Answer"),
        filters=[fields.text],
        validators=[DataRequired(_l("Write the answer.")), Length(max=4000)],
        render_kw={"rows": 6},
    )
    identity = RadioField(
        _l("How you checked who asked"),
        choices=[SelectChoice(key, CHECKS[key]) for key in ("phone", "in_person")],
        default="phone",
        validators=[Optional()],
    )


class ExtendForm(Form):
    """Ten more days, once, with the reason the requester reads."""

    inventory_group = None

    reason = TextAreaField(
        _l("Why the answer needs more time"),
        filters=[fields.text],
        validators=[
            DataRequired(_l("Write the reason; the requester reads it.")),
            Length(max=1000),
        ],  # fmt: skip
        render_kw={"rows": 3},
    )
