"""clinic_site: a clinic's website for private consultations and reservations."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config, security
from .extensions import babel, csrf, db, limiter, login_manager, migrate


def _features(mode: str) -> list:
    """The feature packages of a mode. Each has ``init_app(app)`` registering its blueprints, CLI
    commands and retention rules; a feature not listed has no routes, menu entries or commands."""
    from . import board, consent, core, policy, records, staff

    features = [core, records, staff, policy, consent, board]
    return features


def create_app(test_config: dict | None = None) -> Flask:
    # Tests may point the instance folder elsewhere to see what a first start leaves there.
    instance_path = (test_config or {}).get("INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    config.load(app, test_config)

    if app.config["PROXY_COUNT"]:
        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)

    from .core import i18n

    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations()), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    security.init_app(app)
    app.jinja_env.add_extension("jinja2.ext.do")
    app.extensions["clinic_admin_sections"] = []

    for feature in _features(app.config["CLINIC_MODE"]):
        feature.init_app(app)

    if app.config["SCHEMA_AUTO_UPGRADE"]:
        from .schema import upgrade

        upgrade(app)
    return app


def _migrations():
    from .schema import MIGRATIONS

    return MIGRATIONS
