"""Which language a page is in: the visitor's choice, then Accept-Language, then CLINIC_LANGUAGE."""

from __future__ import annotations

from flask import current_app, request, session

from ..config import LANGUAGES


def add_choice_source(app, source) -> None:
    """Let a feature offer another place the visitor's choice is remembered (a preferences cookie,
    set only with consent). ``source()`` returns a language code or None."""
    app.extensions.setdefault("clinic_language_sources", []).append(source)


def chosen_language() -> str | None:
    choice = session.get("lang")
    if choice in LANGUAGES:
        return choice
    for source in current_app.extensions.get("clinic_language_sources", []):
        choice = source()
        if choice in LANGUAGES:
            return choice
    return None


def select_locale() -> str:
    return (
        chosen_language()
        or request.accept_languages.best_match(LANGUAGES)
        or current_app.config["CLINIC_LANGUAGE"]
    )


def select_timezone() -> str:
    return current_app.config["CLINIC_TIMEZONE"]
