from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..config import LANGUAGES
from ..extensions import csrf, db, limiter, limits_state
from ..platform.http import safe_next
from . import i18n

bp = Blueprint("core", __name__)


@bp.get("/favicon.ico")
def favicon():
    # Browsers ask for /favicon.ico whatever the page says; answer with the site's icon.
    return redirect(url_for("static", filename="img/favicon.svg"), code=301)


@bp.get("/healthz")
@limiter.exempt
def healthz():
    limits = limits_state(current_app)
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="error", rate_limits=limits), 503
    # Limits counted per worker while Redis is away still protect, but less: the site keeps
    # serving ("ok") and says where limits are counted, for the monitor to raise "fallback".
    return jsonify(status="ok", database="ok", rate_limits=limits)


@bp.post("/language")
def language():
    """Switch the page language. A plain form, so it works without JavaScript."""
    lang = request.form.get("lang")
    response = redirect(safe_next(request.form.get("next")), code=303)
    if lang in LANGUAGES:
        i18n.remember_choice(response, lang)
    return response


# The health check is read by monitors that hold no session and no form.
csrf.exempt(healthz)
