"""The dashboard: the work waiting, what the new clinic still has to set up, and every admin page
the features put on it, grouped, as the signed-in person may see them; and the admin menu."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..cache.revision import kept
from ..platform import hooks
from ..platform.hooks import GROUPS, Section, Step
from .gate import is_staff, require_staff, signed_in_staff
from .readiness import ready

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(require_staff)

GROUP_TITLES = {
    "work": _l("Daily work"),
    "site": _l("The clinic and its site"),
    "privacy": _l("Privacy policy and records"),
    "account": _l("Your account"),
}


def _visible(owner_only: bool) -> bool:
    return not owner_only or current_user.is_owner


def _sections(group: str | None = None) -> list[Section]:
    """The admin pages the signed-in person may open, in order (of one group, if given)."""
    found = [
        s
        for s in hooks.admin_sections
        if _visible(s.owner_only)
        and (group is None or s.group == group)
        and (s.shown is None or s.shown())
    ]
    return sorted(found, key=lambda s: s.order)


def setup_list() -> list[tuple[Step, bool]]:
    """The setup steps in order, each with whether it is done: read once per site revision (every
    step reads rows that raise it), as every admin page of the owner's asks."""
    steps = sorted(hooks.setup_steps, key=lambda s: s.order)
    done = kept("setup_done", lambda: tuple(step.done() for step in steps))
    return list(zip(steps, done, strict=True))


def setup_next() -> tuple[Step, int, int] | None:
    """For the owner, until the setup list is done: the next step, how many are done, of how
    many; shown above every admin page so that each step leads to the next."""
    if not current_user.is_owner:
        return None
    todo = setup_list()
    waiting = [step for step, done in todo if not done]
    return (waiting[0], len(todo) - len(waiting), len(todo)) if waiting else None


@bp.get("/")
def dashboard():
    notes = [source.note() for source in hooks.admin_notes if _visible(source.owner_only)]
    notes = [note for note in notes if note is not None]
    todo = setup_list() if current_user.is_owner else []
    return render_template(
        "admin/dashboard.html",
        first_steps=todo if not all(done for _step, done in todo) else [],
        set_up=bool(todo) and all(done for _step, done in todo),
        closed=not ready(),
        work=[note for note in notes if note.count is not None],
        notes=[note for note in notes if note.count is None],
        groups=[(GROUP_TITLES[g], _sections(g)) for g in GROUPS if _sections(g)],
    )


def layout_context() -> dict:
    """For the admin layout's menu: whether staff are signed in, the day's work pages, and where
    to sign out."""
    sign_in = hooks.staff_sign_in.one()
    return {
        # The menu and the setup banner once every sign-in step is done; in between (the second
        # factor still owed) only the way out.
        "admin_signed_in": is_staff,
        "admin_half_signed_in": signed_in_staff,
        "admin_menu": lambda: _sections("work"),
        "admin_logout": sign_in.logout if sign_in else None,
        "admin_setup_next": lambda: setup_next() if is_staff() else None,
    }
