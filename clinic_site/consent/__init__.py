"""Cookie consent: the banner, /cookies, the consent record, and cookies that follow the choice."""

from __future__ import annotations

from flask import Flask, g, has_request_context

from ..core.i18n import add_choice_store
from ..pagecache import add_vary
from ..security import allow
from ..settings.services import analytics_origin, get_settings


def analytics_script() -> str | None:
    """The analytics script address for this page, if the owner configured one and the visitor
    allowed analytics for the current revision. Only then is the CSP widened, for this response."""
    from .cookies import analytics_allowed

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


def _choice() -> tuple[bool, bool] | None:
    """What of the cookie choice a page shows: the banner (no choice yet) and the analytics
    script. Visitors who chose alike are shown the same page."""
    from .cookies import current_consent

    consent = current_consent()
    return None if consent is None else (consent.preferences, consent.analytics)


def init_app(app: Flask) -> None:
    from . import cookies, routes

    app.register_blueprint(routes.bp)
    app.context_processor(consent_context)
    app.after_request(cookies.drop_unconsented_language)
    add_vary(app, _choice)
    add_choice_store(app, cookies.remembered_language, cookies.remember_language)
