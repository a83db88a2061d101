"""What every page shows of the visitor's cookie choice: the banner until they chose, and the
analytics script only with their consent."""

from __future__ import annotations

from flask import g, has_request_context

from ..platform.http import allow
from ..settings.queries import analytics_origin, get_settings
from .cookies import analytics_allowed, current_consent


def analytics_script() -> str | None:
    """The analytics script address for this page, if the owner configured one and the visitor
    allowed analytics for the current revision. Only then is the CSP widened, for this response."""
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
    if not has_request_context():
        return {}
    return {"consent_banner": current_consent() is None, "analytics_script": analytics_script}


def page_varies_by() -> tuple[bool, bool] | None:
    """What of the cookie choice a page shows: the banner (no choice yet) and the analytics
    script. Visitors who chose alike are shown the same page."""
    consent = current_consent()
    return None if consent is None else (consent.preferences, consent.analytics)
