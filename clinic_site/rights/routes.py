"""The public rights desk: what each right means and a request anyone can file, and the page
that shows its number, the date it will be answered by, and the answer."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _

from ..admin.readiness import collects_personal_data
from ..cache.pages import shared_page
from ..extensions import db, limit_from_config, limiter
from ..policy.services import consent_version
from ..privacy.inventory import consent_notice
from ..settings.queries import get_settings
from . import services
from .forms import RightsForm

bp = Blueprint("rights", __name__, url_prefix="/rights")


@bp.route("", methods=["GET", "POST"])
@collects_personal_data
@limiter.limit(limit_from_config("BOARD_POST_LIMIT"), methods=["POST"])
@shared_page()
def new():
    form = RightsForm()
    if form.validate_on_submit():
        row = services.file(
            form.kind.data, form.details.data, name=form.name.data, mobile=form.mobile.data
        )
        db.session.commit()
        return redirect(url_for("rights.show", token=services.token_for(row)), code=303)
    return render_template(
        "rights/new.html",
        form=form,
        kinds=services.KINDS,
        consent=consent_notice("rights_request", get_settings()),
        version=consent_version(),
    ), (422 if form.errors else 200)


@bp.get("/r/<token>")
def show(token: str):
    """The visitor's request: only the one holding its address (after filing, and in the text
    message) sees it; the address holds no name."""
    row = services.by_token(token)
    if row is None:
        abort(404)
    return render_template("rights/show.html", row=row, kinds=services.KINDS, title=_(
        "Your request No. %(number)d", number=row.id))  # fmt: skip
