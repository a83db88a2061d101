"""``flask setup-clinic``: what an operator (or a test) runs to make a new site ready without the
admin pages: the clinic's details and privacy manager, saved as /admin/settings saves them, and,
with ``--publish-policy``, the generated first policy published. Safe to run twice."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from wtforms.validators import ValidationError

from ..extensions import db
from ..forms.phones import normalise_phone
from ..policy.queries import published
from ..policy.refusals import PolicyRefused
from ..policy.services import publish_first
from ..settings.refusals import SettingRefused
from ..settings.services import change_settings


def _phone(ctx, param, value: str) -> str:
    normalised = normalise_phone(value)
    if normalised is None:
        raise click.BadParameter(f"{value!r} is not a Korean telephone number")
    return normalised


def _email(ctx, param, value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise click.BadParameter(str(exc)) from exc


def _text(limit: int):
    def check(ctx, param, value: str) -> str:
        value = value.strip()
        if not value or len(value) > limit:
            raise click.BadParameter(f"give 1 to {limit} characters")
        return value

    return check


@click.command("setup-clinic")
@with_appcontext
@click.option("--name", required=True, callback=_text(100), help="The clinic's name.")
@click.option("--phone", required=True, callback=_phone, help="The clinic's phone number.")
@click.option("--address", required=True, callback=_text(200), help="The clinic's address.")
@click.option("--manager-name", required=True, callback=_text(60), help="The privacy manager.")
@click.option("--manager-phone", required=True, callback=_phone, help="The manager's phone.")
@click.option("--manager-email", required=True, callback=_email, help="The manager's email.")
@click.option(
    "--publish-policy",
    is_flag=True,
    help="Publish the generated first privacy policy, if none is published yet.",
)
def setup_clinic_command(
    name: str,
    phone: str,
    address: str,
    manager_name: str,
    manager_phone: str,
    manager_email: str,
    publish_policy: bool,
) -> None:
    """Save the clinic's details and privacy manager; with --publish-policy, publish the first
    privacy policy too. Running it again changes the details and publishes nothing twice."""
    try:
        change_settings(
            clinic_name=name,
            phone=phone,
            address=address,
            privacy_manager_name=manager_name,
            privacy_manager_phone=manager_phone,
            privacy_manager_email=manager_email,
        )
    except (SettingRefused, ValidationError) as refused:
        raise click.ClickException(str(getattr(refused, "message", refused))) from refused
    db.session.commit()
    click.echo(f"Saved the details of {name}.")
    if not publish_policy:
        return
    if published():
        click.echo("A privacy policy is published already; nothing more to do.")
        return
    try:
        version = publish_first()
    except PolicyRefused as refused:
        raise click.ClickException(refused.message) from refused
    db.session.commit()
    click.echo(f"Published privacy policy version {version.number}, in effect today.")
