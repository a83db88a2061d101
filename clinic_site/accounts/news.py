"""Clinic news by email: the only use of the email address and opt-in a member may give.

The owner writes a message; it goes to members who opted in and gave an address, in batches in
the background, over one SMTP connection per batch. Progress is kept on the message, so a sending
cut short (a server restart, the mail server down) resumes after the last member handled. Each
mail carries a one-click unsubscribe link (RFC 8058) that works without signing in.
"""

from __future__ import annotations

import smtplib
import threading
import time

from flask import Flask, current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from ..extensions import db
from ..platform import clock
from ..platform.mail import configured, connection, message
from .models import Member, NewsMessage
from .refusals import AccountRefused


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="news-unsubscribe")


def unsubscribe_token(member: Member) -> str:
    """A token naming the member, signed, so the link works without signing in and cannot be
    turned into another member's."""
    return _serializer().dumps(member.id)


def member_for_token(token: str) -> Member | None:
    try:
        member_id = _serializer().loads(token)
    except BadSignature:
        return None
    return db.session.get(Member, member_id) if isinstance(member_id, int) else None


def unsubscribe(member: Member) -> None:
    member.email_opt_in = False
    db.session.flush()


def create(subject: str, body: str, staff) -> NewsMessage:
    """Store a message to send; refuses when mail is not configured (it could not go out)."""
    if not configured():
        raise AccountRefused("mail_off")
    news = NewsMessage(
        subject=subject.strip(), body=body.strip(), created_at=clock.now(), created_by=staff.id
    )
    db.session.add(news)
    db.session.flush()
    return news


def recipients_count() -> int:
    return (
        db.session.scalar(db.select(db.func.count()).select_from(Member).where(*_opted_in())) or 0
    )


def _opted_in():
    """Adults who asked for news and gave an address, and whose account is not on hold: a hold
    stops every use of the member's data, news included. A child is never sent news (the
    representative's consent covered none)."""
    return (
        Member.email_opt_in.is_(True),
        Member.email.is_not(None),
        Member.held_at.is_(None),
        Member.is_child.is_(False),
    )


def _mail(news: NewsMessage, member: Member):
    link = url_for("accounts.unsubscribe", token=unsubscribe_token(member), _external=True)
    with force_locale(current_app.config["CLINIC_LANGUAGE"]):
        footer = _(
            "You receive this because you asked for news from the clinic. To stop, open: %(link)s",
            link=link,
        )
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return message(member.email or "", news.subject, f"{news.body}\n\n--\n{footer}\n", headers)


def send_batch(news: NewsMessage, size: int) -> bool:
    """Send the next ``size`` mails of ``news``; returns whether any member was left to visit.
    Only members who opted in and still do when their batch is read get one."""
    batch = list(
        db.session.scalars(
            db.select(Member)
            .where(Member.id > news.last_member_id, *_opted_in())
            .order_by(Member.id)
            .limit(size)
        )
    )
    if not batch:
        return False
    with connection() as smtp:
        for member in batch:
            try:
                smtp.send_message(_mail(news, member))
                news.sent_count += 1
            except smtplib.SMTPRecipientsRefused:
                news.failed_count += 1
            news.last_member_id = member.id
    return True


def send_all(news_id: int) -> None:
    """Send every remaining mail of the message, batch after batch, committing the progress after
    each. A failure of the mail server stops it as ``interrupted``; it can be resumed."""
    config = current_app.config
    news = db.session.get(NewsMessage, news_id)
    if news is None or news.status == "sent":
        return
    news.status = "sending"
    db.session.commit()
    try:
        while send_batch(news, int(config["NEWS_BATCH_SIZE"])):
            db.session.commit()
            time.sleep(float(config["NEWS_BATCH_PAUSE_SECONDS"]))
    except (OSError, smtplib.SMTPException) as exc:
        db.session.rollback()
        news = db.session.get(NewsMessage, news_id)
        if news is not None:
            news.status = "interrupted"
            db.session.commit()
        current_app.logger.warning("clinic news %s interrupted: %s", news_id, type(exc).__name__)
        return
    news.status = "sent"
    news.finished_at = clock.now()
    db.session.commit()


def start(news_id: int, base_url: str) -> None:
    """Send the message in the background (or within this request where configured so, as in
    the tests). ``base_url`` is the site's address, for the links in the mails."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]

    def run() -> None:
        with app.test_request_context("/", base_url=base_url):
            try:
                send_all(news_id)
            finally:
                db.session.remove()

    if app.config["NEWS_SENDING"] == "inline":
        send_all(news_id)
    else:
        threading.Thread(target=run, daemon=True).start()
