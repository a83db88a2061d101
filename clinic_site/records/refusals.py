"""What the rules of the site's records refuse, in words for the owner."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class RecordsRefused(Refusal):
    WORDS = {
        "month_shape": (422, _l("Write the month as YYYY-MM, for example 2026-03.")),
        "month_ahead": (422, _l("A month can be reviewed once it has begun.")),
        "reviewed": (409, _l("This month is marked reviewed already.")),
    }
