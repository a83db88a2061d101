"""/admin/privacy: the owner's (and, read-only, the staff's) privacy desk."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from ..admin.gate import require_staff
from ..platform.hooks import Note
from . import queries

bp = Blueprint("privacy_desk", __name__, url_prefix="/admin")
bp.before_request(require_staff)


@bp.get("/privacy")
def index():
    groups = queries.findings()
    levels = [f.level for _title, group in groups for f in group]
    return render_template(
        "privacy_desk/index.html",
        groups=groups,
        reds=levels.count(queries.RED),
        ambers=levels.count(queries.AMBER),
    )


def reds_note() -> Note | None:
    """The dashboard's count of promises broken now that the owner mends, linking the desk."""
    count = queries.reds()
    if not count:
        return None
    return Note(_l("privacy promises need attention"), "privacy_desk.index", level="warning",
                count=count)  # fmt: skip


def server_note() -> Note | None:
    """The count of broken promises whoever runs the server mends (a schedule, a backup): told
    apart, so an owner who cannot do them from the browser knows whom to pass them to."""
    count = queries.reds(server=True)
    if not count:
        return None
    # A sentence, not a count among the owner's work: it is not the owner's to do.
    return Note(
        ngettext(
            "%(num)d task on the privacy desk is for whoever runs the server (backups, scheduled "
            "jobs): pass it on:",
            "%(num)d tasks on the privacy desk are for whoever runs the server (backups, "
            "scheduled jobs): pass them on:",
            count,
        ),
        "privacy_desk.index",
        link=_l("Privacy desk"),
    )
