from __future__ import annotations

import os
import shlex
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, gettext, lazy_gettext

from ..extensions import db
from .access.services import record_change
from .models import ROLES, StaffUser
from .refusals import StaffRefused
from .services import create_staff, reset_second_factor

ROLE_WORDS = {"owner": lazy_gettext("owner"), "staff": lazy_gettext("staff")}


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    # Piped: the first line is the password; a second line, if given, must repeat it.
    lines = sys.stdin.read().splitlines()
    if not lines or not lines[0]:
        raise click.ClickException("no password on standard input")
    if len(lines) > 1 and lines[1] and lines[1] != lines[0]:
        raise click.ClickException("the two passwords differ")
    return lines[0]


@click.command("create-staff")
@with_appcontext
@click.argument("username")
@click.option("--name", required=True, help="The person's name as patients and the log show it.")
@click.option("--role", type=click.Choice(ROLES), required=True)
def create_staff_command(username: str, name: str, role: str) -> None:
    """Make a staff account; asks for the password twice (or reads it from standard input)."""
    password = _read_password()
    try:
        user = create_staff(username, name, role, password)
    except StaffRefused as refused:
        raise click.ClickException(refused.message) from refused
    record_change(None, user, "granted", f"role:{role}")
    db.session.commit()
    click.echo(
        _in_clinic_language(
            lambda: gettext(
                "Created the account %(username)s (%(role)s).",
                username=user.username,
                role=str(ROLE_WORDS[user.role]),
            )
        )
    )
    click.echo(_next_step())


@click.command("reset-second-factor")
@click.argument("username")
@with_appcontext
def reset_second_factor_command(username: str) -> None:
    """Clear a staff member's second factor (a lost phone): the next sign-in enrols a new one.
    Signs that account out everywhere."""
    try:
        user = reset_second_factor(username)
    except StaffRefused as refused:
        raise click.ClickException(refused.message) from refused
    record_change(None, user, "second_factor_reset")
    db.session.commit()
    click.echo(f"Two-step sign-in of {username!r} cleared; it is set up again at the next sign-in.")


# The owner reads these two in the clinic's language (CLINIC_LANGUAGE), as on the dashboard.


def _in_clinic_language(build):
    with force_locale(current_app.config["CLINIC_LANGUAGE"]):
        return build()


# Settings the command line must share with the server, or create-staff would make the account
# in another database (or promise a sign-in the server does not ask for).
SHARED_SETTINGS = ("DATABASE_URL", "CLINIC_MODE", "CLINIC_STAFF_2FA", "CLINIC_LANGUAGE")


def first_start_hint(site: str) -> str | None:
    """What to tell whoever started the site at ``site`` when it has no staff account yet."""
    if db.session.scalar(db.select(StaffUser.id).limit(1)) is not None:
        return None
    shared = "".join(
        f"{name}={shlex.quote(os.environ[name])} "
        for name in SHARED_SETTINGS
        if os.environ.get(name)
    )
    command = f'{shared}flask --app clinic_site create-staff owner --name "Your Name" --role owner'
    site = site.rstrip("/")
    return _in_clinic_language(
        lambda: "\n".join(
            [
                "",
                gettext(
                    "clinic_site is serving at %(site)s, but it has no staff account yet, so "
                    "nobody can open the admin area.",
                    site=site,
                ),
                gettext(
                    "  1. Make the owner's account, in another terminal in this folder (it asks "
                    "for a password twice; put your own name in the quotes):"
                ),
                f"       {command}",
                gettext("  2. Sign in at %(address)s", address=f"{site}/admin/login"),
                "     " + _second_factor_line(),
                gettext(
                    "  3. The dashboard lists what to fill in first: the clinic's details, the "
                    "privacy manager, and the privacy policy the site writes for you. Until those "
                    "are done the site takes no inquiries, sign-ups or bookings."
                ),
                "",
            ]
        )
    )


def _second_factor_line() -> str:
    if current_app.config["CLINIC_STAFF_2FA"] == "required":
        return gettext(
            "You will then set up two-step sign-in with an authenticator app on your phone."
        )
    return gettext("Two-step sign-in is offered on the dashboard.")


def _next_step() -> str:
    site = current_app.config.get("SITE_URL")

    def build() -> str:
        # Without SITE_URL the address is the one the server printed when it started.
        where = (
            f"{site.rstrip('/')}/admin/login"
            if site
            else gettext("/admin/login of the address the server printed")
        )
        return "\n".join(
            [
                "",
                gettext(
                    "Next: start the site (flask --app clinic_site run, or gunicorn) if it is not "
                    "running, and sign in at %(where)s with this account.",
                    where=where,
                ),
                _second_factor_line(),
                gettext("The dashboard then lists what to fill in first."),
                "",
            ]
        )

    return _in_clinic_language(build)
