"""Joining: adults with the contract's fields, children under 14 with a legal representative."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from tests.fixtures.members import ADULT, CHILD, join, join_child
from tests.helpers import english, said


def _members(app) -> list[Member]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Member).order_by(Member.id)))


def test_an_adult_joins_and_is_signed_in(members_app, members_client):
    response = join(members_client)
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    page = members_client.get("/account").get_data(as_text=True)
    assert ADULT["name"] in page and "haneul_kim" in page
    assert "02-123-4567" in page and "010-2345-6789" in page
    [member] = _members(members_app)
    assert member.username == "haneul_kim"  # one ID whatever the capitals
    assert member.phone == "02-123-4567" and member.mobile == "010-2345-6789"
    assert member.password_hash.startswith("$argon2id$")
    assert ADULT["password"] not in member.password_hash
    assert member.email_opt_in and not member.is_child and member.status == "active"


@pytest.mark.parametrize("choice, stored", [("kakao", "kakao"), ("none", "none"), (None, "sms")])
def test_joining_chooses_how_visits_are_told(members_app, members_client, choice, stored):
    assert join(members_client, notify=choice).status_code == 303
    [member] = _members(members_app)
    assert member.notify == stored  # by text message unless the member chose otherwise


def test_a_child_s_messages_go_to_the_representative_s_mobile_never_by_email(
    members_app, members_client
):
    assert 'value="email"' not in members_client.get("/account/register/child").get_data(
        as_text=True
    )
    assert join_child(members_client, notify="none").status_code == 303
    stranger = english(members_app.test_client())
    assert join_child(stranger, username="other_kid", notify="email").status_code == 422
    assert [m.notify for m in _members(members_app)] == ["none"]


def test_the_form_shows_what_is_collected_why_for_how_long_and_the_right_to_refuse(
    members_app, members_client
):
    page = members_client.get("/account/register").get_data(as_text=True)
    for words in ("What is collected", "Why", "How long it is kept", "Your right to refuse",
                  "Until the member withdraws", "Mobile phone number", "(optional)"):  # fmt: skip
        assert words in page, words
    assert 'href="/account/register/child"' in page
    for name in ("name", "username", "password", "password_confirm", "phone", "mobile", "email",
                 "email_opt_in", "age_confirm", "agree_privacy"):  # fmt: skip
        assert f'name="{name}"' in page, name


def test_the_consent_names_the_policy_version(members_app, members_client):
    from clinic_site.settings.services import update_settings

    with members_app.app_context():
        update_settings(privacy_manager_name="Park", privacy_manager_phone="02-1", clinic_name="C")
        db.session.commit()
    page = members_client.get("/account/register").get_data(as_text=True)
    assert 'href="/policy/1"' in page and "privacy policy version 1" in page
    join(members_client)
    assert _members(members_app)[0].consent_policy_version == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"username": "abc"}, "username", "4 to 20 letters"),
        ({"username": "kim haneul"}, "username", "4 to 20 letters"),
        ({"username": "김하늘하늘"}, "username", "4 to 20 letters"),
        ({"password": "short", "password_confirm": "short"}, "password", "at least 10"),
        (
            {"password": "haneul_kim", "password_confirm": "haneul_kim"},
            "password",
            "not be your ID",
        ),
        ({"password": "1q2w3e4r5t", "password_confirm": "1q2w3e4r5t"}, "password", "too common"),
        ({"password_confirm": "something-else"}, "password_confirm", "not the same"),
        ({"phone": "12"}, "phone", "telephone number"),
        ({"mobile": "02-123-4567"}, "mobile", "Korean mobile number"),
        ({"email": "not-an-address"}, "email", "email address"),
        ({"age_confirm": None}, "age_confirm", "form for children"),
        ({"agree_privacy": None}, "agree_privacy", "Please agree"),
        ({"name": ""}, "name", "Enter your name"),
    ],
)
def test_bad_entries_are_refused_beside_the_field_and_nothing_is_stored(
    members_app, members_client, changes, field, message
):
    response = join(members_client, **changes)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    error = page.split(f'id="{field}-error"')[1][:300]
    assert message.lower() in error.lower()
    assert _members(members_app) == []
    assert "Sign out" not in page  # nobody was signed in


def test_an_id_is_taken_whatever_its_capitals(members_app, members_client, make_app):
    assert join(members_client).status_code == 303
    other = english(members_app.test_client())
    response = join(other, username="HANEUL_KIM")
    assert response.status_code == 422 and "This ID is taken" in response.get_data(as_text=True)
    assert len(_members(members_app)) == 1


def test_news_by_email_needs_an_address(members_app, members_client):
    join(members_client, email="", email_opt_in="y")
    [member] = _members(members_app)
    assert member.email is None and member.email_opt_in is False


def test_a_child_joins_in_simple_words_and_waits_for_the_representative(
    members_app, members_client
):
    page = members_client.get("/account/register/child").get_data(as_text=True)
    assert "together with your parent or guardian" in page
    for name in ("name", "username", "password", "password_confirm", "guardian_name",
                 "guardian_mobile", "guardian_consent", "agree_privacy"):  # fmt: skip
        assert f'name="{name}"' in page, name
    # Only what the form for children collects: no phone, mobile or email of the child.
    assert not re.search(r'name="(phone|mobile|email)"', page)
    response = join_child(members_client)
    assert response.status_code == 303
    [child] = _members(members_app)
    assert child.is_child and child.status == "waiting" and not child.can_book
    assert child.guardian_name == CHILD["guardian_name"]
    assert child.guardian_mobile == "010-9876-5432"
    assert child.phone is None and child.mobile is None and child.email is None
    assert "has not yet given their consent" in members_client.get("/account").get_data(
        as_text=True
    )


def test_a_child_needs_the_representative_s_consent(members_app, members_client):
    response = join_child(members_client, guardian_consent=None)
    assert response.status_code == 422
    assert "must agree first" in response.get_data(as_text=True)
    response = join_child(members_client, guardian_mobile="")
    assert response.status_code == 422
    assert _members(members_app) == []


def test_the_joining_pages_are_korean_for_korean_visitors(members_app):
    client = members_app.test_client()
    page = client.get("/account/register", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert '<html lang="ko">' in page and "회원 가입" in page
    child = client.get("/account/register/child", headers={"Accept-Language": "ko"})
    assert "보호자" in child.get_data(as_text=True)


def test_joining_is_spam_protected(make_app):
    app = make_app("members", CLINIC_FORM_MIN_SECONDS=2)
    client = english(app.test_client())
    response = join(client)  # sent at once: a bot's speed
    assert response.status_code == 422 and "very quickly" in response.get_data(as_text=True)
    assert _members(app) == []


# The shipped limit (MEMBER_REGISTER_LIMIT): 5 attempts at joining per address an hour, 20 a day.


def _from(app, address: str):
    client = english(app.test_client())
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_probing_ids_costs_as_much_as_joining_and_then_waits(members_app):
    assert join(_from(members_app, "192.0.2.10")).status_code == 303
    assert join_child(_from(members_app, "192.0.2.11"), username="taken_kid").status_code == 303
    prober = _from(members_app, "198.51.100.40")
    answers = [join(prober, username=ADULT["username"]) for _ in range(3)]
    answers += [join_child(prober, username="taken_kid") for _ in range(2)]
    for answer in answers:  # each one still tells a person what to do
        assert answer.status_code == 422 and "This ID is taken" in said(answer)
    # Adult and child forms share one count; a free ID now waits as a taken one does.
    for paused in (join(prober, username="free_id_1"), join_child(prober, username="free_id_2")):
        assert paused.status_code == 429
        page = paused.get_data(as_text=True)
        assert "Too many attempts" in page and "You can try again in" in page
        assert int(paused.headers["Retry-After"]) > 60
    assert len(_members(members_app)) == 2
    # Someone joining from elsewhere is not held up.
    assert join(_from(members_app, "192.0.2.12"), username="newcomer").status_code == 303


def test_a_form_sent_back_unfilled_does_not_count(members_app):
    person = _from(members_app, "198.51.100.41")
    for _ in range(6):
        assert join(person, name="", agree_privacy=None).status_code == 422
    assert join(person).status_code == 303
