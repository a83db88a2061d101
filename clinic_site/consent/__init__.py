"""Cookie consent: the banner, /cookies, the consent record, and cookies that follow the choice."""

from __future__ import annotations

from flask import Flask, g, has_request_context
from flask_babel import lazy_gettext as _l

from ..core.i18n import add_choice_store
from ..core.settings import get_settings
from ..records import retention
from ..security import allow
from .models import ConsentRecord


def analytics_script() -> str | None:
    """The analytics script address for this page, if the owner configured one and the visitor
    allowed analytics for the current revision. Only then is the CSP widened, for this response."""
    from .cookies import analytics_allowed
    from .services import analytics_origin

    if not analytics_allowed():
        return None
    url = get_settings().analytics_snippet
    origin = analytics_origin(url)
    if origin is None:
        return None
    if not g.get("consent_csp_widened"):
        allow("script-src", origin)
        allow("connect-src", origin)
        g.consent_csp_widened = True
    return url


def consent_context() -> dict:
    from .cookies import current_consent

    if not has_request_context():
        return {}
    return {"consent_banner": current_consent() is None, "analytics_script": analytics_script}


def init_app(app: Flask) -> None:
    from ..staff import add_section
    from . import admin_routes, cookies, routes, services

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    add_section(app, "consent_admin.index", _l("Cookie consent record"), owner_only=True)
    app.context_processor(consent_context)
    app.after_request(cookies.drop_unconsented_language)
    add_choice_store(app, cookies.remembered_language, cookies.remember_language)
    retention.register(
        app,
        retention.Rule(
            "consent_record",
            "consent record: 3 years",
            retention.older_than(ConsentRecord, services.CONSENT_RECORD_DAYS),
        ),
    )
