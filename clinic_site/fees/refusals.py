"""What the fee lists' rules refuse, in words for the owner."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class FeesRefused(Refusal):
    WORDS = {
        "fee_list": (422, _l("Choose one of the lists.")),
        "range_backwards": (422, _l("The upper price must not be below the price.")),
        "item_unknown": (422, _l("Choose one of the certificates of the Ministry's notice.")),
        "over_cap": (
            422,
            _l("The Ministry's notice caps %(item)s at %(cap)s won. Enter that or less."),
        ),
        "notice_short": (
            422,
            _l(
                "A new certificate fee is announced at least %(days)d days ahead: choose "
                "%(earliest)s or later."
            ),
        ),  # fmt: skip
        "notice_far": (422, _l("Announce a new fee at most %(days)d days ahead.")),
        "csv_header": (
            422,
            _l("The file's first line must name the columns: %(columns)s."),
        ),
        "csv_line": (422, _l("Line %(line)d: %(problem)s")),
        "csv_empty": (422, _l("The file has no fee lines.")),
        "csv_too_large": (422, _l("The file is larger than 1 MB; a fee list is much smaller.")),
        "csv_unreadable": (
            422,
            _l(
                "The file is not a CSV text file in UTF-8. Save it from the spreadsheet as "
                '"CSV UTF-8".'
            ),
        ),  # fmt: skip
    }
