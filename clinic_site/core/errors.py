"""Error pages inside the site's layout, in the visitor's language."""

from __future__ import annotations

import time

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db, limiter

TITLES = {
    400: _l("The request could not be understood"),
    403: _l("You do not have access to this page"),
    404: _l("Page not found"),
    405: _l("This action is not allowed here"),
    409: _l("This could not be done as things stand"),
    413: _l("What you sent is too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong on our side"),
}
MESSAGES = {
    400: _l("Please go back, check what you entered and try again."),
    403: _l("If you are staff, sign in with an account that has access."),
    404: _l("The address may be mistyped, or the page may have been removed."),
    405: _l("Please use the links and buttons on the site."),
    409: _l("Something changed in the meantime. Please reload the page and try again."),
    413: _l("Please send less text or a smaller file."),
    429: _l("For your security, further attempts are paused for a while."),
    500: _l("Nothing you sent was lost because of this error. Please try again in a moment."),
}


def _retry_after_seconds(error) -> int | None:
    retry = getattr(error, "retry_after", None)
    if retry is None:
        current = limiter.current_limit
        if current is not None:
            retry = current.reset_at - time.time()
    return max(1, round(retry)) if retry is not None else None


def render_error(error: HTTPException, message=None):
    code = error.code or 500
    retry_after = _retry_after_seconds(error) if code == 429 else None
    body = render_template(
        "errors/error.html",
        code=code,
        title=TITLES.get(code, error.name),
        message=message or MESSAGES.get(code, ""),
        retry_after=retry_after,
    )
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return body, code, headers


def _csrf_error(error: CSRFError):
    return render_error(
        error,
        _l(
            "The form had expired or was sent from elsewhere. "
            "Reload the page and send it again; nothing was saved."
        ),
    )


def _server_error(error):
    # Whatever the request had half-done is undone, so nothing is left inconsistent.
    db.session.rollback()
    return render_error(error if isinstance(error, HTTPException) else InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    for code in (400, 403, 404, 405, 409, 413, 429):
        app.register_error_handler(code, render_error)
    app.register_error_handler(500, _server_error)
