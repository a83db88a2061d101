"""The evidence the privacy desk shows, read from the database as it is now. Each check returns a
``Finding``: the promise, the mechanism that keeps it, the latest evidence, and a level (red: the
promise is broken now; amber: it may be soon, or nothing proves it yet; green: kept) with the
reason and what to do, in words."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from flask import current_app, g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.models import Member
from ..board.models import ConsultationPost
from ..core import dates
from ..extensions import db
from ..platform import clock, hooks
from ..platform.hooks import Evidence, Rule
from ..privacy import inventory
from ..records.models import (
    AccessReview,
    BackupRecord,
    ConsentRecord,
    DestructionLog,
    PurgeRun,
    RestoreCheck,
)
from ..reservations.requests.models import ReservationRequest
from ..settings.queries import get_settings
from ..staff.access.models import AccessRightsRecord
from ..staff.models import StaffUser

RED, AMBER, GREEN = "red", "amber", "green"
# The purge runs daily; a day's slack covers a late cron.
PURGE_LATE = timedelta(days=2)
BACKUP_LATE = timedelta(days=2)
MONTH = timedelta(days=31)


def _when(instant: datetime | None) -> str:
    return dates.moment(instant) if instant else _("never")


def _retention(rule: Rule, now: datetime) -> Evidence:
    settings = get_settings()
    period = rule.period.describe(settings) if rule.period is not None else ""
    last = db.session.scalar(
        db.select(DestructionLog)
        .where(DestructionLog.kind == rule.kind)
        .order_by(DestructionLog.at.desc(), DestructionLog.id.desc())
        .limit(1)
    )
    evidence = (
        _("Last destroyed %(when)s: %(count)d.", when=_when(last.at), count=last.count)
        if last
        else _("Nothing destroyed yet.")
    )
    overdue = getattr(rule.destroy_expired, "overdue", None)
    oldest = getattr(rule.destroy_expired, "oldest", None)
    found = oldest() if oldest is not None else None
    if found is not None:
        evidence += " " + _("Oldest kept: %(when)s.", when=_when(found))
    promise = _("%(kind)s: kept %(period)s", kind=kind_words(rule.kind), period=period)
    mechanism = _("The purge destroys it once its period has ended.")
    if overdue is None:
        return Evidence("retention", promise, mechanism, evidence, GREEN,
                       _("Destroyed by the purge on every machine that keeps it."))  # fmt: skip
    late = overdue(now)
    if late:
        reason = _(
            "%(count)d kept past the period. Run flask purge, and check that it runs daily.",
            count=late,
        )
        return Evidence(
            "retention",
            promise,
            mechanism,
            evidence,
            RED,
            reason,
            "records_admin.destructions",
        )
    return Evidence(
        "retention",
        promise,
        mechanism,
        evidence,
        GREEN,
        _("None is kept past its period."),
    )


def kind_words(kind: str) -> str:
    words = {
        "consultation": _("Inquiries"), "reservation": _("Reservations"),
        "reservation_request": _("Reservation requests"), "waitlist": _("Waiting list"),
        "access_record": _("Access record"), "destruction_log": _("Destruction log"),
        "sign_in_record": _("Sign-in record"), "consent_record": _("Cookie consent record"),
        "visit_record": _("Visit record"), "backup": _("Backups"),
        "access_rights_record": _("Access-rights record"), "message_log": _("Message log"),
        "message_text": _("Message text and address"), "rights_request": _("Rights requests"),
    }  # fmt: skip
    return words.get(kind, kind)


def _purge_runs(now: datetime) -> Evidence:
    last = db.session.scalar(db.select(PurgeRun).order_by(PurgeRun.at.desc()).limit(1))
    promise = _("Records are destroyed without delay once their period ends")
    mechanism = _("flask purge, daily from cron (the site also starts it once a day).")
    if last is None:
        return Evidence("destruction", promise, mechanism, _("The purge has never run."), RED,
                       _("For whoever runs the server: run flask purge now and set it to run "
                         "daily (see the operator's guide)."), server=True)  # fmt: skip
    evidence = _("Last run %(when)s; it destroyed %(count)d.", when=_when(last.at),
                 count=last.destroyed)  # fmt: skip
    if now - last.at > PURGE_LATE:
        return Evidence("destruction", promise, mechanism, evidence, RED,
                       _("The purge has not run for more than 2 days. For whoever runs the server: "
                         "run flask purge and check its schedule."), server=True)  # fmt: skip
    return Evidence(
        "destruction",
        promise,
        mechanism,
        evidence,
        GREEN,
        _("It ran within the last 2 days."),
    )


def _consents() -> Evidence:
    counts: Counter[int | None] = Counter()
    for column in (
        ConsultationPost.consent_policy_version,
        Member.consent_policy_version,
        ReservationRequest.consent_policy_version,
    ):
        rows = db.session.execute(db.select(column, db.func.count()).group_by(column))
        for version, count in rows:
            counts[version] += count
    cookies = db.session.execute(
        db.select(ConsentRecord.policy_version, db.func.count()).group_by(
            ConsentRecord.policy_version
        )
    )
    cookie_counts: dict[int | None, int] = {version: count for version, count in cookies}
    versions = sorted({*counts, *cookie_counts}, key=lambda v: (v is None, v or 0))
    parts = [
        _("version %(version)s: %(forms)d consents, %(cookies)d cookie choices",
          version=v, forms=counts.get(v, 0), cookies=cookie_counts.get(v, 0))
        if v is not None
        else _("before any published version: %(forms)d consents, %(cookies)d cookie choices",
               forms=counts.get(v, 0), cookies=cookie_counts.get(v, 0))
        for v in versions
    ]  # fmt: skip
    return Evidence(
        "consent",
        _("Every consent names the policy version it was given under"),
        _("Forms store the version in effect with each consent; cookie choices too."),
        "; ".join(parts) if parts else _("No consent on file yet."),
        GREEN,
        _("Consents on file, by policy version."),
    )


def _second_factor() -> Evidence:
    without = list(
        db.session.scalars(
            db.select(StaffUser.username).where(
                StaffUser.disabled_at.is_(None),
                StaffUser.password_hash != "",
                db.or_(StaffUser.totp_secret.is_(None), StaffUser.totp_last_step.is_(None)),
            )
        )
    )
    promise = _("Staff sign in with a password and a one-time code")
    mechanism = _("Two-step sign-in (an authenticator app); CLINIC_STAFF_2FA=%(mode)s.",
                  mode=current_app.config["CLINIC_STAFF_2FA"])  # fmt: skip
    if without:
        return Evidence("safety", promise, mechanism, ", ".join(without), RED,
                       _("%(count)d staff sign in without a second factor: they set it up "
                         "under Two-step sign-in, or you disable the account.",
                         count=len(without)), "staff_access.index")  # fmt: skip
    return Evidence("safety", promise, mechanism, _("Every active account has it."), GREEN,
                   _("No one signs in with a password alone."))  # fmt: skip


def _access_rights() -> Evidence:
    last = db.session.scalar(
        db.select(AccessRightsRecord).order_by(AccessRightsRecord.at.desc()).limit(1)
    )
    return Evidence(
        "safety",
        _("Every grant, change and removal of staff access is recorded"),
        _("The access-rights record, kept %(period)s.", period=inventory.ACCESS_RIGHTS_RECORD),
        _("Last change %(when)s.", when=_when(last.at)) if last else _("No change recorded yet."),
        GREEN,
        _("Staff accounts are changed only through the site or its commands, which record it."),
        "staff_access.index",
    )


def _review(now: datetime) -> Evidence:
    last = db.session.scalar(db.select(AccessReview).order_by(AccessReview.reviewed_at.desc()))
    promise = _("The access record is checked at least monthly")
    mechanism = _("The owner reviews the access record and marks the month reviewed.")
    if last is None:
        return Evidence("safety", promise, mechanism, _("No month reviewed yet."), AMBER,
                       _("Review last month's access record and mark it reviewed."),
                       "records_admin.audit")  # fmt: skip
    evidence = _("%(month)s reviewed %(when)s by %(name)s.", month=last.month.strftime("%Y-%m"),
                 when=_when(last.reviewed_at), name=last.reviewer_name)  # fmt: skip
    if now - last.reviewed_at > MONTH:
        return Evidence("safety", promise, mechanism, evidence, AMBER,
                       _("The last review is more than a month old: review the access record."),
                       "records_admin.audit")  # fmt: skip
    return Evidence(
        "safety",
        promise,
        mechanism,
        evidence,
        GREEN,
        _("Reviewed within the last month."),
    )


def _backup(now: datetime) -> Evidence:
    last = db.session.scalar(
        db.select(BackupRecord)
        .where(BackupRecord.destroyed_at.is_(None))
        .order_by(BackupRecord.at.desc())
        .limit(1)
    )
    days = inventory.BACKUP_KEPT.days(get_settings())
    promise = _("A recent copy of the data exists, kept %(days)d days", days=days)
    mechanism = _("flask backup, daily from cron; the purge destroys older backups.")
    if last is None:
        return Evidence("safety", promise, mechanism, _("No backup on file."), RED,
                       _("For whoever runs the server: run flask backup and set it to run "
                         "daily (see the operator's guide)."), server=True)  # fmt: skip
    evidence = _("Last backup %(when)s.", when=_when(last.at))
    if now - last.at > BACKUP_LATE:
        return Evidence("safety", promise, mechanism, evidence, AMBER,
                       _("The last backup is more than 2 days old."))  # fmt: skip
    return Evidence(
        "safety",
        promise,
        mechanism,
        evidence,
        GREEN,
        _("A backup from the last 2 days."),
    )


def _restore(now: datetime) -> Evidence:
    last = db.session.scalar(db.select(RestoreCheck).order_by(RestoreCheck.at.desc()).limit(1))
    good = db.session.scalar(
        db.select(RestoreCheck).where(RestoreCheck.ok).order_by(RestoreCheck.at.desc()).limit(1)
    )
    promise = _("A backup is proven to restore")
    mechanism = _("flask restore-check restores a backup into a throwaway database and "
                  "compares every table.")  # fmt: skip
    evidence = _("Last successful check %(when)s.", when=_when(good.at if good else None))
    if last is not None and not last.ok:
        return Evidence("safety", promise, mechanism, evidence, RED,
                       _("The last check failed (%(message)s): make a new backup and check it.",
                         message=last.message[:200]), server=True)  # fmt: skip
    if good is None or now - good.at > MONTH:
        reason = _("No backup was proven to restore this month: run flask restore-check.")
        return Evidence("safety", promise, mechanism, evidence, AMBER, reason)
    return Evidence(
        "safety",
        promise,
        mechanism,
        evidence,
        GREEN,
        _("Checked within the last month."),
    )


# The policy's sections, in its order, and the group of promises each shows.
SECTIONS = (
    ("consent", _l("What we collect, under which consent (sections 1 and 9)")),
    ("retention", _l("How long we keep it (section 3)")),
    ("destruction", _l("How we destroy it (section 4)")),
    ("rights", _l("Your rights (section 7)")),
    ("safety", _l("How we keep it safe (section 11)")),
)


def findings() -> list[tuple[str, list[Evidence]]]:
    """Every promise with its evidence, grouped as the policy groups them: the desk's own, then
    what other rooms report through the ``privacy_evidence`` hook."""
    now = clock.now()
    found = [
        _consents(),
        *(_retention(rule, now) for rule in hooks.retention_rules),
        _purge_runs(now),
        _second_factor(), _access_rights(), _review(now), _backup(now), _restore(now),
        *(item for source in hooks.privacy_evidence for item in source()),
    ]  # fmt: skip
    known = {group for group, _title in SECTIONS}
    groups = [(str(title), [f for f in found if f.group == group]) for group, title in SECTIONS]
    groups.append((_("Other promises"), [f for f in found if f.group not in known]))
    return [(title, items) for title, items in groups if items]


def reds(server: bool = False) -> int:
    """How many promises are broken now: the owner's to mend, or (``server``) the server's.
    The findings are read once per request (the dashboard asks for both counts)."""
    if "privacy_reds" not in g:
        g.privacy_reds = Counter(
            f.server for _title, group in findings() for f in group if f.level == RED
        )
    return g.privacy_reds[server]
