"""/terms: the terms of use members agree to by joining. The owner writes them among the clinic's
texts; until then the site shows its own, written for a clinic site with membership, online
booking and a consultation board."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import force_locale, get_locale

from ..cache.pages import shared_page
from ..pages.services import text

bp = Blueprint("terms", __name__)


@bp.get("/terms")
@shared_page()
def show():
    lang = str(get_locale())
    own = text("terms")
    body = own.body(lang) if own else ""
    if not body:
        with force_locale(lang):
            body = render_template(f"accounts/terms_{'en' if lang == 'en' else 'ko'}.md")
    return render_template("accounts/terms.html", body=body)
