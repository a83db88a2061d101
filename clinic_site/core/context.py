"""What every page's layout needs, given to templates so they never query or import features."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ..admin.readiness import ready
from ..config import LANGUAGES
from ..platform import clock
from ..settings.queries import get_settings
from .navigation import has, main_menu

# What the header and the title say before the owner has named the clinic: no made-up name.
UNNAMED = _l("Clinic website")

LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


def layout_context() -> dict:
    lang = str(get_locale())
    clinic = get_settings().localized(lang)
    return {
        # The clinic's details in the page's language (the English ones where written).
        "clinic": clinic,
        "site_name": clinic.clinic_name or UNNAMED,
        # Whether forms that collect personal data are open (core/readiness.py).
        "taking_requests": ready,
        "main_menu": main_menu(),
        "has_page": has,
        "mode": current_app.config["CLINIC_MODE"],
        "lang": lang,
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "here": request.full_path.rstrip("?") if request else "/",
        "today": clock.today(),
    }


def init_app(app: Flask) -> None:
    app.context_processor(layout_context)
