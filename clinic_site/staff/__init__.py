"""Staff accounts: sign-in at /admin/login, the second factor, and the commands that make and reset
accounts. The admin shell learns from here how staff sign in (the ``staff_sign_in`` hook)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..platform import hooks
from ..platform.hooks import NoteSource, Section, SignIn, UserKind


def init_app(app: Flask) -> None:
    from . import access, cli, routes, sign_in, two_factor_routes
    from .models import StaffUser

    hooks.user_kinds.add(app, UserKind("staff", StaffUser))
    app.register_blueprint(routes.bp)
    app.register_blueprint(two_factor_routes.bp)
    hooks.staff_sign_in.add(
        app, SignIn(sign_in.LOGIN, sign_in.LOGOUT, sign_in.pending_step, sign_in.STEPS)
    )
    app.before_request(sign_in.end_idle_session)
    hooks.admin_sections.add(
        app,
        Section(
            "two_factor.recovery_codes",
            _l("Recovery codes"),
            order=95,
            group="account",
            shown=sign_in.has_second_factor,
        ),
    )
    hooks.admin_notes.add(app, NoteSource(two_factor_routes.second_factor_offer))
    hooks.start_hints.add(app, cli.first_start_hint)
    app.cli.add_command(cli.create_staff_command)
    app.cli.add_command(cli.reset_second_factor_command)
    access.init_app(app)
