"""What membership's rules refuse, in words for the person who asked."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class AccountRefused(Refusal):
    WORDS = {
        "username_shape": (422, _l("Use 4 to 20 letters, digits or underscores (_).")),
        "username_taken": (422, _l("This ID is taken. Choose another.")),
        "password_short": (422, _l("Use at least %(n)d characters.")),
        "password_is_id": (422, _l("The password must not be your ID.")),
        "password_common": (
            422,
            _l("This password is too common and easy to guess. Choose another."),
        ),
        # Staff actions that do not apply to the account as it stands.
        "not_a_child": (409, _l("Only a child's account has a legal representative.")),
        "already_confirmed": (409, _l("The legal representative was confirmed already.")),
        "unknown_reason": (422, _l("Choose one of the reasons in the list.")),
        "mail_off": (409, _l("Mail is not set up, so news cannot be sent.")),
    }
