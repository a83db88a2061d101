"""Signing in and out: one generic refusal, limits before any hashing, a fresh session, and a
sign-out (or password change, or withdrawal) that ends every copy of the session."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask.sessions import SecureCookieSessionInterface

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from clinic_site.records.models import SignInRecord
from tests.fixtures.members import ADULT, sign_in, sign_out
from tests.helpers import english, login_staff, submit


def _records(app) -> list[tuple[str, bool]]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(SignInRecord)
            .where(SignInRecord.account_kind == "member")
            .order_by(SignInRecord.id)
        )
        return [(r.outcome, r.account_id is not None) for r in rows]


def _main(response) -> str:
    # The page's own content, without the form's CSRF token (signed with the time, so it differs
    # from one second to the next).
    main = response.get_data(as_text=True).split("<main")[1]
    return re.sub(r'name="csrf_token" value="[^"]+"', "", main)


def _session(app, client) -> dict:
    cookie = client.get_cookie("session")
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    return serializer.loads(cookie.value) if cookie else {}


def test_a_member_signs_in_and_out(members_app, members_client, member):
    response = sign_in(
        members_client, username="HANEUL_KIM"
    )  # IDs are the same whatever the capitals
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    assert ADULT["name"] in members_client.get("/account").get_data(as_text=True)
    assert sign_out(members_client).status_code == 303
    assert members_client.get("/account").headers["Location"].startswith("/account/login")


def test_a_wrong_password_and_an_unknown_id_get_the_same_answer(
    members_app, members_client, member
):
    wrong = sign_in(members_client, password="not-the-password")
    unknown = sign_in(members_client, username="nobody_here", password="not-the-password")
    assert wrong.status_code == unknown.status_code == 422
    for response in (wrong, unknown):
        assert "The ID or password is not correct." in response.get_data(as_text=True)
    assert _main(wrong) == _main(unknown).replace("nobody_here", ADULT["username"])
    # What was typed is never kept: the unknown ID leaves a record with no account.
    assert _records(members_app) == [("refused", True), ("refused", False)]


def test_pages_of_members_send_visitors_to_sign_in_and_back(members_app, members_client, member):
    response = members_client.get("/account/edit")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login?next=/account/edit"
    signed = submit(
        members_client,
        "/account/login?next=/account/edit",
        {"username": ADULT["username"], "password": ADULT["password"]},
        action="/account/login?next=/account/edit",
    )
    assert signed.headers["Location"] == "/account/edit"


def test_sign_in_starts_a_fresh_session_with_no_personal_data(members_app, members_client, member):
    with members_client.session_transaction() as planted:
        planted["planted"] = "by someone else"
    sign_in(members_client)
    session = _session(members_app, members_client)
    assert "planted" not in session
    text = repr(session)
    for value in (ADULT["name"], "haneul_kim", "010-2345-6789", ADULT["email"]):
        assert value not in text


def test_staying_signed_in_is_the_member_s_choice(members_app, member):
    brief = english(members_app.test_client())
    response = sign_in(brief)
    assert "Expires=" not in response.headers["Set-Cookie"]  # ends with the browser
    lasting = english(members_app.test_client())
    response = sign_in(lasting, remember="y")
    cookie = response.headers["Set-Cookie"]
    assert "Expires=" in cookie and "HttpOnly" in cookie


def test_signing_out_ends_every_copy_of_the_session(members_app, member):
    laptop, phone = english(members_app.test_client()), english(members_app.test_client())
    sign_in(laptop)
    sign_in(phone)
    stolen = laptop.get_cookie("session").value
    sign_out(laptop)
    # The phone's session, and a copy of the laptop's cookie taken before, are both over.
    assert phone.get("/account").status_code == 302
    thief = english(members_app.test_client())
    thief.set_cookie("session", stolen)
    assert thief.get("/account").status_code == 302


def test_a_member_never_reaches_the_admin_area_and_staff_are_not_members(
    members_app, member_client, members_staff_factory
):
    assert member_client.get("/admin/").status_code == 403
    assert member_client.get("/admin/members").status_code == 403
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("owner"))
    assert staff.get("/account").status_code == 302  # to the members' sign-in


# The shipped limits, as the README states them: 5 wrong passwords per ID and address a minute,
# 10 sign-in attempts per address a minute.


def test_guessing_one_id_from_one_address_stops_at_5_and_spares_the_member(members_app, member):
    guesser = english(members_app.test_client())
    guesser.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    for _ in range(5):
        assert sign_in(guesser, password="wrong-password-x").status_code == 422
    blocked = sign_in(guesser)  # even the right password waits, from that address
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers
    assert len(_records(members_app)) == 5  # the refused request never reached the password
    # The member, signing in from home, is not locked out by the stranger's guesses.
    rightful = english(members_app.test_client())
    rightful.environ_base["REMOTE_ADDR"] = "198.51.100.7"
    assert sign_in(rightful).status_code == 303


def test_sign_in_is_limited_per_address_at_10(members_app, member):
    client = english(members_app.test_client())
    for n in range(10):
        assert sign_in(client, username=f"someone_{n}", password="whatever-1234").status_code == 422
    assert sign_in(client).status_code == 429


def test_last_sign_in_is_kept(members_app, members_client, member):
    sign_in(members_client)
    with members_app.app_context():
        assert db.session.get(Member, member).last_login_at is not None
