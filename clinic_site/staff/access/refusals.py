"""What the rules of staff access refuse, in words for the owner and staff."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...platform.refusals import Refusal


class AccessRefused(Refusal):
    WORDS = {
        "username_shape": (
            422,
            _l("3-40 characters: lowercase letters, digits, dot, dash or underscore."),
        ),
        "taken": (409, _l("This username is taken.")),
        "name": (422, _l("Give the person's name.")),
        "role": (422, _l("Choose owner or staff.")),
        "self": (409, _l("You cannot disable your own account or change your own role here.")),
        "last_owner": (409, _l("The clinic needs at least one owner who can sign in.")),
        "password": (422, _l("At least %(least)d characters, and not the username.")),
        "password_mismatch": (422, _l("The two passwords differ.")),
        "current_password": (422, _l("The current password is not correct.")),
        "link": (404, _l("This link is not valid: it was used already or has expired.")),
        "no_link": (409, _l("This person has set a password already.")),
    }
