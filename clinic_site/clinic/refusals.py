"""What the rules of the clinic's calendar refuse, in words for the owner."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class CalendarRefused(Refusal):
    WORDS = {
        "past": (422, _l("Choose today or a later day.")),
        "already_closed": (422, _l("The clinic is already closed that day.")),
    }
