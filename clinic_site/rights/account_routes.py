"""A member's rights from their account (members mode): the same requests, without a name or a
mobile number, since signing in with their password says who they are; their requests with
the answers."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..accounts.access import member_required, the_member
from ..admin.readiness import collects_personal_data
from ..extensions import db, limit_from_config, limiter
from . import queries, services
from .forms import MemberRightsForm

bp = Blueprint("rights_account", __name__, url_prefix="/account/rights")


@bp.route("", methods=["GET", "POST"])
@member_required
@collects_personal_data
@limiter.limit(limit_from_config("BOARD_POST_LIMIT"), methods=["POST"])
def index():
    member = the_member()
    form = MemberRightsForm()
    if form.validate_on_submit():
        row = services.file(form.kind.data, form.details.data, member=member)
        db.session.commit()
        flash(
            _("Your request No. %(number)d is filed. The clinic answers by %(day)s.",
              number=row.id, day=row.due_on.isoformat()),
            "success",
        )  # fmt: skip
        return redirect(url_for("rights_account.index", _anchor=f"request-{row.id}"), code=303)
    return render_template(
        "rights/account.html",
        form=form,
        kinds=services.KINDS,
        requests=queries.of_member(member.id),
    ), (422 if form.errors else 200)
