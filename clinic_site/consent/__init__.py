"""Cookie consent: the banner, /cookies, the consent record, and cookies that follow the choice."""

from __future__ import annotations

from flask import Flask

from ..platform import hooks
from ..platform.hooks import LanguageStore


def init_app(app: Flask) -> None:
    from . import context, cookies, routes

    app.register_blueprint(routes.bp)
    app.context_processor(context.consent_context)
    app.after_request(cookies.drop_unconsented_language)
    hooks.page_varies.add(app, context.page_varies_by)
    hooks.language_stores.add(
        app, LanguageStore(cookies.remembered_language, cookies.remember_language)
    )
