"""The consultation board's rules: writing, opening, editing and deleting inquiries, the staff's
replies and destruction, and the retention purge."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .. import clock
from ..core.settings import get_settings
from ..extensions import db
from ..policy.services import consent_version
from ..records.services import log_destruction
from ..security import hash_password, verify_password
from .models import ConsultationPost, ConsultationReply

PER_PAGE = 20
_MOBILE = re.compile(r"01[016789][0-9]{7,8}")
_MOBILE_SEPARATORS = re.compile(r"[\s\-.]")


class BoardError(Exception):
    """A rule of the board refused the action; routes turn it into a status and a message. The
    forms check the same rules first, so this is met only when the state changed in between or a
    caller other than the forms broke a rule."""


class AlreadyAnswered(BoardError):
    """An answered inquiry can no longer be edited: the reply would no longer fit the question.
    Routes check first; this is met when a reply arrives between that check and the change."""


@dataclass(frozen=True)
class ListPage:
    items: list
    page: int
    has_next: bool


def normalise_mobile(raw: str | None) -> str | None:
    """A Korean mobile number (010, 011, 016-019 and 7 or 8 more digits, with or without hyphens,
    spaces or dots) as "010-1234-5678", or None when it is not one."""
    digits = _MOBILE_SEPARATORS.sub("", raw or "")
    if not _MOBILE.fullmatch(digits):
        return None
    return f"{digits[:3]}-{digits[3:-4]}-{digits[-4:]}"


def mask_name(name: str) -> str:
    """The first character and an asterisk for each other one ("홍길동" → "홍**"); a one-character
    name becomes "*" so it is never shown whole."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)


def create_post(
    *,
    name: str,
    password: str,
    mobile: str,
    email: str | None,
    title: str,
    body: str,
    agree_privacy: bool,
    agree_sensitive: bool,
    member_id: int | None = None,
) -> ConsultationPost:
    """Store a new inquiry with its password hashed and the policy version consent was given
    under. Both consents must be given; the caller has validated the shapes."""
    if not (agree_privacy and agree_sensitive):
        raise BoardError("both consents are required")
    post = ConsultationPost(
        name=name,
        password_hash=hash_password(password),
        mobile=mobile,
        email=email or None,
        title=title,
        body=body,
        created_at=clock.now(),
        agree_privacy=True,
        agree_sensitive=True,
        consent_policy_version=consent_version(),
        member_id=member_id,
    )
    db.session.add(post)
    db.session.flush()
    return post


def check_password(post: ConsultationPost, password: str) -> bool:
    """Whether ``password`` opens ``post``."""
    return verify_password(post.password_hash, password or "")


def update_post(post: ConsultationPost, **values) -> ConsultationPost:
    """Change the author's own inquiry, renewing consent under today's policy version. Refused
    with ``AlreadyAnswered`` once staff have replied."""
    if post.answered:
        raise AlreadyAnswered()
    if not (values.pop("agree_privacy", False) and values.pop("agree_sensitive", False)):
        raise BoardError("both consents are required")
    for key in ("name", "mobile", "email", "title", "body"):
        if key in values:
            setattr(post, key, values[key] or (None if key == "email" else ""))
    post.consent_policy_version = consent_version()
    post.updated_at = clock.now()
    db.session.flush()
    return post


def delete_post(post: ConsultationPost, rule: str) -> None:
    """Destroy the inquiry and its replies at once (no grace period) and log that one was
    destroyed under ``rule``, without content. Nothing is logged when another request destroyed
    it first."""
    # The replies go with it through the foreign key's ON DELETE CASCADE (SQLite runs with
    # foreign_keys=ON): one statement, on either database.
    result = db.session.execute(db.delete(ConsultationPost).where(ConsultationPost.id == post.id))
    db.session.expunge(post)
    if result.rowcount:
        log_destruction("consultation", result.rowcount, rule)
    db.session.flush()


def add_reply(post: ConsultationPost, staff, body: str) -> ConsultationReply:
    """Add a staff member's reply; the inquiry counts as answered from now on."""
    at = clock.now()
    reply = ConsultationReply(
        post_id=post.id, staff_id=staff.id, staff_name=staff.name, body=body, created_at=at
    )
    db.session.add(reply)
    post.last_reply_at = at
    db.session.flush()
    return reply


def list_page(page: int, status: str | None = None, number: int | None = None) -> ListPage | None:
    """One page of the board, newest first, in one query whose cost does not grow with the table:
    the page's ids come from a scan of the narrow (created_at, id) index, then only those rows are
    read, and no count is taken (one extra row tells whether an older page exists). ``status`` is
    "waiting" or "answered"; ``number`` finds one inquiry. None when ``page`` is past the end
    (page 1 always exists, empty or not)."""
    if page < 1:
        return None
    where = []
    if status == "waiting":
        where.append(ConsultationPost.last_reply_at.is_(None))
    elif status == "answered":
        where.append(ConsultationPost.last_reply_at.is_not(None))
    if number is not None:
        where.append(ConsultationPost.id == number)
    newest_first = (ConsultationPost.created_at.desc(), ConsultationPost.id.desc())
    ids = (
        db.select(ConsultationPost.id)
        .where(*where)
        .order_by(*newest_first)
        .limit(PER_PAGE + 1)
        .offset((page - 1) * PER_PAGE)
    )
    query = (
        db.select(
            ConsultationPost.id,
            ConsultationPost.name,
            ConsultationPost.title,
            ConsultationPost.created_at,
            ConsultationPost.last_reply_at,
        )
        .where(ConsultationPost.id.in_(ids.scalar_subquery()))
        .order_by(*newest_first)
    )
    rows = list(db.session.execute(query))
    if not rows and page > 1:
        return None
    return ListPage(rows[:PER_PAGE], page, len(rows) > PER_PAGE)


def retention_days() -> int:
    return max(1, int(get_settings().consultation_retention_days))


def destroy_expired(at: datetime) -> int:
    """Destroy every inquiry whose retention period has run out at ``at``: the set number of days
    after its last reply, or after it was written if it was never answered. Their replies go
    with them through the foreign key's ON DELETE CASCADE."""
    cutoff = at - timedelta(days=retention_days())
    expired = db.select(ConsultationPost.id).where(
        db.or_(
            ConsultationPost.last_reply_at < cutoff,
            db.and_(ConsultationPost.last_reply_at.is_(None), ConsultationPost.created_at < cutoff),
        )
    )
    ids = list(db.session.scalars(expired))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        db.session.execute(db.delete(ConsultationPost).where(ConsultationPost.id.in_(chunk)))
    return len(ids)


@dataclass(frozen=True)
class ConsentNotice:
    """What the law asks to be shown beside a consent box: items, purposes, retention."""

    items: list
    purposes: list
    retention: list
    days: int


def consent_notices() -> dict[str, ConsentNotice]:
    """The notices for ``agree_privacy`` and ``agree_sensitive``, drawn from the inventory so
    the form, the policy and the retention rule say the same thing."""
    from ..inventory import ITEMS

    days = retention_days()
    notices = {}
    for key, sensitive in (("privacy", False), ("sensitive", True)):
        items = [i for i in ITEMS if i.group == "consultation" and i.sensitive == sensitive]
        notices[key] = ConsentNotice(
            items=items,
            purposes=list(dict.fromkeys(str(i.purpose) for i in items)),
            retention=list(dict.fromkeys(str(i.retention) for i in items)),
            days=days,
        )
    return notices
