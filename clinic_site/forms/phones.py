"""Korean phone numbers as people type them ("010 1234 5678", "02-123-4567") and as the site
stores them ("010-1234-5678", "02-123-4567")."""

from __future__ import annotations

import re

_MOBILE = re.compile(r"01[016789][0-9]{7,8}")
# Seoul (02), the other regions (031-064), internet telephony (070) and nationwide numbers
# (15xx, 16xx, 18xx), with 7 or 8 more digits.
_PHONE = re.compile(r"(02|0[3-6][1-5]|070)([0-9]{3,4})([0-9]{4})|(1[568][0-9]{2})([0-9]{4})")
_SEPARATORS = re.compile(r"[\s\-.()]")


def normalise_mobile(raw: str | None) -> str | None:
    """A Korean mobile number (010, 011, 016-019 and 7 or 8 more digits, with or without hyphens,
    spaces or dots) as "010-1234-5678", or None when it is not one."""
    digits = _SEPARATORS.sub("", raw or "")
    if not _MOBILE.fullmatch(digits):
        return None
    return f"{digits[:3]}-{digits[3:-4]}-{digits[-4:]}"


def normalise_phone(raw: str | None) -> str | None:
    """A Korean telephone number, landline or mobile, written with hyphens ("02-123-4567",
    "031-1234-5678", "1588-1234", "010-1234-5678"), or None when it is not one."""
    mobile = normalise_mobile(raw)
    if mobile is not None:
        return mobile
    digits = _SEPARATORS.sub("", raw or "")
    match = _PHONE.fullmatch(digits)
    if match is None:
        return None
    return "-".join(part for part in match.groups() if part)
