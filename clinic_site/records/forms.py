from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms.base import Form


class ReviewForm(Form):
    """The owner marks a month of the access record reviewed, with what they found."""

    inventory_group = None

    month = StringField(
        _l("Month reviewed (YYYY-MM)"),
        validators=[DataRequired(), Length(max=7)],
        render_kw={"inputmode": "numeric", "placeholder": "2026-03"},
    )
    note = TextAreaField(
        _l("What you checked and found"), validators=[DataRequired(), Length(max=2000)]
    )
