"""What the message log refuses staff."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class MessagesRefused(Refusal):
    WORDS = {
        "not_failed": (409, _l("Only a message that could not be sent can be sent again.")),
        "too_old": (
            409,
            _l("This message can no longer be sent again: its text has been destroyed."),
        ),
    }
