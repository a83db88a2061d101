"""The visitor's side of the board: the list, writing, opening with the password, editing and
deleting. Which posts this browser may open lives in the session, per post, for 30 minutes."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale
from flask_babel import gettext as _

from ..admin.readiness import collects_personal_data
from ..cache.pages import shared_page
from ..extensions import db, limit_from_config, limiter
from ..forms import antispam
from ..identity import opened
from ..identity.users import signed_in
from ..limits.item_passwords import item_password_limits
from ..platform.mail import send_mail
from ..platform.params import edge, page_number
from ..privacy.masking import mask_name
from ..settings.queries import get_settings
from . import queries, services
from .forms import ActionForm, InquiryForm, MemberInquiryForm, NewInquiryForm, UnlockForm
from .models import ConsultationPost
from .refusals import BoardRefused

bp = Blueprint("board", __name__, url_prefix="/consultations")

KIND = "consultation"
AUTHOR_FIELDS = ("name", "mobile", "email", "notify", "title", "title_private", "body")
CONSENTS = ("agree_privacy", "agree_sensitive")


def is_allowed(post: ConsultationPost) -> bool:
    """Whether this browser may open ``post``: its author signed in as a member, or someone who
    gave its password in the last 30 minutes."""
    member = signed_in("member")
    if member is not None and post.member_id == member.id:
        return True
    return opened.allowed(KIND, post.id)


@bp.get("")
@shared_page()
def index():
    page = queries.list_page(
        page_number(), older_than=edge("older_than"), newer_than=edge("newer_than")
    )
    if page is None:
        abort(404)
    return render_template(
        "board/index.html",
        page=page,
        mask=mask_name,
        show_titles=get_settings().show_consultation_titles,
    )


@bp.route("/new", methods=["GET", "POST"])
@collects_personal_data
@limiter.limit(limit_from_config("BOARD_POST_LIMIT"), methods=["POST"])
@shared_page()
def new():
    member = signed_in("member")
    if member is None:
        form = NewInquiryForm()
    else:
        # A member's own inquiries open with their sign-in; the form starts from the account.
        form = MemberInquiryForm(data=_from_account(member) if request.method == "GET" else None)
    verdict = None
    if request.method == "POST":
        verdict = antispam.check(form)
        if verdict == antispam.HONEYPOT_FILLED:
            abort(400)
        if form.validate() and verdict is None:
            post = services.create_post(
                **_values(form),
                password=form.password.data,
                member_id=member.id if member else None,
            )
            db.session.commit()
            opened.allow(KIND, post.id)
            _notify(post.id)
            sent = (
                _("Your inquiry has been sent. You find it under My information.")
                if member
                else _("Your inquiry has been sent. Keep your password to read the answer.")
            )
            flash(sent, "success")
            return redirect(url_for("board.show", id=post.id), code=303)
        antispam.refresh(form)
    status = 422 if (form.errors or verdict) else 200
    return render_template(
        "board/new.html",
        form=form,
        too_fast=verdict == antispam.TOO_FAST,
        expired=verdict == antispam.EXPIRED,
        consent=queries.consent_notices(),
    ), status


def _from_account(member) -> dict:
    return {"name": member.name, "mobile": member.mobile or "", "email": member.email or ""}


def _values(form) -> dict:
    return {name: form[name].data for name in AUTHOR_FIELDS + CONSENTS}


def _notify(post_id: int) -> None:
    link = url_for("board_admin.show", id=post_id, _external=True)
    # The mail names neither the author nor the question: only that one arrived, and where.
    with force_locale(current_app.config["CLINIC_LANGUAGE"]):
        subject = _("A new inquiry has arrived")
        text = _("A new inquiry has arrived on the website. Read and answer it in the admin area:")
    send_mail(get_settings().email, subject, f"{text}\n\n{link}\n")


@bp.route("/<int:id>", methods=["GET", "POST"])
@item_password_limits(KIND)
@shared_page()
def show(id: int):
    post = db.get_or_404(ConsultationPost, id)
    if is_allowed(post):
        if request.method == "POST":
            return redirect(url_for("board.show", id=post.id), code=303)
        return render_template("board/show.html", post=post, action_form=ActionForm())
    form = UnlockForm()
    if form.validate_on_submit():
        if services.check_password(post, form.password.data):
            opened.allow(KIND, post.id)
            return redirect(url_for("board.show", id=post.id), code=303)
        form.password.errors.append(_("The password is not correct."))
    return render_template("board/unlock.html", form=form, post_id=post.id), (
        422 if form.errors else 200
    )


@bp.route("/<int:id>/edit", methods=["GET", "POST"])
def edit(id: int):
    post = db.get_or_404(ConsultationPost, id)
    if not is_allowed(post):
        return redirect(url_for("board.show", id=post.id))
    if post.answered:
        return _answered(post)
    # The consent boxes are never filled from the post: the author ticks them again, actively.
    shown = {name: getattr(post, name) for name in AUTHOR_FIELDS}
    form = InquiryForm(data=shown if request.method == "GET" else None)
    if form.validate_on_submit():
        services.update_post(post, **_values(form))
        db.session.commit()
        flash(_("Your inquiry has been updated."), "success")
        return redirect(url_for("board.show", id=post.id), code=303)
    return render_template(
        "board/edit.html", form=form, post=post, consent=queries.consent_notices()
    ), (422 if form.errors else 200)


def _answered(post: ConsultationPost):
    refusal = BoardRefused("answered")
    return render_template(
        "board/show.html", post=post, action_form=ActionForm(), notice=refusal.message
    ), refusal.status


@bp.errorhandler(BoardRefused)
def _refused(refused: BoardRefused):
    # The forms check the board's rules first, so this is met only if something changed between
    # that check and the change (a reply arrived meanwhile). Nothing of the request is kept.
    db.session.rollback()
    if refused.code == "answered":
        return _answered(db.get_or_404(ConsultationPost, (request.view_args or {}).get("id")))
    return render_template(
        "errors/error.html",
        code=refused.status,
        title=_("The inquiry could not be saved"),
        message=refused.message,
    ), refused.status


@bp.post("/<int:id>/delete")
def delete(id: int):
    post = db.get_or_404(ConsultationPost, id)
    if not is_allowed(post):
        abort(403)
    services.delete_post(post, "deleted by the author")
    db.session.commit()
    opened.forget(KIND, id)
    flash(_("Your inquiry has been deleted."), "success")
    return redirect(url_for("board.index"), code=303)
