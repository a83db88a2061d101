"""Public policy pages and the owner's editor under /admin/policy."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..extensions import db
from ..inventory import items_for
from ..staff.access import owner_required, require_staff
from . import coverage, diff, services
from .forms import PolicyForm, WithdrawForm
from .markdown import render
from .models import PolicyVersion

bp = Blueprint("policy", __name__)
admin = Blueprint("policy_admin", __name__, url_prefix="/admin/policy")
admin.before_request(require_staff)


def _lang() -> str:
    return str(get_locale())


def _shown(version) -> dict:
    """The version's text for this reader: rendered HTML and which language it is in."""
    text, lang = version.text_for(_lang())
    return {"html": render(text), "text_lang": lang}


def _found(number: int) -> PolicyVersion:
    return db.first_or_404(db.select(PolicyVersion).where(PolicyVersion.number == number))


@bp.get("/policy")
def current():
    version, draft = services.current_or_draft()
    page = render_template(
        "policy/current.html",
        version=version,
        draft=draft,
        shown=_shown(version) if version else None,
        history=services.versions(),
        upcoming=services.upcoming(clock.today()),
    )
    # The first-run default, if it was just made; after rendering, so nothing read is reloaded.
    db.session.commit()
    return page


@bp.get("/policy/<int:number>")
def version(number: int):
    version = _found(number)
    in_effect = services.in_effect_on(clock.today())
    return render_template(
        "policy/version.html",
        version=version,
        shown=_shown(version),
        is_current=in_effect is not None and in_effect.number == version.number,
        is_upcoming=not version.withdrawn and version.effective_on > clock.today(),
    )


@bp.get("/policy/<int:number>/changes")
def changes(number: int):
    version = _found(number)
    before = services.previous(version)
    rows = []
    if before is not None:
        new_text, lang = version.text_for(_lang())
        # Compare like with like: the earlier version in the same language when it has it.
        rows = diff.compare(before.text_for(lang)[0], new_text)
    return render_template(
        "policy/changes.html",
        version=version,
        before=before,
        rows=rows,
        counts=diff.counts(rows),
    )


def _index(form: WithdrawForm, failed: int | None = None, status: int = 200):
    return render_template(
        "policy/admin_index.html",
        history=services.versions(),
        today=clock.today(),
        withdraw_form=form,
        failed=failed,
    ), status


@admin.get("")
def index():
    return _index(WithdrawForm())


def _editor(form: PolicyForm, status: int = 200, preview: bool = False):
    text = f"{form.body.data or ''}\n{form.translation.data or ''}"
    mode = current_app.config["CLINIC_MODE"]
    return render_template(
        "policy/edit.html",
        form=form,
        preview=preview,
        body_html=render(form.body.data or "") if preview else None,
        translation_html=render(form.translation.data or "") if preview else None,
        items=[item for item in items_for(mode) if item.group != "staff"],
        missing={item.key for item in coverage.missing_items(text, mode)},
        missing_cookies=coverage.missing_cookies(text),
        earliest=clock.today() + timedelta(days=services.NOTICE_DAYS),
    ), status


@admin.route("/new", methods=["GET", "POST"])
@owner_required
def new():
    form = PolicyForm()
    if request.method == "GET":
        version, _draft = services.current_or_draft()
        db.session.commit()
        main = current_app.config["CLINIC_LANGUAGE"]
        if version is not None:
            form.body.data = version.text_for(main)[0]
            other = version.body_en if main == "ko" else version.body_ko
            form.translation.data = other if other and other != form.body.data else ""
        return _editor(form)
    if "preview" in request.form:
        form.validate()  # shows mistakes early; nothing is stored on a preview
        return _editor(form, preview=True)
    if form.validate():
        try:
            version = services.announce(
                form.body.data,
                form.translation.data,
                form.summary.data,
                form.effective_on.data,
                current_user,
            )
        except services.PolicyError as exc:
            getattr(form, exc.field or "body").errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Version %(number)d is announced.", number=version.number), "success")
            return redirect(url_for("policy_admin.index"), code=303)
    return _editor(form, status=422)


@admin.post("/<int:number>/withdraw")
@owner_required
def withdraw(number: int):
    _found(number)
    form = WithdrawForm()
    if form.validate():
        try:
            services.withdraw(number, form.reason.data, current_user)
        except services.PolicyError as exc:
            form.reason.errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("Version %(number)d is withdrawn.", number=number), "success")
            return redirect(url_for("policy_admin.index"), code=303)
    return _index(form, failed=number, status=422)
