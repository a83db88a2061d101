"""Closed until ready: no form that collects personal data (an inquiry, joining, a reservation
request, a booking, a rights request) takes anything before the clinic exists on the site, that
is before the owner has saved its details and its privacy manager and published a privacy policy
(the ``required`` setup steps). Until then such a form answers 503 with a page that says so, and
gives the clinic's phone once there is one.

Whether the site is ready is read once per site revision: every step reads rows that raise the
revision when they change (the settings, the policy's versions)."""

from __future__ import annotations

from functools import wraps

from flask import render_template
from sqlalchemy.exc import SQLAlchemyError

from ..cache.revision import kept
from ..extensions import db
from ..platform import hooks
from ..platform.hooks import Step


def missing() -> list[Step]:
    """The required setup steps not done yet, in order."""
    steps = sorted((s for s in hooks.setup_steps if s.required), key=lambda s: s.order)
    return [step for step in steps if not step.done()]


def ready() -> bool:
    """Whether forms that collect personal data are open."""
    try:
        return kept("clinic_ready", lambda: not missing())
    except SQLAlchemyError:
        db.session.rollback()
        return False


def collects_personal_data(view):
    """Decorate a view whose form collects personal data: until the clinic is ready it answers
    GET and POST alike with the closed page (503) and stores nothing."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if not ready():
            return render_template("errors/closed.html"), 503
        return view(*args, **kwargs)

    return guarded
