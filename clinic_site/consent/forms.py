from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import AnyOf, InputRequired

from ..forms.base import Form
from .services import CHOICES


class ConsentForm(Form):
    """The banner and /cookies send the same form: a ``choice`` button and, for ``custom``, the
    optional categories."""

    choice = StringField(
        validators=[
            InputRequired(message=_l("Choose one of the buttons.")),
            AnyOf(CHOICES, message=_l("Choose one of the buttons.")),
        ]
    )
    preferences = BooleanField(_l("Preferences: remember the language I choose"))
    analytics = BooleanField(
        _l("Analytics: let the clinic count visits with its analytics service")
    )
    next = HiddenField()
