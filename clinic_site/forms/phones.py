"""Korean numbers as people type them and as the site stores them: phone numbers ("010 1234 5678"
→ "010-1234-5678", "02 555 1234" → "02-555-1234") and business registration numbers
("1234567891" → "123-45-67891")."""

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


def tel_uri(number: str | None) -> str:
    """A phone number for a ``tel:`` link: its digits (and a leading +), whatever separators it
    was written with."""
    raw = (number or "").strip()
    digits = "".join(c for c in raw if c.isdigit())
    return ("+" + digits) if raw.startswith("+") else digits


_BUSINESS_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def normalise_business_number(raw: str | None) -> str | None:
    """A 사업자등록번호 as "123-45-67890", or None when it is not one: ten digits whose last is
    the check digit the National Tax Service's rule gives."""
    digits = _SEPARATORS.sub("", raw or "")
    if not (len(digits) == 10 and digits.isascii() and digits.isdigit()):
        return None
    values = [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, _BUSINESS_WEIGHTS, strict=False))
    total += values[8] * 5 // 10
    if (10 - total % 10) % 10 != values[9]:
        return None
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
