"""The consultation board's rules: writing, opening, editing and deleting inquiries, the staff's
replies and destruction, and the retention rule. Reading is ``queries.py``."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import url_for
from sqlalchemy import ColumnElement

from ..extensions import db
from ..messages.recipients import recipient
from ..messages.services import tell
from ..platform import clock
from ..platform.database import affected
from ..platform.passwords import hash_password, verify_password
from ..policy.services import consent_version
from ..privacy.inventory import CONSULTATION
from ..records.services import log_destruction, record_access
from ..settings.queries import get_settings
from .models import ConsultationPost, ConsultationReply
from .refusals import BoardRefused


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
    notify: str | None = None,
    title_private: bool = False,
) -> ConsultationPost:
    """Store a new inquiry with its password hashed and the policy version consent was given
    under. Both consents must be given; the caller has validated the shapes. Only a member's
    inquiry (``member_id``) may come without a password."""
    if not password and member_id is None:
        raise BoardRefused("password")
    if not (agree_privacy and agree_sensitive):
        raise BoardRefused("consents")
    post = ConsultationPost(
        name=name,
        # A member's inquiry without a password of its own opens only with the member's sign-in:
        # it gets the hash of a random secret nobody knows.
        password_hash=hash_password(password or secrets.token_urlsafe(32)),
        mobile=mobile,
        email=email or None,
        notify=notify or "none",
        title=title,
        # Public only where the clinic shows titles and the author, told so, did not opt out.
        title_private=title_private or not get_settings().show_consultation_titles,
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
        raise BoardRefused("answered")
    if not (values.pop("agree_privacy", False) and values.pop("agree_sensitive", False)):
        raise BoardRefused("consents")
    for key in ("name", "mobile", "email", "title", "body"):
        if key in values:
            setattr(post, key, values[key] or (None if key == "email" else ""))
    if values.get("notify"):
        post.notify = values["notify"]
    if "title_private" in values:
        post.title_private = bool(values["title_private"]) or not (
            get_settings().show_consultation_titles
        )
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


def add_reply(post: ConsultationPost, staff, body: str, ip: str = "") -> ConsultationReply:
    """Add a staff member's reply, noted in the access record; the inquiry counts as answered
    from now on."""
    at = clock.now()
    reply = ConsultationReply(
        post_id=post.id, staff_id=staff.id, staff_name=staff.name, body=body, created_at=at
    )
    db.session.add(reply)
    post.last_reply_at = at
    record_access(staff, "reply", "consultation", post.id, ip=ip)
    # The author is told that an answer waits, by the channel they chose; never its words.
    to = recipient(post.notify, mobile=post.mobile, email=post.email)
    tell("inquiry_answered", to, link=url_for("board.show", id=post.id, _external=True),
         member_id=post.member_id)  # fmt: skip
    db.session.flush()
    return reply


def destroy_on_request(post: ConsultationPost, staff, reason: str, ip: str = "") -> None:
    """Staff destroy an inquiry for one of the fixed ``reason`` codes (never free text: the
    reason is kept in the destruction log and the access record, which hold no content)."""
    post_id = post.id
    delete_post(post, f"deleted on request: {reason}")
    record_access(staff, "destroy", "consultation", post_id, detail=reason, ip=ip)


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
