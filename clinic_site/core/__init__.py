"""Home page, health check, language switch, error pages, clinic settings and the page layout."""

from flask import Flask


def init_app(app: Flask) -> None:
    from . import context, errors, routes

    app.register_blueprint(routes.bp)
    errors.init_app(app)
    context.init_app(app)
