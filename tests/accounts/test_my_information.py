"""My information: changing it after the identity check, and downloading everything."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord, SignInRecord
from tests.fixtures.members import ADULT, CHILD, join_child, sign_in
from tests.helpers import english, submit

EDIT = {
    "current_password": ADULT["password"],
    "phone": "031-555-1234",
    "mobile": "011-222-3333",
    "email": "new@example.com",
    "email_opt_in": "y",
}


def _member(app, member_id) -> Member:
    with app.app_context():
        return db.session.get(Member, member_id)


def _outcomes(app) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                sa.select(SignInRecord.outcome)
                .where(SignInRecord.outcome.like("identity%"))
                .order_by(SignInRecord.id)
            )
        )


def test_details_change_only_after_the_current_password(members_app, member_client, member):
    refused = submit(member_client, "/account/edit", {**EDIT, "current_password": "wrong-one-1"})
    assert refused.status_code == 422
    assert "The password is not correct." in refused.get_data(as_text=True)
    assert _member(members_app, member).phone == "02-123-4567"
    saved = submit(member_client, "/account/edit", EDIT)
    assert saved.status_code == 303
    changed = _member(members_app, member)
    assert (changed.phone, changed.mobile, changed.email) == (
        "031-555-1234", "011-222-3333", "new@example.com",
    )  # fmt: skip
    # Each check is an identity-verification record.
    assert _outcomes(members_app) == ["identity_refused", "identity_verified"]


def test_how_a_member_is_told_is_chosen_and_kept_unless_changed(members_app, member_client, member):
    assert 'name="notify"' in member_client.get("/account/edit").get_data(as_text=True)
    assert submit(member_client, "/account/edit", {**EDIT, "notify": "kakao"}).status_code == 303
    assert _member(members_app, member).notify == "kakao"
    # A form that leaves the choice out (an older page, a script) does not reset it.
    assert submit(member_client, "/account/edit", EDIT).status_code == 303
    assert _member(members_app, member).notify == "kakao"
    refused = submit(member_client, "/account/edit", {**EDIT, "notify": "pigeon"})
    assert refused.status_code == 422 and _member(members_app, member).notify == "kakao"


def test_a_child_cannot_add_an_email_or_news(members_app):
    """The representative consented to what the child's form collects, and no more: a child's
    account takes no e-mail address and no news, whatever is posted."""
    client = english(members_app.test_client())
    assert join_child(client).status_code == 303
    page = client.get("/account/edit").get_data(as_text=True)
    assert 'name="email"' not in page and 'name="email_opt_in"' not in page
    posted = {"current_password": CHILD["password"], "email": "kid@example.com",
              "email_opt_in": "y", "notify": "email"}  # fmt: skip
    assert submit(client, "/account/edit", posted).status_code == 303
    with members_app.app_context():
        child = db.session.scalar(sa.select(Member).where(Member.is_child.is_(True)))
        assert (child.email, child.email_opt_in, child.notify) == (None, False, "sms")


def test_a_bad_entry_changes_nothing(members_app, member_client, member):
    response = submit(member_client, "/account/edit", {**EDIT, "mobile": "123"})
    assert response.status_code == 422
    assert 'id="mobile-error"' in response.get_data(as_text=True)
    assert _member(members_app, member).mobile == "010-2345-6789"
    weak = submit(
        member_client,
        "/account/edit",
        {**EDIT, "new_password": "1q2w3e4r5t", "new_password_confirm": "1q2w3e4r5t"},
    )
    assert weak.status_code == 422 and "too common" in weak.get_data(as_text=True)
    assert (
        _member(members_app, member).phone == "02-123-4567"
    )  # the details did not go through either


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(
    members_app, member_client, member
):
    other = english(members_app.test_client())
    sign_in(other)
    new = "a-much-better-secret"
    response = submit(
        member_client,
        "/account/edit",
        {**EDIT, "new_password": new, "new_password_confirm": new},
    )
    assert response.status_code == 303
    assert member_client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302
    assert sign_in(english(members_app.test_client()), password=new).status_code == 303
    assert sign_in(english(members_app.test_client())).status_code == 422


def test_wrong_current_passwords_are_limited(members_app, member_client):
    from clinic_site.config import DEFAULTS

    allowed = int(DEFAULTS["MEMBER_VERIFY_LIMIT"].split()[0])
    for _ in range(allowed):
        bad = {**EDIT, "current_password": "not-it-at-all"}
        assert submit(member_client, "/account/edit", bad).status_code == 422
    assert submit(member_client, "/account/edit", EDIT).status_code == 429


def test_identity_checks_are_destroyed_after_six_months(
    members_app, member_client, members_runner, members_set_now
):
    start = datetime(2026, 3, 3, 1, tzinfo=UTC)
    members_set_now(start)
    submit(member_client, "/account/edit", EDIT)
    members_set_now(start.replace(month=9) - timedelta(days=1))
    assert "sign_in_record: 0" in members_runner.invoke(args=["purge"]).output
    members_set_now(start.replace(month=9) + timedelta(days=1))
    assert "sign_in_record: 1" in members_runner.invoke(args=["purge"]).output
    assert _outcomes(members_app) == []


def test_the_export_holds_everything_about_the_member(members_app, member_client, member):
    from clinic_site.board import services as board
    from tests.fixtures.members import ADULT as A

    with members_app.app_context():
        post = board.create_post(
            name=A["name"], password=None, mobile="010-2345-6789", email=None,
            title="Braces", body="How long do braces take?", agree_privacy=True,
            agree_sensitive=True, member_id=member,
        )  # fmt: skip
        db.session.commit()
        post_id = post.id
    response = member_client.get("/account/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    account = data["account"]
    assert account["username"] == "haneul_kim" and account["name"] == A["name"]
    assert account["phone"] == "02-123-4567" and account["email"] == A["email"]
    assert "password_hash" not in account and "session_token" not in account
    assert [p["number"] for p in data["consultation"]] == [post_id]
    assert data["consultation"][0]["question"] == "How long do braces take?"
    assert [r["outcome"] for r in data["sign_in_record"]] == ["success"]
    assert "$argon2" not in response.get_data(as_text=True)
    with members_app.app_context():
        exports = db.session.scalars(
            sa.select(AccessRecord).where(AccessRecord.action == "export")
        ).all()
    assert [(e.actor_kind, e.subject_id, e.actor_name) for e in exports] == [("member", member, "")]


def test_my_information_lists_my_inquiries(members_app, member_client, member):
    from tests.helpers import submit as send

    response = send(
        member_client,
        "/consultations/new",
        {
            "name": "김하늘",
            "mobile": "010-2345-6789",
            "title": "Whitening",
            "body": "Price?",
            "agree_privacy": "y",
            "agree_sensitive": "y",
        },  # fmt: skip
    )
    assert response.status_code == 303
    page = member_client.get("/account").get_data(as_text=True)
    assert "Whitening" in page and response.headers["Location"] in page
