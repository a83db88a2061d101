"""The child's legal representative on the site: the page their consent link opens (consent,
choosing a password of their own, or refuse), and signing in for the child with that password.
See ``guardian.py`` for the rules."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..limits.sign_in import sign_in_limits
from ..policy.services import consent_version
from ..privacy.inventory import REPRESENTATIVE_LINK, consent_notice
from ..settings.queries import get_settings
from . import guardian
from .access import REPRESENTATIVE, current_member
from .forms import RepresentativeForm, RepresentativeLoginForm
from .refusals import AccountRefused
from .routes import sign_in, username_key

bp = Blueprint("representative", __name__, url_prefix="/account")


@bp.route("/representative/<token>", methods=["GET", "POST"])
def consent(token: str):
    """The page the legal representative's link opens: what the child's membership collects,
    and a choice to consent (choosing the password they sign in for the child with) or refuse.
    A link that is forged, expired, used, or sent to a number since corrected opens nothing and
    says only that."""
    member = guardian.awaiting(token)
    if member is None:
        return render_template("accounts/representative_gone.html",
                               link_period=REPRESENTATIVE_LINK), 404  # fmt: skip
    form = RepresentativeForm()
    if form.validate_on_submit():
        ip = request.remote_addr or ""
        if form.answer.data == "refuse":
            guardian.refuse(member, ip)
            db.session.commit()
            return render_template("accounts/representative_done.html", consented=False)
        if not form.password.data:
            form.password.errors.append(_("Choose a password: you sign in for your child with it."))
        else:
            try:
                guardian.consent(member, form.password.data, ip)
            except AccountRefused as refused:
                db.session.rollback()
                form.refused(refused, "password")
            else:
                db.session.commit()
                return render_template("accounts/representative_done.html", consented=True,
                                       username=member.username)  # fmt: skip
    return render_template(
        "accounts/representative.html",
        form=form,
        member=member,
        notice=consent_notice("child_registration", get_settings()),
        policy_version=consent_version(),
    ), (422 if form.errors else 200)


@bp.route("/login/representative", methods=["GET", "POST"])
@sign_in_limits("MEMBER_LOGIN_LIMIT", "MEMBER_LOGIN_ACCOUNT_LIMIT", username_key)
def login():
    """A child's legal representative signs in to the child's account with their own password,
    and acts for the child: what they change is recorded as theirs."""
    if current_member() is not None:
        return redirect(url_for("accounts.me"))
    form = RepresentativeLoginForm()
    if form.validate_on_submit():
        member = guardian.authenticate(form.username.data, form.password.data, request.remote_addr)
        db.session.commit()  # the sign-in record, whatever the outcome
        if member is not None:
            sign_in(member)
            session[REPRESENTATIVE] = member.id
            return redirect(url_for("accounts.me"), code=303)
        form.password.errors.append(_("The ID or password is not correct."))
    status = 422 if form.errors else 200
    return render_template("accounts/representative_login.html", form=form), status
