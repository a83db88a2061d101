"""A child's legal representative consents (or refuses) through the link sent to their mobile,
one of the methods the Enforcement Decree names; the link works once, for its 7 days, and only
for the number it was sent to. Staff calling the representative stays the other method."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from clinic_site.messages.models import OutboxMessage
from clinic_site.platform import clock
from clinic_site.records.models import AccessRecord, DestructionLog
from tests.fixtures.members import CHILD, join_child
from tests.helpers import english, login_staff, said, submit

PARENT_PASSWORD = "parent-of-doyun-2026"
PARENT_CONSENTS = {"answer": "consent", "password": PARENT_PASSWORD,
                   "password_confirm": PARENT_PASSWORD}  # fmt: skip


def _texting_members(make_app, solapi):
    return make_app("members", **solapi.config())


def _link(app) -> str:
    with app.app_context():
        [message] = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "representative_consent")
        ).all()
        assert message.recipient == "01098765432"  # the representative's, not the child's
        assert CHILD["name"] not in message.text  # the text names nobody
    return re.search(r"http://localhost(/account/representative/\S+)", message.text).group(1)


def _child(app) -> Member | None:
    with app.app_context():
        return db.session.scalar(sa.select(Member).where(Member.is_child.is_(True)))


def test_the_representative_consents_through_the_link_once(make_app, solapi):
    app = _texting_members(make_app, solapi)
    child = english(app.test_client())
    assert join_child(child).status_code == 303
    assert "sent them a text message" in child.get("/account").get_data(as_text=True)
    link = _link(app)
    parent = english(app.test_client())
    page = parent.get(link)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert CHILD["name"] in text and "What is collected" in text
    unanswered = submit(parent, link, {})
    assert unanswered.status_code == 422 and "Choose your answer." in said(unanswered)
    assert _child(app).waiting_for_guardian
    without = submit(parent, link, {"answer": "consent"})
    assert without.status_code == 422 and "Choose a password" in said(without)
    assert submit(parent, link, PARENT_CONSENTS).status_code == 200
    confirmed = _child(app)
    assert confirmed.can_book and confirmed.guardian_confirmed_how == "link"
    # Used: it opens nothing now, and says so without naming anyone.
    again = parent.get(link)
    assert again.status_code == 404 and CHILD["name"] not in again.get_data(as_text=True)
    assert "no longer works" in again.get_data(as_text=True)


def test_refusing_deletes_the_registration_at_once(make_app, solapi):
    app = _texting_members(make_app, solapi)
    assert join_child(english(app.test_client())).status_code == 303
    link = _link(app)
    parent = english(app.test_client())
    assert submit(parent, link, {"answer": "refuse"}).status_code == 200
    assert _child(app) is None
    with app.app_context():
        rules = set(db.session.scalars(sa.select(DestructionLog.rule)))
        assert "the legal representative refused consent" in rules
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0
    assert parent.get(link).status_code == 404


def test_a_forged_expired_or_re_addressed_link_does_nothing(make_app, solapi):
    app = _texting_members(make_app, solapi)
    assert join_child(english(app.test_client())).status_code == 303
    link = _link(app)
    parent = english(app.test_client())
    for forged in (link[:-3] + "abc", "/account/representative/1", link + "x" * 400):
        assert parent.get(forged).status_code == 404
    # Staff correct the representative's number: the link sent to the old one stops working.
    from tests.fixtures.apps import _staff_maker

    staff = english(app.test_client())
    login_staff(staff, *_staff_maker(app)("staff"))
    url = f"/admin/members/{_child(app).id}"
    corrected = submit(staff, url, {"name": CHILD["name"], "guardian_name": "이수진",
                                    "guardian_mobile": "010-1212-3434",
                                    "reason": "representative_request"},
                       action=f"{url}/correct")  # fmt: skip
    assert corrected.status_code == 303
    assert parent.get(link).status_code == 404
    assert _child(app).waiting_for_guardian


def test_the_link_expires_after_its_days(make_app, solapi):
    app = _texting_members(make_app, solapi)
    with app.app_context():
        start = clock.now()
    app.config["CLOCK_FROZEN_AT"] = start
    assert join_child(english(app.test_client())).status_code == 303
    link = _link(app)
    parent = english(app.test_client())
    app.config["CLOCK_FROZEN_AT"] = start + timedelta(days=6, hours=23)
    assert parent.get(link).status_code == 200
    app.config["CLOCK_FROZEN_AT"] = start + timedelta(days=7, hours=1)
    assert parent.get(link).status_code == 404
    assert submit_refused(parent, link) and _child(app).waiting_for_guardian


def submit_refused(client, link) -> bool:
    """A POST to an expired link changes nothing (the CSRF token comes from another page)."""
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      client.get("/rights").get_data(as_text=True)).group(1)  # fmt: skip
    return client.post(link, data={"csrf_token": token, "answer": "consent"}).status_code == 404


def test_without_text_messages_staff_call_as_before(members_app, members_client):
    assert join_child(members_client).status_code == 303
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 0


def _parent_signed_in(app, solapi):
    assert join_child(english(app.test_client())).status_code == 303
    link = _link(app)
    parent = english(app.test_client())
    assert submit(parent, link, PARENT_CONSENTS).status_code == 200
    signed = submit(parent, "/account/login/representative",
                    {"username": CHILD["username"], "password": PARENT_PASSWORD})  # fmt: skip
    assert signed.status_code == 303
    return parent


def test_the_representative_signs_in_for_the_child_and_acts_as_themself(make_app, solapi):
    app = _texting_members(make_app, solapi)
    parent = _parent_signed_in(app, solapi)
    page = parent.get("/account").get_data(as_text=True)
    assert "parent or guardian" in page and CHILD["name"] in page
    # The child's own password does not pass the representative's identity check.
    edit = {"current_password": CHILD["password"], "email": "parent@example.com",
            "email_opt_in": "y", "notify": "kakao"}  # fmt: skip
    assert submit(parent, "/account/edit", edit).status_code == 422
    edit["current_password"] = PARENT_PASSWORD
    assert 'name="email"' in parent.get("/account/edit").get_data(as_text=True)
    assert submit(parent, "/account/edit", edit).status_code == 303
    child = _child(app)
    assert (child.email, child.email_opt_in, child.notify) == ("parent@example.com", True, "kakao")
    with app.app_context():
        details = list(db.session.scalars(sa.select(AccessRecord.detail)))
    assert "by_representative:accounts.edit" in details
    # The child signing in with their own password is not the representative.
    kid = english(app.test_client())
    from tests.fixtures.members import sign_in

    assert sign_in(kid, CHILD["username"], CHILD["password"]).status_code == 303
    assert 'name="email"' not in kid.get("/account/edit").get_data(as_text=True)


def test_a_wrong_representative_password_or_an_adult_s_id_signs_nobody_in(make_app, solapi):
    app = _texting_members(make_app, solapi)
    _parent_signed_in(app, solapi)
    from tests.fixtures.members import ADULT, join

    assert join(english(app.test_client())).status_code == 303
    stranger = english(app.test_client())
    for username, password in ((CHILD["username"], "not-the-password"),
                               (ADULT["username"], ADULT["password"]),
                               ("nobody_here", PARENT_PASSWORD)):  # fmt: skip
        refused = submit(stranger, "/account/login/representative",
                         {"username": username, "password": password})  # fmt: skip
        assert refused.status_code == 422 and "not correct" in said(refused)
    assert stranger.get("/account").status_code == 302


def test_the_representative_deletes_the_child_s_account(make_app, solapi):
    app = _texting_members(make_app, solapi)
    parent = _parent_signed_in(app, solapi)
    gone = submit(parent, "/account/withdraw", {"password": PARENT_PASSWORD, "confirm": "y"})
    assert gone.status_code == 303 and _child(app) is None
    with app.app_context():
        rules = set(db.session.scalars(sa.select(DestructionLog.rule)))
    assert "withdrawal by the legal representative" in rules


def test_the_representative_s_new_password_is_theirs_and_the_child_s_stays(make_app, solapi):
    app = _texting_members(make_app, solapi)
    parent = _parent_signed_in(app, solapi)
    change = {"current_password": PARENT_PASSWORD, "new_password": "a-new-parent-pass-77",
              "new_password_confirm": "a-new-parent-pass-77"}  # fmt: skip
    assert submit(parent, "/account/edit", change).status_code == 303
    from tests.fixtures.members import sign_in

    assert (
        sign_in(english(app.test_client()), CHILD["username"], CHILD["password"]).status_code == 303
    )
    again = submit(english(app.test_client()), "/account/login/representative",
                   {"username": CHILD["username"], "password": "a-new-parent-pass-77"})  # fmt: skip
    assert again.status_code == 303
