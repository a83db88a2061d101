"""The dashboard: the sections and notes features registered, as the signed-in person may see."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from ..platform import hooks
from .gate import require_staff, signed_in_staff

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(require_staff)


def _visible(owner_only: bool) -> bool:
    return not owner_only or current_user.is_owner


@bp.get("/")
def dashboard():
    notes = [source.note() for source in hooks.admin_notes if _visible(source.owner_only)]
    steps = sorted(hooks.setup_steps, key=lambda s: s.order) if current_user.is_owner else []
    todo = [(step, step.done()) for step in steps]
    return render_template(
        "admin/dashboard.html",
        first_steps=todo if not all(done for _step, done in todo) else [],
        sections=sorted(
            (s for s in hooks.admin_sections if _visible(s.owner_only)), key=lambda s: s.order
        ),
        notes=[note for note in notes if note is not None],
    )


def layout_context() -> dict:
    """For the admin layout's menu: whether staff are signed in, and where to sign out."""
    sign_in = hooks.staff_sign_in.one()
    return {"admin_signed_in": signed_in_staff, "admin_logout": sign_in.logout if sign_in else None}
