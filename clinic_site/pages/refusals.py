"""What the rules of the clinic's pages refuse, in words for the owner."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..platform.refusals import Refusal


class PagesRefused(Refusal):
    WORDS = {
        "too_large": (
            422,
            _l("The file is larger than 8 MB or has too many pixels. Send a smaller image."),
        ),
        "not_image": (422, _l("This file is not a JPEG, PNG or WebP image. Nothing was stored.")),
    }
