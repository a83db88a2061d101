"""/cookies: what the site stores, and the one form that gives, changes or withdraws consent."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response as ResponseBase

from ..cache.pages import shared_page
from ..extensions import db, limit_from_config, limiter
from ..platform import clock
from ..platform.http import safe_next
from ..privacy.inventory import cookies_for
from ..settings.queries import analytics_origin, get_settings
from . import cookies
from .forms import ConsentForm
from .services import new_consent_id, record_choice

bp = Blueprint("consent", __name__)

CATEGORIES = {
    "necessary": _l("Necessary"),
    "preferences": _l("Preferences"),
    "analytics": _l("Analytics"),
}


def _wants_json() -> bool:
    if request.headers.get("X-Requested-With"):
        return True
    best = request.accept_mimetypes.best_match(("text/html", "application/json"))
    return best == "application/json"


def cookie_rows() -> list[dict]:
    """Every cookie the site may set, from the inventory, plus the analytics service's own."""
    rows = [
        {
            "name": item.name,
            "purpose": item.purpose,
            "category": CATEGORIES.get(item.category, item.category),
            "lifetime": item.lifetime.describe(get_settings()),
        }
        for item in cookies_for(current_app.config["CLINIC_MODE"])
    ]
    origin = analytics_origin(get_settings().analytics_snippet)
    if origin:
        rows.append(
            {
                "name": _("Cookies of %(host)s", host=origin.removeprefix("https://")),
                "purpose": _("Counting visits for the clinic's analytics service"),
                "category": CATEGORIES["analytics"],
                "lifetime": _("Set by that service, and only with your consent"),
            }
        )
    return rows


def _page(form: ConsentForm, status: int = 200):
    return (
        render_template(
            "consent/settings.html",
            form=form,
            rows=cookie_rows(),
            current=cookies.current_consent(),
            analytics_configured=bool(analytics_origin(get_settings().analytics_snippet)),
        ),
        status,
    )


@bp.get("/cookies")
@shared_page(cookies.current_consent)  # the page shows the choice, its date and its id
def settings():
    current = cookies.current_consent()
    form = ConsentForm(
        data={
            "preferences": bool(current and current.preferences),
            "analytics": bool(current and current.analytics),
            "next": url_for("consent.settings"),
        }
    )
    return _page(form)


def _answer(consent: cookies.Consent, next_path: str | None):
    """A redirect for a plain form post, JSON for the script; both carry the new cookies."""
    message = _("Your cookie choice is saved. You can change it at any time in Cookie settings.")
    response: ResponseBase
    if _wants_json():
        configured = bool(analytics_origin(get_settings().analytics_snippet))
        response = jsonify(
            saved=True,
            choice=consent.choice,
            preferences=consent.preferences,
            analytics=consent.analytics,
            revision=consent.revision,
            # Only a fresh page carries the analytics script and the CSP that allows it.
            reload=consent.analytics and configured,
            message=message,
        )
    else:
        flash(message, "success")
        response = redirect(safe_next(next_path, url_for("pages.home")), code=303)
    cookies.write_consent(response, consent)
    if consent.preferences:
        cookies.remember_language(response, session.get("lang", ""))
    else:
        cookies.forget_language(response)
    return response


@bp.post("/cookies")
@limiter.limit(limit_from_config("CONSENT_LIMIT"))
def choose():
    form = ConsentForm()
    if not form.validate():
        if _wants_json():
            return jsonify(saved=False, error=_("Choose one of the buttons.")), 400
        return _page(form, 400)
    choice = form.choice.data
    previous = cookies.stored_consent()
    consent = cookies.Consent(
        preferences=choice == "all" or (choice == "custom" and bool(form.preferences.data)),
        analytics=choice == "all" or (choice == "custom" and bool(form.analytics.data)),
        revision=get_settings().cookie_revision,
        on=clock.today(),
        # The same browser keeps its id, so a change of mind is a new record under the same id.
        consent_id=previous.consent_id if previous else new_consent_id(),
    )
    record_choice(
        consent.consent_id, choice, consent.preferences, consent.analytics, consent.revision
    )
    db.session.commit()
    return _answer(consent, form.next.data)
