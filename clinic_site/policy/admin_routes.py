"""The owner's side of the policy under /admin/policy: every version, the editor that announces a
new one, and withdrawing one before it takes effect. Staff may read; only the owner changes."""

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
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import owner_required, require_staff
from ..core.markdown import render
from ..extensions import db
from ..platform import clock
from ..platform.hooks import Note
from ..privacy.inventory import items_for, processors_for
from ..settings.queries import clinic_configured, get_settings, manager_named
from . import coverage, generated, queries, services
from .forms import ActionForm, PolicyForm, WithdrawForm
from .refusals import PolicyRefused

bp = Blueprint("policy_admin", __name__, url_prefix="/admin/policy")
bp.before_request(require_staff)


def _index(form: WithdrawForm, failed: int | None = None, status: int = 200, refusal=None):
    history = queries.versions()
    draft = None
    if not history:
        # Nothing published yet: the generated first version, in both languages, to read
        # before publishing it. Showing it stores nothing.
        draft = generated.first_version_draft()
    return render_template(
        "policy/admin_index.html",
        history=history,
        today=clock.today(),
        in_effect=queries.in_effect_on(clock.today()),
        withdraw_form=form,
        failed=failed,
        draft=draft,
        draft_html={"ko": render(draft.body_ko or ""), "en": render(draft.body_en or "")}
        if draft
        else None,
        can_publish=clinic_configured() and manager_named(),
        # What the generated text says of this clinic, to check on one screen before publishing.
        processors=processors_for(current_app.config) if draft else [],
        publish_form=ActionForm(),
        refusal=refusal,
    ), status


@bp.get("")
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
        missing_cookies=coverage.missing_cookies(text, mode),
        missing_statements=coverage.missing_statements(text),
        earliest=services.earliest_effective(clock.today()),
        latest=services.latest_effective(clock.today()),
        stale=services.stale_translation_of(form.body.data or "", form.translation.data)
        if request.method == "POST"
        else None,
    ), status


@bp.post("/publish")
@owner_required
def publish():
    """Publish the generated first version, in effect at once."""
    if not ActionForm().validate():
        abort(400)
    try:
        version = services.publish_first(current_user)
    except PolicyRefused as refused:
        db.session.rollback()
        return _index(WithdrawForm(formdata=None), status=refused.status, refusal=refused)
    db.session.commit()
    flash(
        _("Version %(number)d is published and in effect today.", number=version.number), "success"
    )
    return redirect(url_for("policy_admin.index"), code=303)


@bp.route("/new", methods=["GET", "POST"])
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
                keep_old_translation=bool(form.keep_old_translation.data),
                asks_consent_again=bool(form.asks_consent_again.data),
            )
        except PolicyRefused as refused:
            form.refused(refused, "body")
        else:
            db.session.commit()
            flash(_("Version %(number)d is announced.", number=version.number), "success")
            return redirect(url_for("policy_admin.index"), code=303)
    return _editor(form, status=422)


@bp.post("/<int:number>/withdraw")
@owner_required
def withdraw(number: int):
    if queries.get_version(number) is None:
        abort(404)
    form = WithdrawForm()
    if form.validate():
        try:
            services.withdraw(number, form.reason.data, current_user)
        except PolicyRefused as refused:
            form.refused(refused, "reason")
        else:
            db.session.commit()
            flash(_("Version %(number)d is withdrawn.", number=number), "success")
            return redirect(url_for("policy_admin.index"), code=303)
    return _index(form, failed=number, status=422)


def retention_mismatch() -> Note | None:
    """A dashboard note: once a revised policy with another period takes effect, the setting
    must follow it."""
    days = get_settings().consultation_retention_days
    if queries.states_retention_days(days):
        return None
    return Note(
        _l(
            "The privacy policy in effect states another retention period for inquiries than "
            "the setting (%(days)d days). Change the setting to the period the policy states.",
            days=days,
        ),
        "settings_admin.edit",
        _l("Clinic settings"),
        level="warning",
    )
