"""The staff's side of membership under /admin/members: find a member, read their details (each
showing written to the access record), confirm a child's legal representative, hold and release,
destroy on a request received by phone, letter or email; and the owner's clinic news."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import owner_required, require_staff
from ..extensions import db
from ..platform.hooks import Note
from ..platform.mail import configured as mail_configured
from ..platform.params import page_number
from . import erasure, management, news, queries
from .forms import ActionForm, CorrectForm, DestroyForm, HoldForm, NewsForm, hold_labels
from .models import Member, NewsMessage
from .refusals import AccountRefused

bp = Blueprint("members_admin", __name__, url_prefix="/admin/members")
bp.before_request(require_staff)


def _ip() -> str:
    return request.remote_addr or ""


@bp.get("")
def index():
    status = request.args.get("status")
    status = status if status in queries.STATUSES else None
    query = (request.args.get("q") or "").strip()[:50]
    page = queries.find(query, status, page_number(), current_user, _ip())
    db.session.commit()
    return render_template("accounts/admin_list.html", page=page, status=status, query=query)


def _member(id: int) -> Member:
    """The member's record, read for this member of staff (so noted in the access record)."""
    member = queries.member_for_staff(id, current_user, _ip())
    if member is None:
        abort(404)
    db.session.commit()
    return member


def _show(member: Member, hold_form=None, destroy_form=None, correct_form=None, status=200):
    """The member's details, read through ``_member``: every showing, a form sent back with an
    error included, is in the access record."""
    return render_template(
        "accounts/admin_show.html",
        member=member,
        action_form=ActionForm(formdata=None),
        hold_form=hold_form or HoldForm(formdata=None).for_member(member),
        destroy_form=destroy_form or DestroyForm(formdata=None),
        correct_form=correct_form or CorrectForm(formdata=None, obj=member).for_member(member),
        hold_labels=hold_labels(member),
    ), status


@bp.get("/<int:id>")
def show(id: int):
    return _show(_member(id))


def _done(member: Member, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("members_admin.show", id=member.id), code=303)


@bp.post("/<int:id>/confirm")
def confirm(id: int):
    member = db.get_or_404(Member, id)
    if not ActionForm().validate():
        abort(400)
    try:
        management.confirm_guardian(member, current_user, _ip())
    except AccountRefused:
        abort(409)
    return _done(member, _("The legal representative's consent is confirmed."))


@bp.post("/<int:id>/hold")
def hold(id: int):
    member = db.get_or_404(Member, id)
    form = HoldForm().for_member(member)
    if not form.validate():
        return _show(_member(id), hold_form=form, status=422)
    management.hold(member, form.reason.data, current_user, _ip())
    return _done(member, _("The account is on hold."))


@bp.post("/<int:id>/correct")
def correct(id: int):
    """Correct the member's details on their (or their representative's) request."""
    member = db.get_or_404(Member, id)
    form = CorrectForm().for_member(member)
    if not form.validate():
        return _show(_member(id), correct_form=form, status=422)
    changes = {key: form[key].data for key in
               ("name", "phone", "mobile", "guardian_name", "guardian_mobile")}  # fmt: skip
    changed = management.correct(member, changes, form.reason.data, current_user, _ip())
    return _done(member, _("The details are corrected.") if changed else _("Nothing changed."))


@bp.post("/<int:id>/release")
def release(id: int):
    member = db.get_or_404(Member, id)
    if not ActionForm().validate():
        abort(400)
    management.release(member, current_user, _ip())
    return _done(member, _("The hold is released."))


@bp.post("/<int:id>/destroy")
@owner_required
def destroy(id: int):
    form = DestroyForm()
    if not form.validate():
        return _show(_member(id), destroy_form=form, status=422)
    member = db.get_or_404(Member, id)
    # Only the reason's code is kept: the logs never hold a name or a number.
    erasure.destroy_member(member, f"deleted on request: {form.reason.data}", current_user, _ip())
    db.session.commit()
    flash(_("The member's data has been destroyed."), "success")
    return redirect(url_for("members_admin.index"), code=303)


@bp.route("/news", methods=["GET", "POST"])
@owner_required
def news_index():
    form = NewsForm()
    if form.validate_on_submit() and mail_configured():
        message = news.create(form.subject.data, form.body.data, current_user)
        db.session.commit()
        news.start(message.id, request.url_root)
        flash(_("The news is being sent."), "success")
        return redirect(url_for("members_admin.news_index"), code=303)
    sent = db.session.scalars(db.select(NewsMessage).order_by(NewsMessage.id.desc()).limit(20))
    return render_template(
        "accounts/admin_news.html",
        form=form,
        messages=list(sent),
        recipients=news.recipients_count(),
        mail_ready=mail_configured(),
        action_form=ActionForm(formdata=None),
    ), 422 if form.errors else 200


@bp.post("/news/<int:id>/resume")
@owner_required
def news_resume(id: int):
    message = db.get_or_404(NewsMessage, id)
    if not ActionForm().validate():
        abort(400)
    if message.status == "interrupted":
        news.start(message.id, request.url_root)
        flash(_("Sending resumes."), "success")
    return redirect(url_for("members_admin.news_index"), code=303)


def waiting_children() -> Note:
    """Work on the dashboard: children's accounts waiting for their representative."""
    return Note(
        _l("children waiting for their legal representative's confirmation"),
        "members_admin.index",
        _l("See them"),
        count=management.waiting_children(),
        args={"status": "waiting"},
    )
