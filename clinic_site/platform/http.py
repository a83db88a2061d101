"""What every request and response passes through: text no person could have typed is refused,
ids in paths are bounded, the session cookie is named and marked for HTTPS, redirects stay on this
site, and every response carries the security headers (a strict CSP; no-store for pages)."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes, urlsplit

from flask import Flask, abort, g, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.routing import IntegerConverter

from . import hooks

# Directives of the Content-Security-Policy. No inline script or style anywhere: every script and
# style is a file under /static. A feature may widen one directive for one response (``allow``).
_CSP_BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    # Nothing here is meant to be embedded by another site: not a page, not an image.
    "Cross-Origin-Resource-Policy": "same-origin",
}


def safe_next(target: str | None, default: str = "/") -> str:
    """``target`` if it is a path on this site, else ``default``: never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return default
    return target


def allow(directive: str, source: str) -> None:
    """Widen one CSP directive for this response only (e.g. an analytics host, after consent)."""
    extra = g.setdefault("csp_extra", {})
    extra.setdefault(directive, []).append(source)


def widened() -> dict[str, list[str]]:
    """What ``allow`` added for this response, by directive."""
    return g.get("csp_extra", {})


def content_security_policy() -> str:
    extra = widened()
    parts = []
    for directive, sources in _CSP_BASE.items():
        parts.append(" ".join([directive, *sources, *extra.get(directive, [])]))
    return "; ".join(parts)


def set_headers(response):
    response.headers["Content-Security-Policy"] = content_security_policy()
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static" and request.endpoint not in hooks.cacheable_endpoints:
        # Pages may show health information or contact details: no browser or proxy keeps a copy
        # once the visitor has left (back button, shared computer, a proxy's cache).
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response


def _utf8(raw: bytes) -> bool:
    """Whether percent-encoded ``a=b&c=d`` bytes decode to UTF-8 text."""
    try:
        for part in raw.split(b"&"):
            unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def refuse_unreadable_text():
    """Refuse with 400, before any form sees it, text no person could have typed: a NUL byte
    (PostgreSQL cannot even store one) or bytes that are not UTF-8. Werkzeug would keep those
    bytes percent-encoded ("%FF") in a form value or decode them to U+FFFD in a file-upload form,
    and either would be stored as if the visitor had written it."""
    raw = [request.query_string, request.environ.get("PATH_INFO", "").encode("latin-1")]
    if request.mimetype == "application/x-www-form-urlencoded":
        raw.append(request.get_data(cache=True))
    if not all(_utf8(part) for part in raw):
        abort(400)
    values = [request.path]
    for multidict in (request.args, request.form):
        for name, given in multidict.lists():
            values += [name, *given]
    if any("\x00" in value or "\ufffd" in value for value in values):
        abort(400)


class BoundedIntConverter(IntegerConverter):
    """``<int:id>`` in every route: numbers beyond what the database's integer holds are a 404,
    not an overflow error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is marked Secure whenever the request came over HTTPS, and then named
    with the ``__Host-`` prefix: browsers accept such a cookie only from this very host, over
    HTTPS, for the whole site, so no other subdomain or plain-HTTP page can plant or replace it."""

    def get_cookie_name(self, app: Flask) -> str:
        name = app.config["SESSION_COOKIE_NAME"]
        return f"__Host-{name}" if request.is_secure else name

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def init_app(app: Flask) -> None:
    """Before any blueprint is registered: the converter applies to the rules added after it."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.session_interface = SessionInterface()
    # First of all before-request functions: it reads the raw form body, which is gone once
    # anything (Flask-WTF's CSRF check) has parsed the form.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_unreadable_text)
    app.after_request(set_headers)
