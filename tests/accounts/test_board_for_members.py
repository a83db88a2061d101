"""A member's own inquiries open with their sign-in, and the form starts from the account."""

from __future__ import annotations

from tests.fixtures.members import ADULT, join
from tests.helpers import english, submit

QUESTION = {"title": "Wisdom tooth", "body": "Should it come out?", "agree_privacy": "y",
            "agree_sensitive": "y"}  # fmt: skip


def test_the_form_starts_from_the_account_and_needs_no_password(members_app, member_client):
    page = member_client.get("/consultations/new").get_data(as_text=True)
    assert f'value="{ADULT["name"]}"' in page and 'value="010-2345-6789"' in page
    assert 'value="haneul@example.com"' in page
    response = submit(member_client, "/consultations/new",
                      {"name": ADULT["name"], "mobile": "010-2345-6789", **QUESTION})  # fmt: skip
    assert response.status_code == 303
    assert "Should it come out?" in member_client.get(response.headers["Location"]).get_data(
        as_text=True
    )


def test_another_member_or_a_visitor_needs_the_password(members_app, member_client):
    response = submit(member_client, "/consultations/new",
                      {"name": ADULT["name"], "mobile": "010-2345-6789", **QUESTION})  # fmt: skip
    location = response.headers["Location"]
    visitor = english(members_app.test_client())
    assert "Should it come out?" not in visitor.get(location).get_data(as_text=True)
    other = english(members_app.test_client())
    join(other, username="another_one", mobile="010-3333-4444")
    page = other.get(location).get_data(as_text=True)
    assert "Should it come out?" not in page and 'name="password"' in page


def test_visitors_in_members_mode_keep_the_anonymous_flow(members_app):
    visitor = english(members_app.test_client())
    page = visitor.get("/consultations/new").get_data(as_text=True)
    assert 'name="password"' in page and "required" in page.split('name="password"')[1][:80]
    response = submit(visitor, "/consultations/new",
                      {"name": "Visitor", "mobile": "010-5555-6666", **QUESTION})  # fmt: skip
    assert response.status_code == 422  # no password: refused
