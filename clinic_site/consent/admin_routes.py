"""/admin/consent: the owner can show that visitors were asked, in totals or for one consent id."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from ..extensions import db
from ..records.services import record_access
from ..staff.access import owner_required, require_staff
from . import services

bp = Blueprint("consent_admin", __name__, url_prefix="/admin/consent")
bp.before_request(require_staff)


@bp.get("/")
@owner_required
def index():
    consent_id = request.args.get("id", "").strip()[:40]
    records = services.records_for(consent_id) if consent_id else None
    if consent_id:
        # Looking up one browser's choices is noted like any other look at personal records.
        detail = "lookup by consent id"
        record_access(current_user, "view", "consent_record", None, detail, request.remote_addr)
        db.session.commit()
    return render_template(
        "consent/admin.html",
        summary=services.summary(),
        consent_id=consent_id,
        records=records,
        days=services.CONSENT_RECORD_DAYS,
    )
