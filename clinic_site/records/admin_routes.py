"""The owner reads the site's records under /admin: the access record, the sign-in record, the
destruction log and the cookie consent record. Each page is newest first, one page at a time."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import owner_required, require_staff
from ..extensions import db
from ..platform.params import page_number
from ..privacy import inventory
from .models import AccessRecord, DestructionLog, SignInRecord
from .queries import account_names, consent_records_for, consent_summary

bp = Blueprint("records_admin", __name__, url_prefix="/admin")

# Records keep codes (the same in every language); the owner reads them in words.
LABELS = {
    "view": _l("viewed"), "update": _l("changed"), "reply": _l("answered"),
    "destroy": _l("destroyed"), "export": _l("downloaded"), "search": _l("searched"),
    "consultation": _l("consultation"), "member": _l("member"), "reservation": _l("reservation"),
    "reservation_request": _l("reservation request"), "consent_record": _l("consent record"),
    "access_record": _l("access record"), "sign_in_record": _l("sign-in record"),
    "destruction_log": _l("destruction log"), "visit_record": _l("visit record"),
    "all": _l("all cookies"), "necessary": _l("necessary only"), "custom": _l("chosen ones"),
    "staff": _l("staff"), "system": _l("the site itself"), "list": _l("the list"),
}  # fmt: skip


@bp.app_template_filter("record_label")
def record_label(code: str) -> str:
    return str(LABELS.get(code, code))


bp.before_request(require_staff)


def _newest_first(model):
    """One page of a record, newest first; a page past the end is simply empty."""
    return db.paginate(
        db.select(model).order_by(model.at.desc(), model.id.desc()),
        page=page_number(),
        per_page=50,
        error_out=False,
    )


@bp.get("/audit")
@owner_required
def audit():
    return render_template(
        "records/audit.html", records=_newest_first(AccessRecord), kept=inventory.ACCESS_RECORD
    )


@bp.get("/audit/sign-ins")
@owner_required
def sign_ins():
    records = _newest_first(SignInRecord)
    names = {
        kind: account_names(kind, {r.account_id for r in records.items if r.account_kind == kind})
        for kind in {r.account_kind for r in records.items if r.account_id}
    }
    return render_template(
        "records/sign_ins.html", records=records, names=names, kept=inventory.IDENTITY_RECORD
    )


@bp.get("/audit/destructions")
@owner_required
def destructions():
    return render_template(
        "records/destructions.html",
        records=_newest_first(DestructionLog),
        kept=inventory.COMPLAINT_RECORD,
    )


@bp.get("/consent/")
@owner_required
def consent():
    consent_id = request.args.get("id", "").strip()[:40]
    records = None
    if consent_id:
        records = consent_records_for(consent_id, current_user, request.remote_addr or "")
        db.session.commit()
    return render_template(
        "records/consent.html",
        summary=consent_summary(),
        consent_id=consent_id,
        records=records,
        kept=inventory.CONSENT_RECORD,
    )
