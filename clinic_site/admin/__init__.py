"""The admin shell under /admin: the gate every admin page passes, the dashboard, and the registries
through which features put their pages and notes on it. It imports no feature; features import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask

SECTIONS = "clinic_admin_sections"
NOTES = "clinic_admin_notes"
SIGN_IN = "clinic_admin_sign_in"
STEPS = "clinic_admin_first_steps"


@dataclass(frozen=True)
class Section:
    """A feature's admin page, linked from the dashboard."""

    endpoint: str
    label: object
    owner_only: bool = False
    order: int = 50  # daily work (inquiries, bookings) first, the owner's upkeep after
    args: dict | None = None  # URL arguments of the endpoint, if it takes any


@dataclass(frozen=True)
class Note:
    """Something the dashboard should tell the person signed in, with a link to act on it.
    ``level`` is "warning" (needs doing) or "info"."""

    text: object
    endpoint: str | None = None
    link: object = None
    level: str = "info"


@dataclass(frozen=True)
class SignIn:
    """How staff sign in, told by the feature that owns staff accounts. ``pending()`` names the
    endpoint of a step the signed-in staff member still owes (a second factor), or None when
    signed in fully; ``steps`` are the endpoints reachable while a step is pending."""

    login: str
    logout: str
    pending: Callable[[], str | None]
    steps: frozenset[str]


def add_section(
    app: Flask, endpoint: str, label, owner_only: bool = False, order: int = 50, args=None
) -> None:
    """Put a feature's admin page on the dashboard; lower ``order`` comes first."""
    app.extensions[SECTIONS].append(Section(endpoint, label, owner_only, order, args))
    app.extensions[SECTIONS].sort(key=lambda section: section.order)


def add_note(app: Flask, note: Callable[[], Note | None], owner_only: bool = False) -> None:
    """Let a feature say something on the dashboard: ``note()`` runs when the dashboard is drawn
    and returns a Note, or None when there is nothing to say."""
    app.extensions[NOTES].append((note, owner_only))


@dataclass(frozen=True)
class Step:
    """One thing a new clinic owner must do before the site is ready; ``done()`` says whether it
    is done. The dashboard lists the steps until all are."""

    label: object
    endpoint: str
    done: Callable[[], bool]
    order: int = 50


def add_step(app: Flask, step: Step) -> None:
    app.extensions[STEPS].append(step)
    app.extensions[STEPS].sort(key=lambda s: s.order)


def set_sign_in(app: Flask, sign_in: SignIn) -> None:
    app.extensions[SIGN_IN] = sign_in


def init_app(app: Flask) -> None:
    from . import routes

    app.extensions[SECTIONS] = []
    app.extensions[NOTES] = []
    app.extensions[STEPS] = []
    app.register_blueprint(routes.bp)
    app.context_processor(routes.layout_context)
