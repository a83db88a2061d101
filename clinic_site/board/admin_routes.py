"""The staff's side of the board under /admin/consultations: find, read, answer, destroy."""

from __future__ import annotations

import re

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import require_staff
from ..extensions import db
from ..platform.hooks import Note
from ..platform.params import page_number
from ..privacy.masking import mask_name
from . import queries, services
from .forms import DestroyForm, ReplyForm
from .models import ConsultationPost

bp = Blueprint("board_admin", __name__, url_prefix="/admin/consultations")
bp.before_request(require_staff)

STATUSES = ("waiting", "answered")
_NUMBER = re.compile(r"[0-9]{1,9}")


@bp.get("")
def index():
    status = request.args.get("status")
    status = status if status in STATUSES else None
    raw_number = (request.args.get("number") or "").strip().lstrip("#")
    number = int(raw_number) if _NUMBER.fullmatch(raw_number) else None
    page = queries.list_page(page_number(), status, number)
    if page is None:
        abort(404)
    return render_template(
        "board/admin_list.html",
        page=page,
        status=status,
        number=raw_number,
        mask=mask_name,
    )


def _ip() -> str:
    return request.remote_addr or ""


def _post(id: int) -> ConsultationPost:
    """The inquiry, read for this member of staff: every reading is in the access record."""
    post = queries.post_for_staff(id, current_user, _ip())
    if post is None:
        abort(404)
    db.session.commit()
    return post


def _render_post(post, reply_form=None, destroy_form=None, status=200):
    """The inquiry with the author's name, contact and question (read through ``_post``, so
    every showing, a form sent back with an error included, is in the access record)."""
    return render_template(
        "board/admin_show.html",
        post=post,
        reply_form=reply_form or ReplyForm(formdata=None),
        destroy_form=destroy_form or DestroyForm(formdata=None),
    ), status


@bp.get("/<int:id>")
def show(id: int):
    return _render_post(_post(id))


@bp.post("/<int:id>/reply")
def reply(id: int):
    form = ReplyForm()
    if not form.validate():
        return _render_post(_post(id), reply_form=form, status=422)
    post = db.get_or_404(ConsultationPost, id)
    services.add_reply(post, current_user, form.body.data, _ip())
    db.session.commit()
    flash(_("Your reply has been posted. The author sees it with the password."), "success")
    return redirect(url_for("board_admin.show", id=post.id), code=303)


@bp.post("/<int:id>/destroy")
def destroy(id: int):
    form = DestroyForm()
    if not form.validate():
        return _render_post(_post(id), destroy_form=form, status=422)
    services.destroy_on_request(
        db.get_or_404(ConsultationPost, id), current_user, form.reason.data, _ip()
    )
    db.session.commit()
    flash(_("Inquiry %(number)d has been destroyed.", number=id), "success")
    return redirect(url_for("board_admin.index"), code=303)


def waiting_note() -> Note:
    """Work on the dashboard: inquiries nobody has answered yet."""
    return Note(
        _l("inquiries waiting for an answer"),
        "board_admin.index",
        _l("Answer them"),
        count=queries.waiting_count(),
        args={"status": "waiting"},
    )
