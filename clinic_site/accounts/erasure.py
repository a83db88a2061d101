"""What the site holds about a member: all of it as a download, and all of it destroyed at once on
withdrawal (or on a request staff receive), leaving only records the law requires, which name no
one once the account is gone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..identity.users import normal_username
from ..limits.sign_in import forget
from ..platform import clock, hooks, limit_keys
from ..platform.database import affected
from ..privacy import inventory
from ..records.models import AccessRecord, SignInRecord
from ..records.services import log_destruction, record_access
from .models import Member

# The account's own fields, as the export names them.
ACCOUNT_FIELDS = (
    "username", "name", "phone", "mobile", "email", "email_opt_in", "is_child", "guardian_name",
    "guardian_mobile", "guardian_confirmed_at", "held_at", "hold_reason",
    "consent_policy_version", "agreed_at", "created_at", "last_login_at",
)  # fmt: skip


ON_REQUEST = "deleted on request: "
ACCOUNT = _l("Your account: name, ID, password, phone numbers, email and consent")
# What a withdrawal keeps, and why: records the law or the policy requires, naming no one.
KEPT = (
    (
        _l("Sign-in record (time, address, result), under a number that no longer leads to you"),
        _l("%(period)s after each sign-in, as the law requires", period=inventory.IDENTITY_RECORD),
    ),
    (
        _l("Access record of staff handling your data (who, when, what; no content)"),
        _l(
            "%(period)s, to show your data was handled properly",
            period=inventory.ACCESS_RECORD,
        ),
    ),
    (
        _l("Destruction log (that an account was destroyed, when and why; no content)"),
        _l(
            "%(period)s, the period set for records of complaints",
            period=inventory.COMPLAINT_RECORD,
        ),
    ),
)


@dataclass
class Receipt:
    """What a withdrawal destroyed and what it kept, with why and for how long. Counts and
    words only: it is shown after the account is gone, so it holds nothing about the person."""

    at: datetime
    destroyed: list[tuple[str, int]] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)

    def as_session(self) -> dict:
        return {"at": self.at.isoformat(), "destroyed": self.destroyed, "kept": self.kept}


def login_counter_name(username: str | None) -> str:
    """How the sign-in limits name a member's ID, before it is hashed into the counter's key."""
    return "member-login:" + normal_username(username)[:40]


def verify_counter_key(member_id: int) -> str:
    """The key of the member's counter of wrong passwords at an identity check."""
    return "verify:" + limit_keys.hashed(f"member-verify:{member_id}")


def forget_counters(username: str, member_id: int) -> None:
    """Clear the member's limit counters (wrong passwords at sign-in, from every address, and at
    identity checks): nothing of them stays in the limiter's storage, and whoever takes the ID
    next starts afresh."""
    forget(limit_keys.account_tag(login_counter_name(username)))
    forget(verify_counter_key(member_id))


def _plain(value):
    return clock.stamp(value) if isinstance(value, datetime) else value


def export_data(member: Member, ip: str = "") -> dict:
    """Everything stored about ``member``, as JSON-ready values. The export itself is noted in
    the access record."""
    data: dict[str, object] = {
        "exported_at": clock.stamp(clock.now()),
        "account": {name: _plain(getattr(member, name)) for name in ACCOUNT_FIELDS},
        "status": member.status,
    }
    for holder in hooks.member_data:
        data[holder.kind] = holder.export(member.id)
    data["sign_in_record"] = [
        {"at": clock.stamp(r.at), "outcome": r.outcome, "ip": r.ip}
        for r in db.session.scalars(
            db.select(SignInRecord)
            .where(SignInRecord.account_kind == "member", SignInRecord.account_id == member.id)
            .order_by(SignInRecord.at)
        )
    ]
    data["access_record"] = [
        {"at": clock.stamp(r.at), "by": r.actor_kind, "action": r.action}
        for r in db.session.scalars(
            db.select(AccessRecord)
            .where(AccessRecord.subject_kind == "member", AccessRecord.subject_id == member.id)
            .order_by(AccessRecord.at)
        )
    ]
    record_access(member, "export", "member", member.id, ip=ip)
    return data


def destroy_member(member: Member, rule: str, actor=None, ip: str = "") -> Receipt:
    """Destroy ``member`` and everything tied to them at once (no grace period): the account, its
    consent, and what every holder keeps (inquiries with their replies, reservations, which frees
    their slots). Signs out every session, since the account is gone, and frees the ID with clean
    limit counters. Logs each kind destroyed under ``rule`` (no content) and returns the receipt."""
    receipt = Receipt(at=clock.now())
    member_id = member.id
    forget_counters(member.username, member_id)
    for holder in hooks.member_data:
        count = holder.destroy(member_id)
        receipt.destroyed.append((str(holder.label), count))
        if count:
            log_destruction(holder.kind, count, rule)
    account = affected(db.session, db.delete(Member).where(Member.id == member_id))
    db.session.expunge(member)
    receipt.destroyed.insert(0, (str(ACCOUNT), account))
    log_destruction("member", account, rule)
    # Who did it, under the number the account had; the record holds nothing else about them.
    # The detail is a code ("withdrawal", "request:member_request") the owner's page words.
    detail = rule.replace(ON_REQUEST, "request:") if rule.startswith(ON_REQUEST) else rule
    record_access(actor, "destroy", "member", member_id, detail=detail, ip=ip)
    receipt.kept = [(str(what), str(how_long)) for what, how_long in KEPT]
    db.session.flush()
    return receipt
