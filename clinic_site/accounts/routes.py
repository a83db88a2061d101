"""The member's side: joining (adults, and children with a legal representative), signing in and
out, my information, changing it, downloading it, and leaving."""

from __future__ import annotations

import json
from datetime import datetime

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from ..admin.readiness import collects_personal_data
from ..cache.pages import shared_page
from ..extensions import csrf, db, limit_from_config, limiter
from ..forms import antispam
from ..identity.users import authenticate
from ..limits.sign_in import sign_in_limits
from ..platform import clock, hooks, limit_keys
from ..platform.http import safe_next
from ..policy.services import consent_version
from ..privacy.inventory import consent_notice
from ..settings.queries import get_settings
from . import erasure, guardian, news, reconsent, services
from .access import by_representative, current_member, member_required, the_member
from .forms import (
    ChildRegisterForm,
    EditForm,
    LoginForm,
    ReconsentForm,
    RegisterForm,
    WithdrawForm,
)
from .refusals import AccountRefused

bp = Blueprint("accounts", __name__, url_prefix="/account")

RECEIPT = "withdrawal_receipt"


def username_key() -> str:
    return erasure.login_counter_name(request.form.get("username", ""))


def _member_key() -> str:
    member = current_member()
    return erasure.verify_counter_key(member.id) if member else limit_keys.address()


def _identity_refused(response) -> bool:
    # Only a wrong password counts against the limit, not a mistyped phone number.
    return bool(g.get("identity_refused"))


# Wrong passwords at an identity check, per member (edit and withdrawal).
verify_limit = limiter.limit(
    limit_from_config("MEMBER_VERIFY_LIMIT"),
    methods=["POST"],
    key_func=_member_key,
    deduct_when=_identity_refused,
)


def _id_checked(response) -> bool:
    # Every attempt that reached the ID check counts, joined or refused ("This ID is taken" too),
    # so probing IDs costs as much as making accounts; a form sent back unfilled does not.
    return bool(g.get("id_checked"))


# Joining, adult or child, per address: one count for both forms.
register_limit = limiter.shared_limit(
    limit_from_config("MEMBER_REGISTER_LIMIT"),
    scope="member-register",
    methods=["POST"],
    deduct_when=_id_checked,
)


def sign_in(member, remember: bool = False) -> None:
    # A fresh session: nothing planted before sign-in survives it but the language chosen. A
    # member who asked to stay signed in gets a lasting cookie; everyone else's ends when the
    # browser closes.
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(member)
    session.permanent = remember


def _join(form, template: str, group: str, register):
    """The joining page of either form; ``register(form)`` stores the member."""
    if current_member() is not None:
        return redirect(url_for("accounts.me"))
    verdict = None
    if request.method == "POST":
        verdict = antispam.check(form)
        if verdict == antispam.HONEYPOT_FILLED:
            abort(400)
        if form.validate() and verdict is None:
            g.id_checked = True
            try:
                member = register(form)
            except AccountRefused as refused:
                form.refused(refused, "username")
            else:
                db.session.commit()
                sign_in(member)
                flash(_("Welcome. Your account is ready."), "success")
                return redirect(url_for("accounts.me"), code=303)
        antispam.refresh(form)
    status = 422 if (form.errors or verdict) else 200
    return render_template(
        template,
        form=form,
        too_fast=verdict == antispam.TOO_FAST,
        expired=verdict == antispam.EXPIRED,
        notice=consent_notice(group, get_settings()),
        policy_version=consent_version(),
    ), status


@bp.route("/register", methods=["GET", "POST"])
@collects_personal_data
@register_limit
@shared_page()
def register():
    def save(form):
        return services.register_adult(
            name=form.name.data,
            username=form.username.data,
            password=form.password.data,
            phone=form.phone.data,
            mobile=form.mobile.data,
            email=form.email.data,
            email_opt_in=form.email_opt_in.data,
            notify=form.notify.data,
        )

    return _join(RegisterForm(), "accounts/register.html", "registration", save)


@bp.route("/register/child", methods=["GET", "POST"])
@collects_personal_data
@register_limit
@shared_page()
def register_child():
    def save(form):
        child = services.register_child(
            name=form.name.data,
            username=form.username.data,
            password=form.password.data,
            guardian_name=form.guardian_name.data,
            guardian_mobile=form.guardian_mobile.data,
            notify=form.notify.data,
        )
        guardian.ask(child)
        return child

    return _join(ChildRegisterForm(), "accounts/register_child.html", "child_registration", save)


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits("MEMBER_LOGIN_LIMIT", "MEMBER_LOGIN_ACCOUNT_LIMIT", username_key)
@shared_page()
def login():
    if current_member() is not None:
        return redirect(url_for("accounts.me"))
    form = LoginForm()
    if form.validate_on_submit():
        member = authenticate("member", form.username.data, form.password.data, request.remote_addr)
        db.session.commit()  # the sign-in record, whatever the outcome
        if member is not None:
            sign_in(member, remember=bool(form.remember.data))
            onward = safe_next(request.args.get("next"), url_for("accounts.me"))
            if reconsent.asked(member) is not None:
                return redirect(url_for("accounts.consent_again", next=onward), code=303)
            return redirect(onward, code=303)
        form.password.errors.append(_("The ID or password is not correct."))
    return render_template("accounts/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    member = current_member()
    if member is not None:
        # Every copy of this session, on this device or any other, ends now.
        services.sign_out_everywhere(member)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("pages.home"), code=303)


