"""Staff answer rights requests: the list by due date, one request (reading it is recorded), the
answer, and one extension with a reason."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import require_staff
from ..extensions import db
from ..platform import clock
from ..platform.hooks import Note
from . import notices, queries, services
from .forms import AnswerForm, ExtendForm
from .models import RightsRequest
from .refusals import RightsRefused

bp = Blueprint("rights_admin", __name__, url_prefix="/admin/rights")
bp.before_request(require_staff)


def _ip() -> str:
    return request.remote_addr or ""


@bp.get("")
def index():
    return render_template(
        "rights/admin_list.html",
        rows=queries.for_staff(),
        kinds=services.KINDS,
        today=clock.today(),
    )


def _show(id: int, form=None, extend_form=None, status: int = 200):
    row = queries.one_for_staff(id, current_user, _ip())
    if row is None:
        abort(404)
    db.session.commit()
    return render_template(
        "rights/admin_show.html",
        row=row,
        kinds=services.KINDS,
        checks=services.CHECKS,
        today=clock.today(),
        form=form or AnswerForm(formdata=None),
        extend_form=extend_form or ExtendForm(formdata=None),
    ), status


@bp.get("/<int:id>")
def show(id: int):
    return _show(id)


def _refused(id: int, refused: RightsRefused):
    db.session.rollback()
    flash(refused.message, "error")
    return redirect(url_for("rights_admin.show", id=id), code=303)


@bp.post("/<int:id>/answer")
def answer(id: int):
    row = db.get_or_404(RightsRequest, id)
    form = AnswerForm()
    if not form.validate():
        return _show(id, form=form, status=422)
    try:
        services.answer(row, form.body.data, current_user, form.identity.data, _ip())
    except RightsRefused as refused:
        return _refused(id, refused)
    notices.tell_requester(row, "rights_answered")
    db.session.commit()
    flash(_("The answer is saved; the requester can read it."), "success")
    return redirect(url_for("rights_admin.index"), code=303)


@bp.post("/<int:id>/extend")
def extend(id: int):
    row = db.get_or_404(RightsRequest, id)
    form = ExtendForm()
    if not form.validate():
        return _show(id, extend_form=form, status=422)
    try:
        services.extend(row, form.reason.data, current_user, _ip())
    except RightsRefused as refused:
        return _refused(id, refused)
    notices.tell_requester(row, "rights_extended")
    db.session.commit()
    flash(_("The date is moved; the requester reads why."), "success")
    return redirect(url_for("rights_admin.show", id=id), code=303)


def due_note() -> Note | None:
    """Work on the dashboard: rights requests past their date or due within three days."""
    due = queries.due()
    if due.overdue:
        return Note(_l("rights requests past their answer date"), "rights_admin.index",
                    _l("Answer them"), level="warning", count=due.overdue)  # fmt: skip
    if due.soon:
        return Note(_l("rights requests due within three days"), "rights_admin.index",
                    _l("Answer them"), count=due.soon)  # fmt: skip
    return None
