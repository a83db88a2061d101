"""/admin/reservations/blocks: the front desk blocks a doctor's time or the clinic's, sees what is
blocked ahead and the visits inside each block (with the patients' names and numbers, to call
them: a reading in the access record), and gives time back."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from ...admin.gate import require_staff
from ...clinic import services as clinic
from ...extensions import db
from ...platform import clock
from ..desk.queries import visits_for_staff
from ..refusals import BookingRefused
from . import queries, services
from .forms import BlockForm
from .models import Block

bp = Blueprint("blocks_admin", __name__, url_prefix="/admin/reservations/blocks")
bp.before_request(require_staff)


def _page(form: BlockForm, status: int = 200):
    doctors = clinic.doctors(active_only=False)
    lang = str(get_locale())
    form.doctor.choices = [SelectChoice("all", _("The whole clinic"))] + [
        SelectChoice(str(d.id), d.name(lang)) for d in doctors
    ]
    blocks = queries.upcoming()
    inside = queries.visits_inside(blocks)
    named = visits_for_staff(
        [r for rows in inside.values() for r in rows],
        "blocks",
        current_user,
        request.remote_addr or "",
    )
    db.session.commit()  # the access-record entry for the names shown
    by_id = {visit.reservation.id: visit for visit in named}
    return render_template(
        "reservations/blocks.html",
        form=form,
        blocks=blocks,
        inside={block: [by_id[r.id] for r in rows] for block, rows in inside.items()},
        doctors={d.id: d.name(lang) for d in doctors},
    ), status


@bp.route("", methods=["GET", "POST"])
def index():
    form = BlockForm()
    if form.validate_on_submit():
        doctors = {str(d.id): d.id for d in clinic.doctors(active_only=False)}
        choice = form.doctor.data
        if choice != "all" and choice not in doctors:
            form.doctor.errors = [*form.doctor.errors, _("Choose one of the doctors in the list.")]
            return _page(form, 422)
        zone = clock.zone()
        try:
            block = services.add(
                doctors.get(choice),
                form.start.data.replace(tzinfo=zone),
                form.end.data.replace(tzinfo=zone),
                form.reason.data,
                current_user,
            )
        except BookingRefused as refused:
            db.session.rollback()
            return _page(form, form.refused(refused, "start"))
        db.session.commit()
        waiting = len(queries.visits_inside([block])[block.id])
        if waiting:
            flash(_("The time is blocked. %(n)d visits inside it still need to be moved: they are "
                    "listed below.", n=waiting), "error")  # fmt: skip
        else:
            flash(_("The time is blocked: online booking no longer offers it."), "success")
        return redirect(url_for("blocks_admin.index"), code=303)
    return _page(form, 422 if form.errors else 200)


@bp.post("/<int:id>/delete")
def delete(id: int):
    # Its CSRF token was checked before the view, as for every POST.
    services.remove(db.get_or_404(Block, id))
    db.session.commit()
    flash(_("The time is open again."), "success")
    return redirect(url_for("blocks_admin.index"), code=303)
