"""What the settings' rules refuse, in words for the owner."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class SettingRefused(Refusal):
    WORDS = {
        "revision_down": (422, _l("The revision can only go up (now %(current)d).")),
        "retention_not_stated": (
            422,
            _l(
                "The privacy policy in effect states another period for inquiries. Announce a "
                "version that states %(days)d days, and change this once it is in effect."
            ),
        ),
    }
