"""Clinic news by email: only to members who opted in, with a one-click unsubscribe link, through a
real SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import re

import sqlalchemy as sa

from clinic_site.accounts import services
from clinic_site.accounts.models import Member, NewsMessage
from clinic_site.extensions import db
from tests.helpers import english, login_staff, submit

NEWS = {"subject": "Open on Saturday", "body": "We are open this Saturday from 9 to 1."}


def _mail_app(make_app, controller, **config):
    return make_app(
        "members",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=controller.port,
        MAIL_SENDER="news@clinic.example",
        **config,
    )


def _members(app, *specs):
    """(username, email, opt_in) for each member to make."""
    with app.app_context():
        for username, address, opt_in in specs:
            services.register_adult(
                name="Member", username=username, password="long-enough-password",
                phone="02-123-4567", mobile="010-1111-2222", email=address, email_opt_in=opt_in,
            )  # fmt: skip
        db.session.commit()


def _owner(app, staff_factory):
    client = english(app.test_client())
    login_staff(client, *staff_factory("owner"))
    return client


def _messages(inbox):
    return [email.message_from_bytes(e.content, policy=email.policy.default) for e in inbox]


def test_news_goes_only_to_members_who_asked(make_app, smtp, members_staff_factory):
    controller, inbox = smtp
    app = _mail_app(make_app, controller, NEWS_BATCH_SIZE=2)
    _members(app, ("wants_one", "one@example.com", True), ("no_thanks", "two@example.com", False),
             ("wants_two", "three@example.com", True), ("no_email", None, True),
             ("wants_three", "four@example.com", True))  # fmt: skip
    owner = _owner(app, members_staff_factory)
    assert "3 members asked" in owner.get("/admin/members/news").get_data(as_text=True)
    assert submit(owner, "/admin/members/news", NEWS).status_code == 303
    envelopes = inbox.wait_for(3)
    assert sorted(e.rcpt_tos[0] for e in envelopes) == [
        "four@example.com", "one@example.com", "three@example.com",
    ]  # fmt: skip
    with app.app_context():
        sent = db.session.scalar(sa.select(NewsMessage))
        assert (sent.status, sent.sent_count, sent.failed_count) == ("sent", 3, 0)
    message = _messages(envelopes)[0]
    assert message["Subject"] == NEWS["subject"] and NEWS["body"] in message.get_content()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].strip().startswith("<http://localhost/account/unsubscribe/")


def test_one_click_unsubscribes_without_signing_in(make_app, smtp, members_staff_factory):
    controller, inbox = smtp
    app = _mail_app(make_app, controller)
    _members(app, ("wants_one", "one@example.com", True))
    owner = _owner(app, members_staff_factory)
    submit(owner, "/admin/members/news", NEWS)
    [message] = _messages(inbox.wait_for(1))
    link = re.search(
        r"<(http://localhost(/account/unsubscribe/[^>]+))>", message["List-Unsubscribe"]
    )
    path = link.group(2)
    stranger = english(app.test_client())
    page = stranger.get(path)
    assert page.status_code == 200 and "Stop sending me news" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(Member.email_opt_in))  # a GET changes nothing
    # A mail program's one-click POST carries no form token: the signed link is enough.
    done = stranger.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    with app.app_context():
        assert not db.session.scalar(sa.select(Member.email_opt_in))
    inbox.messages.clear()
    submit(owner, "/admin/members/news", {**NEWS, "subject": "Again"})
    assert inbox.wait_for(1, seconds=0.5) == []


def test_a_tampered_link_unsubscribes_nobody(make_app, smtp):
    controller, _inbox = smtp
    app = _mail_app(make_app, controller)
    _members(app, ("wants_one", "one@example.com", True))
    client = english(app.test_client())
    assert client.post("/account/unsubscribe/MQ.forged-signature").status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(Member.email_opt_in))


def test_without_mail_nothing_can_be_sent(members_app, members_staff_factory):
    owner = _owner(members_app, members_staff_factory)
    page = owner.get("/admin/members/news").get_data(as_text=True)
    assert "Mail is not set up" in page and 'name="subject"' not in page


def test_an_interrupted_sending_resumes_where_it_stopped(make_app, smtp, members_staff_factory):
    controller, inbox = smtp
    app = _mail_app(make_app, controller, NEWS_BATCH_SIZE=1)
    _members(app, ("wants_one", "one@example.com", True), ("wants_two", "two@example.com", True))
    owner = _owner(app, members_staff_factory)
    with app.app_context():
        from clinic_site.accounts import news

        with app.test_request_context():
            message = news.create("Hello", "Text", type("Staff", (), {"id": None})())
            db.session.commit()
            news.send_batch(message, 1)  # the first mail went out...
            message.status = "interrupted"  # ...then the server was restarted
            db.session.commit()
            news_id = message.id
    inbox.wait_for(1)
    page = owner.get("/admin/members/news").get_data(as_text=True)
    assert "interrupted" in page
    url = f"/admin/members/news/{news_id}/resume"
    assert submit(owner, "/admin/members/news", {}, action=url).status_code == 303
    envelopes = inbox.wait_for(2)
    assert [e.rcpt_tos[0] for e in envelopes] == ["one@example.com", "two@example.com"]


def test_a_held_member_and_a_child_get_no_news(make_app, smtp, members_staff_factory):
    """A hold stops every use of the member's data, news included; a child's representative
    consented to no news, whatever reached the child's row."""
    controller, inbox = smtp
    app = _mail_app(make_app, controller)
    _members(app, ("wants_news", "one@example.com", True), ("held_one", "two@example.com", True),
             ("little_one", "three@example.com", True))  # fmt: skip
    owner = _owner(app, members_staff_factory)
    with app.app_context():
        held = db.session.scalar(sa.select(Member).where(Member.username == "held_one"))
        child = db.session.scalar(sa.select(Member).where(Member.username == "little_one"))
        held_id, child.is_child = held.id, True
        db.session.commit()
    url = f"/admin/members/{held_id}"
    hold = submit(owner, url, {"reason": "privacy_manager"}, action=f"{url}/hold")
    assert hold.status_code == 303
    assert "1 member asked" in owner.get("/admin/members/news").get_data(as_text=True)
    assert submit(owner, "/admin/members/news", NEWS).status_code == 303
    inbox.wait_for(2, seconds=1.5)
    assert [e.rcpt_tos[0] for e in inbox.messages] == ["one@example.com"]
