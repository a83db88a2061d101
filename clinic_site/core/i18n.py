"""Which language a page is in: the visitor's choice, then Accept-Language, then CLINIC_LANGUAGE."""

from __future__ import annotations

import flask_babel
from flask import current_app, g, request, session

from ..config import LANGUAGES
from ..platform import hooks


def remember_choice(response, lang: str) -> None:
    """The visitor chose ``lang``: the session keeps it, and so does every registered store."""
    session["lang"] = lang
    for store in hooks.language_stores:
        store.keep(response, lang)


def chosen_language() -> str | None:
    choice = session.get("lang")
    if choice in LANGUAGES:
        return choice
    for store in hooks.language_stores:
        choice = store.read()
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


def translations():
    """The catalog of the page's language, looked up once per language per request.

    Flask-Babel finds it again on every call (the context, the locale, its cache), which costs
    more than the translation itself: a list page asks for about 170 strings. The catalog is kept
    on Flask-Babel's own per-request context beside the locale it belongs to, so ``force_locale``
    (mail, the generated policy) still gets its own language."""
    ctx = g.get("_flask_babel")
    locale = getattr(ctx, "babel_locale", None) if ctx is not None else None
    memo = getattr(ctx, "clinic_catalog", None) if ctx is not None else None
    if memo is not None and locale is not None and memo[0] is locale:
        return memo[1]
    catalog = flask_babel.get_translations()
    ctx = g.get("_flask_babel")  # made by the call above, when it was not there yet
    if ctx is not None and getattr(ctx, "babel_locale", None) is not None:
        ctx.clinic_catalog = (ctx.babel_locale, catalog)
    return catalog


def locale():
    """The page's language as a Babel ``Locale``, from Flask-Babel's per-request context."""
    ctx = g.get("_flask_babel")
    current = getattr(ctx, "babel_locale", None) if ctx is not None else None
    return current if current is not None else flask_babel.get_locale()


def _gettext(message: str) -> str:
    return translations().ugettext(message)


def _ngettext(singular: str, plural: str, number: int) -> str:
    return translations().ungettext(singular, plural, number)


def install(app) -> None:
    """Templates translate through the per-request catalog (Jinja's new-style gettext keeps its
    own escaping and ``%(name)s`` formatting)."""
    app.jinja_env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
