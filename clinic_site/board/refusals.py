"""What the board's rules refuse. The forms check the same rules first, so a person meets these
only when something changed in between (a reply arrived while the author was editing)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal

CHECK_AND_SEND = _l("Please go back, check your entries and send them again.")


class BoardRefused(Refusal):
    WORDS = {
        "answered": (409, _l("This inquiry has been answered, so it can no longer be changed.")),
        "consents": (409, CHECK_AND_SEND),
        "password": (409, CHECK_AND_SEND),
    }
