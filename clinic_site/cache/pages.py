"""Whole pages kept for visitors who would all be shown the same page.

A patient reading the fees, the policy or the board's list sees what every other visitor in the
same language and with the same cookie choice sees, except two values made for each request: the
CSRF token in the page's forms and the time stamp of a public form (``antispam``). A view marked
``@shared_page()`` is rendered once per (address, language, visitor's choices, site revision,
clinic date), kept in this process, and served again with those two values renewed. The site's
revision (``revision.py``) rises with every change to what pages show, so a kept page is never
older than the data, in any worker; ``PAGE_CACHE_SECONDS`` bounds anything else (0 switches
keeping off).

Nobody signed in, nobody with something of their own in the session (an opened inquiry, a message
to show once) and no request that changed data is ever served or stored a shared page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from cachelib import SimpleCache
from flask import current_app, g, request, session
from flask.globals import request_ctx
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..extensions import db
from ..forms import antispam
from ..platform import clock, hooks
from ..platform.hooks import app_state
from ..platform.http import allow, widened
from . import revision

# What an anonymous visitor's session holds: the CSRF secret, the language picked on the page, and
# Flask-Login's note that nobody signed in freshly (session protection writes it).
PLAIN_SESSION = frozenset({"csrf_token", "lang", "_fresh", "_permanent"})


@dataclass(frozen=True)
class Hole:
    """A value made for each request inside an otherwise shared page."""

    used: Callable[[], str | None]  # the value this request's page holds, if it made one
    fresh: Callable[[], str]  # a new value, for a page served from the kept copy


HOLES = (
    Hole(lambda: g.get(current_app.config["WTF_CSRF_FIELD_NAME"]), generate_csrf),
    Hole(antispam.stamp_made, antispam.new_stamp),
)


def _mark(number: int) -> str:
    # A NUL never occurs in a rendered page (requests carrying one are refused), so a mark
    # cannot collide with text.
    return f"\x00hole{number}\x00"


def _store() -> SimpleCache:
    """This worker's kept pages."""
    return app_state(
        "pages",
        lambda: SimpleCache(
            threshold=current_app.config["PAGE_CACHE_ENTRIES"],
            default_timeout=current_app.config["PAGE_CACHE_SECONDS"],
        ),
    )


def _plain() -> bool:
    return set(session.keys()) <= PLAIN_SESSION and not current_user.is_authenticated


def _key(extra: tuple[Callable[[], object], ...]) -> str | None:
    if not current_app.config["PAGE_CACHE_SECONDS"] or request.method not in ("GET", "HEAD"):
        return None
    if not _plain() or db.session.info.get(revision.CHANGED):
        return None
    number = revision.current()
    if number < 0:
        return None
    parts = [part() for part in hooks.page_varies]
    parts += [part() for part in extra]
    return repr((request.full_path, str(get_locale()), number, clock.today(), parts))


def _punch(body: str) -> str:
    for number, hole in enumerate(HOLES):
        value = hole.used()
        if value:
            body = body.replace(value, _mark(number))
    return body


def _fill(body: str) -> str:
    for number, hole in enumerate(HOLES):
        if _mark(number) in body:
            body = body.replace(_mark(number), hole.fresh())
    return body


def shared_page(*extra: Callable[[], object]):
    """Decorate a view whose page is the same for every plain visitor; ``extra`` are what else it
    depends on (whether the clinic is open now, on the home page)."""

    def decorate(view):
        @wraps(view)
        def serve(*args, **kwargs):
            key = _key(extra)
            if key is None:
                return view(*args, **kwargs)
            kept = _store().get(key)
            if kept is not None:
                body, sources_added = kept
                for directive, sources in sources_added.items():
                    for source in sources:
                        allow(directive, source)
                return _fill(body)
            result = view(*args, **kwargs)
            # Only a page rendered whole for this plain visitor is kept: not a redirect or an
            # error, not one that showed a message meant for them alone.
            page = result[0] if isinstance(result, tuple) and result[1:] == (200,) else result
            if isinstance(page, str) and _plain() and not request_ctx.flashes:
                _store().set(key, (_punch(page), dict(widened())))
            return result

        return serve

    return decorate
