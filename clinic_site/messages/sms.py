"""How long a text message is as Korean carriers count it: 90 bytes for an SMS (a Hangul or any
other character beyond ASCII counts two, as in EUC-KR), 2,000 for an LMS."""

from __future__ import annotations

SMS_BYTES = 90
LMS_BYTES = 2000
LMS_SUBJECT_BYTES = 40


def byte_length(text: str) -> int:
    """The length carriers bill: one byte for ASCII, two for everything else."""
    return sum(1 if ord(char) < 128 else 2 for char in text)


def text_type(text: str) -> str:
    """ "SMS" for a text that fits in 90 bytes, else "LMS"."""
    return "SMS" if byte_length(text) <= SMS_BYTES else "LMS"


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes, counted as carriers count them."""
    kept, used = [], 0
    for char in text:
        used += 1 if ord(char) < 128 else 2
        if used > limit:
            break
        kept.append(char)
    return "".join(kept)
