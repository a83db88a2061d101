from __future__ import annotations

import os
import shlex
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from ..extensions import db
from .access.services import record_change
from .models import ROLES, StaffUser
from .refusals import StaffRefused
from .services import create_staff, reset_second_factor


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
    click.echo(f"Created {user.role} account {user.username!r}.")
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


FIRST_START = """
clinic_site is serving at {site}, but it has no staff account yet, so nobody can open the
admin area.
  1. Make the owner's account, in another terminal in this folder (it asks for a password twice):
       {settings}flask --app clinic_site create-staff owner --name "Your Name" --role owner
  2. Sign in at {site}/admin/login
     {second_factor}
  3. The dashboard lists what to fill in first: the clinic's details, the privacy manager, and
     the privacy policy the site writes for you. Until those are done the site takes no
     inquiries, sign-ups or bookings.
"""

# Settings the command line must share with the server, or create-staff would make the account
# in another database (or promise a sign-in the server does not ask for).
SHARED_SETTINGS = ("DATABASE_URL", "CLINIC_MODE", "CLINIC_STAFF_2FA")


def first_start_hint(site: str) -> str | None:
    """What to tell whoever started the site at ``site`` when it has no staff account yet."""
    if db.session.scalar(db.select(StaffUser.id).limit(1)) is not None:
        return None
    required = current_app.config["CLINIC_STAFF_2FA"] == "required"
    second = (
        "You will then set up two-step sign-in with an authenticator app on your phone."
        if required
        else "Two-step sign-in is offered on the dashboard."
    )
    shared = "".join(
        f"{name}={shlex.quote(os.environ[name])} "
        for name in SHARED_SETTINGS
        if os.environ.get(name)
    )
    return FIRST_START.format(site=site.rstrip("/"), settings=shared, second_factor=second)


NEXT_STEP = """
Next: start the site (flask --app clinic_site run, or gunicorn) if it is not running, and sign in
at {where} with this account. {second_factor}The dashboard then lists what to fill in
first.
"""


def _next_step() -> str:
    site = current_app.config.get("SITE_URL")
    # Without SITE_URL the address is the one the server printed when it started.
    where = f"{site.rstrip('/')}/admin/login" if site else "/admin/login of the address it printed"
    second = (
        "You set up two-step sign-in with an authenticator app right after the password. "
        if current_app.config["CLINIC_STAFF_2FA"] == "required"
        else ""
    )
    return NEXT_STEP.format(where=where, second_factor=second)
