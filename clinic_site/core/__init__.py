"""Home page, health check, language switch, error pages, paging, and what every page's layout
needs."""

from flask import Flask


def init_app(app: Flask) -> None:
    from ..security import cacheable
    from . import assets, context, dates, errors, i18n, routes

    app.register_blueprint(routes.bp)
    cacheable(app, "core.favicon")
    errors.init_app(app)
    context.init_app(app)
    dates.init_app(app)
    i18n.install(app)
    assets.init_app(app)
