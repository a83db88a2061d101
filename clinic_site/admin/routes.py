"""The dashboard: the sections and notes features registered, as the signed-in person may see."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from . import NOTES, SECTIONS, SIGN_IN, STEPS
from .gate import require_staff, signed_in_staff

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(require_staff)


def _visible(owner_only: bool) -> bool:
    return not owner_only or current_user.is_owner


@bp.get("/")
def dashboard():
    notes = [note() for note, owner_only in current_app.extensions[NOTES] if _visible(owner_only)]
    steps = current_app.extensions[STEPS] if current_user.is_owner else []
    todo = [(step, step.done()) for step in steps]
    return render_template(
        "admin/dashboard.html",
        first_steps=todo if not all(done for _step, done in todo) else [],
        sections=[s for s in current_app.extensions[SECTIONS] if _visible(s.owner_only)],
        notes=[note for note in notes if note is not None],
    )


def layout_context() -> dict:
    """For the admin layout's menu: whether staff are signed in, and where to sign out."""
    sign_in = current_app.extensions.get(SIGN_IN)
    return {"admin_signed_in": signed_in_staff, "admin_logout": sign_in.logout if sign_in else None}
