"""The owner's review of the access record: the filter a request asks for (staff member, action,
record, dates in the clinic's time zone), the rows it selects, and those rows as CSV a spreadsheet
opens safely (no cell is run as a formula)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _

from ..extensions import db
from ..platform import clock, hooks
from ..platform.params import MAX_ID, in_range
from .models import AccessRecord

ACTIONS = ("view", "update", "reply", "destroy", "export", "search")
CSV_LIMIT = 100_000


@dataclass
class AuditFilter:
    """What the owner asked to see; ``errors`` say, in words, what could not be read."""

    staff: str = ""
    action: str = ""
    record: str = ""
    record_id: int | None = None
    start: date | None = None
    end: date | None = None
    errors: list[str] = field(default_factory=list)

    def args(self) -> dict[str, str]:
        """The filter as query arguments, for links to the next page and to the CSV."""
        found = {
            "staff": self.staff,
            "action": self.action,
            "record": self.record,
            "record_id": str(self.record_id) if self.record_id else "",
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }
        return {key: value for key, value in found.items() if value}


def _day(raw: str, label: str, errors: list[str]) -> date | None:
    if not raw:
        return None
    try:
        parsed = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        parsed = None
    if parsed is None or not in_range(parsed):
        errors.append(
            _("%(label)s: write a date as YYYY-MM-DD, for example 2026-03-01.", label=label)
        )
        return None
    return parsed


def read_filter(args: Mapping[str, str]) -> AuditFilter:
    """The filter in ``args`` (a request's query string); what cannot be read is named in
    ``errors`` and left out."""
    errors: list[str] = []
    found = AuditFilter(
        staff=(args.get("staff") or "").strip().lower()[:40],
        action=(args.get("action") or "").strip()[:20],
        record=(args.get("record") or "").strip()[:30],
        start=_day((args.get("from") or "").strip(), _("First day"), errors),
        end=_day((args.get("to") or "").strip(), _("Last day"), errors),
        errors=errors,
    )
    if found.action and found.action not in ACTIONS:
        errors.append(_("Action: choose one from the list."))
        found.action = ""
    raw_id = (args.get("record_id") or "").strip()
    if raw_id:
        if raw_id.isascii() and raw_id.isdigit() and 1 <= int(raw_id) <= MAX_ID:
            found.record_id = int(raw_id)
        else:
            errors.append(_("Record number: write a whole number."))
    if found.start and found.end and found.start > found.end:
        errors.append(_("The first day comes after the last day."))
    return found


def _instant(day: date) -> datetime:
    """The start of ``day`` in the clinic's time zone, as an instant."""
    return datetime.combine(day, time(), tzinfo=clock.zone()).astimezone(UTC)


def select(chosen: AuditFilter):
    """The rows of the access record ``chosen`` selects, newest first."""
    query = db.select(AccessRecord)
    if chosen.staff:
        query = query.where(AccessRecord.actor_kind == "staff")
        query = query.where(AccessRecord.actor_name == chosen.staff)
    if chosen.action:
        query = query.where(AccessRecord.action == chosen.action)
    if chosen.record:
        query = query.where(AccessRecord.subject_kind == chosen.record)
    if chosen.record_id:
        query = query.where(AccessRecord.subject_id == chosen.record_id)
    if chosen.start:
        query = query.where(AccessRecord.at >= _instant(chosen.start))
    if chosen.end:
        query = query.where(AccessRecord.at < _instant(chosen.end + timedelta(days=1)))
    return query.order_by(AccessRecord.at.desc(), AccessRecord.id.desc())


def staff_usernames() -> list[str]:
    """The usernames of every staff account, for the filter's choices."""
    model = next((each.model for each in hooks.user_kinds if each.kind == "staff"), None)
    if model is None:
        return []
    return list(db.session.scalars(db.select(model.username).order_by(model.username)))


def cell(value: object) -> str:
    """A value as a spreadsheet cell that is never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_COLUMNS = ("time", "staff", "actor", "action", "record", "record_id", "detail", "ip")


def as_csv(rows: Iterable[AccessRecord]) -> str:
    """The rows as CSV (UTF-8 with a byte-order mark, so a spreadsheet reads the Korean), times
    in the clinic's time zone."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(
            [
                clock.to_local(r.at).isoformat(timespec="seconds"),
                cell(r.actor_name),
                r.actor_kind,
                r.action,
                cell(r.subject_kind),
                r.subject_id if r.subject_id is not None else "",
                cell(r.detail),
                cell(r.ip),
            ]
        )
    return out.getvalue()
