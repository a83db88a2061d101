"""Reading the board: the public list (masked, in one query), a member's own inquiries, the
consent notices beside the form, and the staff's reads of an inquiry, which write the access
record themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement

from ..extensions import db
from ..platform import clock
from ..platform.hooks import Mine
from ..policy.services import consent_version
from ..privacy.inventory import ConsentNotice, consent_notice
from ..records.services import record_access
from ..settings.queries import get_settings
from .models import ConsultationPost

PER_PAGE = 20


@dataclass(frozen=True)
class ListPage:
    items: list
    page: int
    has_next: bool


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
            ConsultationPost.title_private,
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


def waiting_count() -> int:
    """How many inquiries have no reply yet."""
    return (
        db.session.scalar(
            db.select(db.func.count())
            .select_from(ConsultationPost)
            .where(ConsultationPost.last_reply_at.is_(None))
        )
        or 0
    )


def post_for_staff(post_id: int, staff, ip: str) -> ConsultationPost | None:
    """The inquiry with the author's name, contact and question, for a member of staff: every
    reading of it is written to the access record."""
    post = db.session.get(ConsultationPost, post_id)
    if post is not None:
        record_access(staff, "view", "consultation", post.id, ip=ip)
    return post


def mine(member_id: int) -> list[Mine]:
    """A member's inquiries for My information, newest first."""
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
    return [
        Mine(
            title,
            url_for("board.show", id=number),
            at,
            _l("Answered") if replied is not None else _l("Waiting"),
        )
        for number, title, at, replied in rows
    ]


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
            "written_at": clock.stamp(post.created_at),
            "name": post.name,
            "mobile": post.mobile,
            "email": post.email,
            "title": post.title,
            "question": post.body,
            "consent_policy_version": post.consent_policy_version,
            "replies": [
                {"at": clock.stamp(reply.created_at), "by": reply.staff_name, "text": reply.body}
                for reply in post.replies
            ],
        }
        for post in posts
    ]


def consent_notices() -> dict[str, ConsentNotice | int | None]:
    """The notices for ``agree_privacy`` and ``agree_sensitive``, from the inventory, and the
    privacy-policy version a consent given now is given under (``version``)."""
    settings = get_settings()
    return {
        "privacy": consent_notice("consultation", settings, sensitive=False),
        "sensitive": consent_notice("consultation", settings, sensitive=True),
        "version": consent_version(),
    }
