"""/fees: both fee lists as patients look for them, with each line's date of change, an
announced certificate fee beside the current one, and the clinic's note on insurance claims."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..cache.pages import shared_page
from ..pages import services as pages
from . import services
from .notice import notice

bp = Blueprint("fees", __name__)


@bp.get("/fees")
@shared_page()
def index():
    non_covered = services.lines("non_covered")
    return render_template(
        "fees/index.html",
        non_covered=non_covered,
        certificate=services.lines("certificate"),
        updated=services.last_changed(),
        notice=notice(),
        insurance=pages.text("insurance"),
        # Columns no line fills are left out, so a phone shows only what is said.
        has_code=any(line.fee.code for line in non_covered),
        has_materials=any(line.fee.materials for line in non_covered),
    )
