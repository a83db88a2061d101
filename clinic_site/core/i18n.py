"""Which language a page is in: the visitor's choice, then Accept-Language, then CLINIC_LANGUAGE."""

from __future__ import annotations

from flask import current_app, request, session

from ..config import LANGUAGES


def add_choice_store(app, read, keep) -> None:
    """Let a feature keep the visitor's language choice somewhere besides the session (a
    preferences cookie, set only with consent). ``read()`` returns a language code or None;
    ``keep(response, lang)`` saves a new choice on the response."""
    app.extensions.setdefault("clinic_language_stores", []).append((read, keep))


def _stores():
    return current_app.extensions.get("clinic_language_stores", [])


def remember_choice(response, lang: str) -> None:
    """The visitor chose ``lang``: the session keeps it, and so does every registered store."""
    session["lang"] = lang
    for _read, keep in _stores():
        keep(response, lang)


def chosen_language() -> str | None:
    choice = session.get("lang")
    if choice in LANGUAGES:
        return choice
    for read, _keep in _stores():
        choice = read()
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
