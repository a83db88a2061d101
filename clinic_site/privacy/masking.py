"""Names as lists show them: never whole where others may read over a shoulder."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """The first character and an asterisk for each other one ("홍길동" → "홍**"); a one-character
    name becomes "*" so it is never shown whole."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)
