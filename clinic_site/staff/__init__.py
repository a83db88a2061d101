"""Staff accounts: sign-in at /admin/login, the second factor, and the commands that make and reset
accounts. The admin shell learns from here how staff sign in."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import START_HINTS
from ..admin import Note, SignIn, add_note, add_section, set_sign_in
from ..identity import register_kind
from . import sign_in
from .models import StaffUser


def _second_factor_offer() -> Note | None:
    # With CLINIC_STAFF_2FA=optional, whoever has not enrolled is offered it on the dashboard.
    if current_user.has_second_factor:
        return None
    return Note(_l("Your account has no second sign-in step."), "two_factor.setup",
                _l("Set up two-step sign-in"))  # fmt: skip


FIRST_START = """
clinic_site: no staff account yet, so nobody can open the admin area.
  1. Make the owner's account (it asks for a password twice):
       flask --app clinic_site create-staff owner --name "Your Name" --role owner
  2. Sign in at /admin/login on this site.
     {second_factor}
  3. The dashboard lists what to fill in first: the clinic's details, the privacy manager,
     the fee lists, and the privacy policy.
"""


def _first_start_hint() -> str | None:
    from ..extensions import db

    if db.session.scalar(db.select(StaffUser.id).limit(1)) is not None:
        return None
    from flask import current_app

    required = current_app.config["CLINIC_STAFF_2FA"] == "required"
    second = (
        "You will then set up two-step sign-in with an authenticator app on your phone."
        if required
        else "Two-step sign-in is offered on the dashboard."
    )
    return FIRST_START.format(second_factor=second)


def init_app(app: Flask) -> None:
    from . import cli, routes, two_factor_routes

    register_kind(app, "staff", StaffUser)
    app.register_blueprint(routes.bp)
    app.register_blueprint(two_factor_routes.bp)
    set_sign_in(
        app,
        SignIn(sign_in.LOGIN, sign_in.LOGOUT, sign_in.pending_step, sign_in.STEPS),
    )
    app.before_request(sign_in.end_idle_session)
    add_section(app, "two_factor.recovery_codes", _l("Recovery codes"), order=95)
    add_note(app, _second_factor_offer)
    app.extensions.setdefault(START_HINTS, []).append(_first_start_hint)
    app.cli.add_command(cli.create_staff_command)
    app.cli.add_command(cli.reset_second_factor_command)
