"""The consultation board's rules: writing, opening, editing and deleting inquiries, the staff's
replies and destruction, and the retention purge."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import ColumnElement

from .. import clock
from ..database import affected
from ..extensions import db
from ..inventory import CONSULTATION, ConsentNotice, consent_notice
from ..policy.services import consent_version
from ..records.services import log_destruction
from ..security import hash_password, verify_password
from ..settings.services import get_settings
from .models import ConsultationPost, ConsultationReply

PER_PAGE = 20


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
    password: str | None,
    mobile: str,
    email: str | None,
    title: str,
    body: str,
    agree_privacy: bool,
    agree_sensitive: bool,
    member_id: int | None = None,
) -> ConsultationPost:
    """Store a new inquiry with its password hashed and the policy version consent was given
    under. Both consents must be given; the caller has validated the shapes. Only a member's
    inquiry (``member_id``) may come without a password."""
    if not password and member_id is None:
        raise BoardError("a visitor's inquiry needs a password")
    if not (agree_privacy and agree_sensitive):
        raise BoardError("both consents are required")
    post = ConsultationPost(
        name=name,
        # A member's inquiry without a password of its own opens only with the member's sign-in:
        # it gets the hash of a random secret nobody knows.
        password_hash=hash_password(password or secrets.token_urlsafe(32)),
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
    count = affected(db.session, db.delete(ConsultationPost).where(ConsultationPost.id == post.id))
    db.session.expunge(post)
    if count:
        log_destruction("consultation", count, rule)
    db.session.flush()


def destroy_for_member(member_id: int) -> int:
    """Destroy every inquiry a member wrote, with its replies (withdrawal); returns how many."""
    return affected(
        db.session, db.delete(ConsultationPost).where(ConsultationPost.member_id == member_id)
    )


def export_for_member(member_id: int) -> list[dict]:
    """A member's inquiries with their replies, as plain values for the data download."""
    posts = db.session.scalars(
        db.select(ConsultationPost)
        .where(ConsultationPost.member_id == member_id)
        .order_by(ConsultationPost.id)
    )
    return [
        {
            "number": post.id,
            "written_at": post.created_at.isoformat(),
            "name": post.name,
            "mobile": post.mobile,
            "email": post.email,
            "title": post.title,
            "question": post.body,
            "consent_policy_version": post.consent_policy_version,
            "replies": [
                {"at": reply.created_at.isoformat(), "by": reply.staff_name, "text": reply.body}
                for reply in post.replies
            ],
        }
        for post in posts
    ]


def mine(member_id: int) -> list[tuple[int, str, datetime, bool]]:
    """(number, title, written at, answered) of a member's inquiries, newest first."""
    rows = db.session.execute(
        db.select(
            ConsultationPost.id,
            ConsultationPost.title,
            ConsultationPost.created_at,
            ConsultationPost.last_reply_at,
        )
        .where(ConsultationPost.member_id == member_id)
        .order_by(ConsultationPost.id.desc())
    )
    return [(number, title, at, replied is not None) for number, title, at, replied in rows]


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


def list_page(
    page: int,
    status: str | None = None,
    number: int | None = None,
    older_than: int | None = None,
    newer_than: int | None = None,
) -> ListPage | None:
    """One page of the board, newest first, in one query: the page's ids come from a scan of the
    narrow (created_at, id) index, then only those rows are read, and no count is taken (one extra
    row tells whether an older page exists). ``status`` is "waiting" or "answered"; ``number``
    finds one inquiry. None when ``page`` is past the end (page 1 always exists, empty or not).

    ``older_than`` / ``newer_than`` name the inquiry at the edge of the page the reader came from
    (the "older" and "newer" links carry it): the page then starts right beside it, at the same
    cost however deep it is. Without one, ``page`` is counted from the top (``?page=N``)."""
    if page < 1:
        return None
    where: list[ColumnElement[bool]] = []
    if status == "waiting":
        where.append(ConsultationPost.last_reply_at.is_(None))
    elif status == "answered":
        where.append(ConsultationPost.last_reply_at.is_not(None))
    if number is not None:
        where.append(ConsultationPost.id == number)
    key = sa.tuple_(ConsultationPost.created_at, ConsultationPost.id)
    newest_first = (ConsultationPost.created_at.desc(), ConsultationPost.id.desc())
    oldest_first = (ConsultationPost.created_at, ConsultationPost.id)
    edge = _edge(older_than if older_than is not None else newer_than)
    ids = db.select(ConsultationPost.id).where(*where).limit(PER_PAGE + 1)
    if edge is not None and older_than is not None:
        ids = ids.where(key < sa.tuple_(*edge)).order_by(*newest_first)
    elif edge is not None:
        # The page above: the nearest newer rows, read upwards from the edge.
        ids = ids.where(key > sa.tuple_(*edge)).order_by(*oldest_first).limit(PER_PAGE)
    else:
        ids = ids.order_by(*newest_first).offset((page - 1) * PER_PAGE)
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
    if edge is not None and older_than is None:
        return ListPage(rows, page, True)  # the edge itself is older
    return ListPage(rows[:PER_PAGE], page, len(rows) > PER_PAGE)


def _edge(post_id: int | None) -> tuple[datetime, int] | None:
    """(created_at, id) of the inquiry a page starts beside; None when there is none (it may
    have been deleted since: the page number is used instead)."""
    if post_id is None:
        return None
    created = db.session.scalar(
        db.select(ConsultationPost.created_at).where(ConsultationPost.id == post_id)
    )
    return None if created is None else (created, post_id)


def retention_days() -> int:
    """How many days an inquiry is kept after its last reply (the owner's setting)."""
    return max(1, CONSULTATION.days(get_settings()))


def expired(at: datetime) -> ColumnElement[bool]:
    """Inquiries whose retention period has run out at ``at``: the set number of days after the
    last reply, or after writing if never answered. Their replies go with them through the
    foreign key's ON DELETE CASCADE."""
    cutoff = at - timedelta(days=retention_days())
    return db.or_(
        ConsultationPost.last_reply_at < cutoff,
        db.and_(ConsultationPost.last_reply_at.is_(None), ConsultationPost.created_at < cutoff),
    )


def consent_notices() -> dict[str, ConsentNotice | int | None]:
    """The notices for ``agree_privacy`` and ``agree_sensitive``, from the inventory, and the
    privacy-policy version a consent given now is given under (``version``)."""
    settings = get_settings()
    return {
        "privacy": consent_notice("consultation", settings, sensitive=False),
        "sensitive": consent_notice("consultation", settings, sensitive=True),
        "version": consent_version(),
    }
