"""The owner reads the site's records under /admin: the access record, the sign-in record, the
destruction log and the cookie consent record. Each page is newest first, one page at a time."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..admin.gate import owner_required, require_staff
from ..extensions import db
from ..platform import hooks
from ..platform.params import page_number
from ..privacy import inventory
from ..settings.queries import get_settings
from . import audit
from .forms import ReviewForm
from .models import DestructionLog, SignInRecord
from .queries import account_names, consent_records_for, consent_summary, latest_reviews
from .refusals import RecordsRefused
from .services import mark_reviewed, record_access

bp = Blueprint("records_admin", __name__, url_prefix="/admin")

# Records keep codes (the same in every language); the owner reads them in words. A detail is a
# code, or "code:value" with a code for the value too (status:cancelled, hold:privacy_manager).
LABELS = {
    "view": _l("viewed"), "update": _l("changed"), "reply": _l("answered"),
    "destroy": _l("destroyed"), "export": _l("downloaded"), "search": _l("searched"),
    "consultation": _l("consultation"), "member": _l("member"), "reservation": _l("reservation"),
    "reservation_request": _l("reservation request"), "consent_record": _l("consent record"),
    "access_record": _l("access record"), "sign_in_record": _l("sign-in record"),
    "destruction_log": _l("destruction log"), "visit_record": _l("visit record"),
    "all": _l("all cookies"), "necessary": _l("necessary only"), "custom": _l("chosen ones"),
    "staff": _l("staff"), "system": _l("the site itself"), "list": _l("the list"),
    "message_log": _l("message log"), "message": _l("message"),
    "rights_request": _l("rights request"), "file": _l("filed"), "extend": _l("extended"),
    "access": _l("to see"), "correction": _l("to correct"), "deletion": _l("to delete"),
    "suspension": _l("to stop use"), "withdraw_consent": _l("to withdraw a consent"),
    "message_text": _l("message text and address"), "send_again": _l("sent again"),
    "schedule": _l("schedule"), "day": _l("the day"), "week": _l("the week from"),
    "blocks": _l("visits inside blocked time"), "moved": _l("moved"),
    # details
    "consent_lookup": _l("looked up by consent id"),
    "representative_confirmed": _l("legal representative confirmed"),
    "representative_consented_by_link": _l("legal representative consented through the link"),
    "booked_by_phone": _l("booked by the front desk"),
    "booked_from_request": _l("booked from a visitor's request"),
    "booked": _l("booked"), "declined": _l("declined"), "released": _l("hold released"),
    "status": _l("status"), "hold": _l("put on hold"), "withdrawal": _l("the member withdrew"),
    "requested": _l("waiting for confirmation"), "confirmed": _l("confirmed"),
    "cancelled": _l("cancelled"), "completed": _l("visited"), "no_show": _l("missed"),
    "correction_requested": _l("a correction was asked for"),
    "representative_request": _l("the legal representative asked"),
    "privacy_manager": _l("the privacy manager decided"),
    "author_request": _l("the author asked"), "spam": _l("spam or advertising"),
    "duplicate": _l("a duplicate"), "member_request": _l("the member asked"),
    "request": _l("destroyed on request"), "corrected": _l("details corrected"),
    "consent_renewed": _l("agreed under a new policy version"),
    "by_representative": _l("done by the legal representative"),
    "consent_refused": _l("kept the earlier terms of the policy"),
    "backup": _l("backup"), "access_rights_record": _l("access-rights record"),
}  # fmt: skip


@bp.app_template_filter("record_label")
def record_label(code: str) -> str:
    return str(LABELS.get(code, code))


@bp.app_template_filter("record_detail")
def record_detail(detail: str) -> str:
    """A stored detail in words: each part of "code:value" labelled ("status:cancelled" reads
    "status: cancelled"); an old record's words are shown as they were written."""
    if " " in detail.strip():
        return detail
    return ": ".join(record_label(part) for part in detail.split(":") if part)


bp.before_request(require_staff)


def _newest_first(model):
    """One page of a record, newest first; a page past the end is simply empty."""
    return db.paginate(
        db.select(model).order_by(model.at.desc(), model.id.desc()),
        page=page_number(),
        per_page=50,
        error_out=False,
    )


def _audit_page(review_form: ReviewForm, status: int = 200):
    chosen = audit.read_filter(request.args)
    records = None
    if not chosen.errors:
        records = db.paginate(audit.select(chosen), page=page_number(), per_page=50,
                              error_out=False)  # fmt: skip
    return render_template(
        "records/audit.html",
        records=records,
        chosen=chosen,
        staff_names=audit.staff_usernames(),
        actions=audit.ACTIONS,
        review_form=review_form,
        reviews=latest_reviews(),
        kept=inventory.ACCESS_RECORD,
    ), 400 if chosen.errors else status


@bp.get("/audit", endpoint="audit")
@owner_required
def audit_index():
    chosen = audit.read_filter(request.args)
    if request.args.get("format") == "csv" and not chosen.errors:
        rows = db.session.scalars(audit.select(chosen).limit(audit.CSV_LIMIT))
        body = audit.as_csv(rows)
        # The download holds staff names and addresses: it is itself a look at the records.
        record_access(current_user, "export", "access_record", None, "csv",
                      request.remote_addr or "")  # fmt: skip
        db.session.commit()
        dates = [chosen.args()[key] for key in ("from", "to") if key in chosen.args()]
        name = "-".join(["access-record", *dates])
        disposition = f'attachment; filename="{name}.csv"'
        return Response(body, mimetype="text/csv", headers={"Content-Disposition": disposition})
    return _audit_page(ReviewForm())


@bp.post("/audit/review")
@owner_required
def review():
    form = ReviewForm()
    status = 422
    if form.validate_on_submit():
        try:
            mark_reviewed(current_user, form.month.data, form.note.data)
        except RecordsRefused as refused:
            status = form.refused(refused, "month")
        else:
            db.session.commit()
            flash(_("The month is marked reviewed."), "success")
            return redirect(url_for("records_admin.audit"), code=303)
    return _audit_page(form, status)


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


ON_REQUEST = "deleted on request: "


def rule_words(kind: str, rule: str) -> str:
    """The rule a destruction followed, in the page's language: a retention period ended (the
    inventory's period for that kind), a request (its reason), a withdrawal, the author."""
    if rule.startswith(ON_REQUEST):
        return _("Destroyed on request: %(reason)s", reason=record_label(rule[len(ON_REQUEST) :]))
    if rule == "withdrawal":
        return _("The member withdrew")
    if rule == "deleted by the author":
        return _("Deleted by its author")
    period = next((r.period for r in hooks.retention_rules if r.kind == kind), None)
    if period is not None:
        return _("Its retention period ended (%(period)s)", period=period.describe(get_settings()))
    return rule


@bp.get("/audit/destructions")
@owner_required
def destructions():
    return render_template(
        "records/destructions.html",
        records=_newest_first(DestructionLog),
        kept=inventory.COMPLAINT_RECORD,
        rule_words=rule_words,
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
