"""What the rules of staff accounts refuse. Staff accounts are made on the command line, so the
words are the command line's: English."""

from __future__ import annotations

from ..platform.refusals import Refusal


class StaffRefused(Refusal):
    WORDS = {
        "username_shape": (
            422,
            "username: 3-40 characters, lowercase letters, digits, dot, dash or underscore",
        ),
        "role": (422, "role must be one of: %(roles)s"),
        "name": (422, "name is required"),
        "password": (
            422,
            "password must have at least %(least)d characters and not be the username",
        ),
        "taken": (409, "username %(username)r is taken"),
        "unknown": (404, "no staff account %(username)r"),
    }
