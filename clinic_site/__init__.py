"""clinic_site: a clinic's website for private consultations and reservations."""

from __future__ import annotations

import fcntl
import logging
import os
import sys
from pathlib import Path

from flask import Flask
from flask.logging import default_handler

from . import config
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .platform import hooks, http
from .platform.proxies import TrustedProxyFix


def _features(mode: str) -> list:
    """The packages of a mode, in the order they start. Each has ``init_app(app)`` registering its
    blueprints, CLI commands, retention rules and admin sections; a package not listed has no
    routes, menu entries or commands. The shell (core, admin, settings, records) comes first:
    features register with it."""
    from . import (
        accounts,
        admin,
        board,
        clinic,
        consent,
        core,
        fees,
        messages,
        pages,
        policy,
        privacy_desk,
        records,
        reservations,
        rights,
        settings,
        staff,
    )

    shell = [core, admin, settings, records]
    both = [staff, clinic, pages, fees, policy, consent, messages, board, rights, privacy_desk]
    members = [accounts, reservations]
    return shell + both + (members if mode == "members" else [])


def _models() -> None:
    """Every package's tables, in every mode: the schema is the same whatever the mode, so a clinic
    can switch modes on the same database, and the migrations always match the models."""
    from .accounts import models as _accounts  # noqa: F401
    from .board import models as _board  # noqa: F401
    from .cache import revision as _revision  # noqa: F401
    from .clinic import models as _clinic  # noqa: F401
    from .fees import models as _fees  # noqa: F401
    from .messages import models as _messages  # noqa: F401
    from .pages import models as _pages  # noqa: F401
    from .policy import models as _policy  # noqa: F401
    from .records import models as _records  # noqa: F401
    from .reservations import models as _reservations  # noqa: F401
    from .reservations.blocks import models as _blocks  # noqa: F401
    from .reservations.requests import models as _requests  # noqa: F401
    from .reservations.setup import models as _setup  # noqa: F401
    from .reservations.waitlist import models as _waitlist  # noqa: F401
    from .rights import models as _rights  # noqa: F401
    from .settings import models as _settings  # noqa: F401
    from .staff import models as _staff  # noqa: F401
    from .staff.access import models as _staff_access  # noqa: F401


def create_app(test_config: dict | None = None) -> Flask:
    # Tests may point the instance folder elsewhere to see what a first start leaves there.
    instance_path = (test_config or {}).get("INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    config.load(app, test_config)

    if app.config["PROXY_COUNT"]:
        # Flask's documented way to wrap the WSGI app, which the type checker reads as a method.
        app.wsgi_app = TrustedProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, app.config["PROXY_COUNT"], tuple(app.config["TRUSTED_PROXIES"])
        )

    from .core import i18n

    db.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations()), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    # Flask-Limiter reports when its storage (Redis) becomes unreachable and when it is back, but
    # to a logger that only has a NullHandler: send that where the app's own messages go.
    limiter.logger.setLevel(logging.INFO)
    if default_handler not in limiter.logger.handlers:
        limiter.logger.addHandler(default_handler)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    http.init_app(app)
    app.jinja_env.add_extension("jinja2.ext.do")

    _models()
    for feature in _features(app.config["CLINIC_MODE"]):
        feature.init_app(app)

    if app.config["SCHEMA_AUTO_UPGRADE"]:
        from .platform.schema import upgrade

        upgrade(app)
    address = _flask_run_address() or _first_gunicorn_worker(app)
    if not app.testing and address:
        print_start_hints(app, address)
    return app


def print_start_hints(app: Flask, address: str) -> None:
    """Tell whoever started the site at ``address`` what to do next."""
    for hint in hooks.start_hints.items(app):
        with app.app_context():
            message = hint(address)
        if message:
            print(message, file=sys.stderr)


def _flask_run_address() -> str | None:
    """The address ``flask run`` serves at, in the process that serves (with the reloader, the
    child it starts); None for any other process: a command, a test, a gunicorn worker."""
    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    if program not in ("flask", "__main__.py") or "run" not in sys.argv[1:]:
        return None
    if os.environ.get("FLASK_RUN_FROM_CLI") and os.environ.get("WERKZEUG_RUN_MAIN") is None:
        reloading = "--reload" in sys.argv or (
            os.environ.get("FLASK_DEBUG", "").lower() in ("1", "true")
            and "--no-reload" not in sys.argv
        )
        if reloading:
            return None  # the reloader's watcher: the child it starts serves, and says it
    host = _option(("--host", "-h"), os.environ.get("FLASK_RUN_HOST", "127.0.0.1"))
    port = _option(("--port", "-p"), os.environ.get("FLASK_RUN_PORT", "5000"))
    return f"http://{host}:{port}"


def _first_gunicorn_worker(app: Flask) -> str | None:
    """Under gunicorn, the address it listens on (gunicorn.conf.py passes it on), for the first
    worker of this start only: the master's pid, noted in the instance folder under a lock,
    tells the later workers (and a worker that restarts) that the hints were given."""
    where = os.environ.get("CLINIC_SERVED_AT")
    if not where or "gunicorn.arbiter" not in sys.modules:
        return None
    master = str(os.getppid())
    note = Path(app.instance_path) / ".started-by"
    note.parent.mkdir(parents=True, exist_ok=True)
    with open(note, "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        if fh.read().strip() == master:
            return None
        fh.seek(0)
        fh.truncate()
        fh.write(master)
    return where


def _option(names: tuple[str, ...], default: str) -> str:
    args = sys.argv[1:]
    for number, arg in enumerate(args):
        for name in names:
            if arg == name and number + 1 < len(args):
                return args[number + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return default


def _migrations():
    from .platform.schema import MIGRATIONS

    return MIGRATIONS
