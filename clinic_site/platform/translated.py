"""The owner's texts are written in Korean, with an optional English version. An English page
shows the English where the owner gave it and the Korean where not; the page then says so (base
layout), instead of switching language silently.

Names (the clinic's, a doctor's) are proper nouns: shown in Korean without remark."""

from __future__ import annotations

from flask import g, has_request_context


def in_language(ko: str | None, en: str | None, lang: str) -> str:
    """``en`` on an English page when written, else ``ko``; an English page that falls back to
    Korean is marked so that its layout tells the reader."""
    if lang == "en":
        if en:
            return en
        if ko and has_request_context():
            g.korean_shown = True
    return ko or ""


def name_in_language(ko: str | None, en: str | None, lang: str) -> str:
    """A proper noun: its English spelling on an English page when given, else the Korean."""
    return (en if lang == "en" and en else ko) or ""
