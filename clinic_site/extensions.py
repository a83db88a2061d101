"""Extensions, created unbound here and attached to each app in ``create_app``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from .platform.database import Base
from .platform.limit_keys import address

db = SQLAlchemy(model_class=Base)
# Models subclass ``Model``: at run time Flask-SQLAlchemy's ``db.Model`` (built on ``Base``), and
# for the type checker ``Base`` itself, which it can see through.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
# Limits count per address by default, under a keyed hash of the address (platform/limit_keys.py).
limiter = Limiter(key_func=address, default_limits=[])


def limit_from_config(key: str):
    """A rate limit read from the app's configuration when the request comes, so tests and
    instance/config.py can set it: ``@limiter.limit(limit_from_config("STAFF_LOGIN_LIMIT"))``."""
    from flask import current_app

    return lambda: current_app.config[key]


def limits_state(app) -> str:
    """Where rate limits are counted right now, for /healthz and the start-up log: "shared"
    (a storage every worker sees), "this worker only" (memory://), or "fallback" (the shared
    storage is unreachable and each worker counts in memory until it is back)."""
    if str(app.config["RATELIMIT_STORAGE_URI"]).startswith("memory://"):
        return "this worker only"
    try:
        reachable = limiter.storage.check()
    except Exception:  # any storage error means the same thing here: not reachable
        reachable = False
    return "shared" if reachable else "fallback"
