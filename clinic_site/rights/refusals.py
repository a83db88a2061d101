"""What the rights desk refuses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class RightsRefused(Refusal):
    WORDS = {
        "answered": (409, _l("This request has been answered already.")),
        "extended": (409, _l("The answer date has been extended once already.")),
        "kind": (422, _l("Choose what you are asking for.")),
    }
