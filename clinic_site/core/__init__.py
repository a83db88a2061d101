"""Home page, health check, language switch, error pages, paging, Markdown, and what every page's
layout needs."""

from flask import Flask

from ..forms.phones import tel_uri
from ..platform import hooks


def init_app(app: Flask) -> None:
    from . import assets, context, dates, errors, i18n, markdown, routes

    app.register_blueprint(routes.bp)
    hooks.cacheable_endpoints.add(app, "core.favicon")
    errors.init_app(app)
    context.init_app(app)
    dates.init_app(app)
    i18n.install(app)
    assets.init_app(app)
    app.add_template_filter(markdown.render, "markdown")
    app.add_template_filter(markdown.render_lines, "owner_text")
    app.add_template_filter(markdown.md_escape, "md_escape")
    app.add_template_filter(tel_uri, "tel")
