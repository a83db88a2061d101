"""Staff sign-in, the admin dashboard, clinic settings and the access record viewer."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..identity import register_kind
from .services import load_staff


@dataclass(frozen=True)
class AdminSection:
    endpoint: str
    label: object
    owner_only: bool = False


def add_section(app: Flask, endpoint: str, label, owner_only: bool = False) -> None:
    """Put a feature's admin page on the dashboard."""
    app.extensions["clinic_admin_sections"].append(AdminSection(endpoint, label, owner_only))


def init_app(app: Flask) -> None:
    from . import cli, routes, two_factor_routes  # noqa: F401 - registers its views on the blueprint

    register_kind(app, "staff", load_staff)
    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.create_staff_command)
    app.cli.add_command(cli.reset_second_factor_command)
    add_section(app, "staff.settings", _l("Clinic settings"), owner_only=True)
    add_section(app, "staff.audit", _l("Access record"), owner_only=True)