@bp.get("")
@member_required
def me():
    member = the_member()
    mine = [
        {"label": holder.label, "entries": holder.mine(member.id)} for holder in hooks.member_data
    ]
    return render_template(
        "accounts/me.html", member=member, mine=mine, representative=by_representative()
    )


@bp.route("/edit", methods=["GET", "POST"])
@member_required
@verify_limit
def edit():
    member = the_member()
    shown = {"phone": member.phone, "mobile": member.mobile, "email": member.email,
             "email_opt_in": member.email_opt_in, "notify": member.notify}  # fmt: skip
    form = EditForm(data=shown if request.method == "GET" else None)
    if form.validate_on_submit():
        verified = _identity_checked(member, form.current_password.data)
        db.session.commit()  # the identity-verification record, whatever the outcome
        if not verified:
            g.identity_refused = True
            form.current_password.errors.append(_("The password is not correct."))
        else:
            try:
                _apply_changes(member, form)
            except AccountRefused as refused:
                db.session.rollback()
                form.refused(refused, "new_password")
            else:
                db.session.commit()
                flash(_("Your information has been saved."), "success")
                return redirect(url_for("accounts.me"), code=303)
    status = 422 if form.errors else 200
    page = render_template(
        "accounts/edit.html", form=form, member=member, representative=by_representative()
    )
    return page, status


def _identity_checked(member, password: str) -> bool:
    """The identity check before a change or withdrawal: the member's password, or the legal
    representative's own when they are the one signed in for the child."""
    if by_representative():
        return guardian.check(member, password, request.remote_addr or "")
    return services.verify_identity(member, password, request.remote_addr or "")


def _apply_changes(member, form) -> None:
    representative = by_representative()
    services.change_details(
        member,
        phone=form.phone.data,
        mobile=form.mobile.data,
        email=form.email.data,
        email_opt_in=bool(form.email_opt_in.data),
        # A radio group left out of the form keeps the member's choice.
        notify=form.notify.data if "notify" in request.form else None,
        representative=representative,
    )
    if form.new_password.data:
        services.change_password(member, form.new_password.data, representative)
        # Other sessions end with the old token; this one carries on under the new one.
        login_user(member)


@bp.route("/withdraw", methods=["GET", "POST"])
@member_required
@verify_limit
def withdraw():
    member = the_member()
    form = WithdrawForm()
    if form.validate_on_submit():
        verified = _identity_checked(member, form.password.data)
        db.session.commit()  # the identity-verification record, whatever the outcome
        if verified:
            rule = "withdrawal by the legal representative" if by_representative() else "withdrawal"
            receipt = erasure.destroy_member(member, rule, actor=member,
                                             ip=request.remote_addr or "")  # fmt: skip
            db.session.commit()
            logout_user()
            session.clear()
            session[RECEIPT] = receipt.as_session()
            return redirect(url_for("accounts.withdrawn"), code=303)
        g.identity_refused = True
        form.password.errors.append(_("The password is not correct."))
    return render_template("accounts/withdraw.html", form=form, member=member), (
        422 if form.errors else 200
    )


@bp.get("/withdrawn")
def withdrawn():
    receipt = session.get(RECEIPT)
    if receipt is None:
        return redirect(url_for("pages.home"))
    at = datetime.fromisoformat(receipt["at"])
    return render_template("accounts/withdrawn.html", receipt=receipt, at=at)


@bp.get("/export")
@member_required
def export():
    member = the_member()
    data = erasure.export_data(member, ip=request.remote_addr or "")
    db.session.commit()
    name = f"my-data-{clock.today().isoformat()}.json"
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
# Mail programs send the one-click POST (RFC 8058) without a form: the signed token is the key.
@csrf.exempt
def unsubscribe(token: str):
    member = news.member_for_token(token)
    if member is None:
        abort(404)
    if request.method == "POST":
        news.unsubscribe(member)
        db.session.commit()
        return render_template("accounts/unsubscribed.html")
    return render_template("accounts/unsubscribe.html", token=token)


@bp.route("/consent", methods=["GET", "POST"])
@member_required
def consent_again():
    """A new policy version asks the member to agree again: its summary, a link to what changed,
    agree or keep the old terms."""
    member = the_member()
    onward = safe_next(request.args.get("next"), url_for("accounts.me"))
    version = reconsent.asked(member)
    if version is None:
        return redirect(onward)
    form = ReconsentForm()
    if form.validate_on_submit():
        if form.answer.data == "agree":
            reconsent.agree(member, version, request.remote_addr or "")
            flash(_("Thank you. You agreed under privacy policy version %(number)d.",
                    number=version.number), "success")  # fmt: skip
        else:
            reconsent.refuse(member, version, request.remote_addr or "")
            flash(_("Nothing changes for you: the new use does not apply to your data."), "success")
        db.session.commit()
        return redirect(onward, code=303)
    return render_template(
        "accounts/consent_again.html", form=form, version=version, member=member
    ), (422 if form.errors else 200)
