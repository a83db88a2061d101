"""The public forms of members mode (joining, the child's joining, signing in, the guest's
request, the rights request) are kept for plain visitors like the board's new-inquiry form: the
same page for everyone, each visitor's own token and stamp in it, and nobody's own answer or
sign-in ever in another visitor's copy."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from tests.fixtures.members import ADULT, join, sign_in
from tests.helpers import CSRF, english, said

STAMP = re.compile(r'name="form_shown"[^>]*value="([^"]+)"')
FORMS = (
    "/account/register",
    "/account/register/child",
    "/account/login",
    "/reservations/request",
    "/rights",
)


def _statements(app, client, path: str) -> int:
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def note(*args):
        seen.append(args[2])

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    return len(seen)


def _without_holes(page: str) -> str:
    return STAMP.sub("", CSRF.sub("", page))


@pytest.mark.parametrize("path", FORMS)
def test_a_kept_form_is_the_page_every_visitor_gets_with_their_own_token(members_app, path):
    first, second = english(members_app.test_client()), english(members_app.test_client())
    made = first.get(path).get_data(as_text=True)
    assert _statements(members_app, second, path) == 1  # the site's revision, nothing else
    kept = second.get(path).get_data(as_text=True)
    assert _without_holes(kept) == _without_holes(made)
    assert CSRF.search(kept).group(1) != CSRF.search(made).group(1)


def test_joining_through_a_kept_form_works_and_signs_in_only_the_one_who_joined(members_app):
    english(members_app.test_client()).get("/account/register")  # kept for the next visitor
    joiner = english(members_app.test_client())
    assert join(joiner).status_code == 303
    with members_app.app_context():
        assert db.session.scalar(sa.select(Member.username)) == ADULT["username"].lower()
    # The member is taken to their own page, never given the visitors' copy of the form.
    assert joiner.get("/account/register").status_code == 302
    mine = joiner.get("/account").get_data(as_text=True)
    assert ADULT["name"] in mine
    other = english(members_app.test_client()).get("/account/register").get_data(as_text=True)
    assert ADULT["name"] not in other and "Sign out" not in other


def test_a_refused_sign_in_is_said_to_that_visitor_alone(members_app, member):
    english(members_app.test_client()).get("/account/login")  # kept
    wrong = english(members_app.test_client())
    refused = sign_in(wrong, password="not-the-password")
    assert refused.status_code == 422
    assert "not correct" in said(refused)
    fresh = english(members_app.test_client()).get("/account/login")
    assert "not correct" not in fresh.get_data(as_text=True)
    assert ADULT["username"] not in fresh.get_data(as_text=True)
    # Signing in through a kept copy works, and the signed-in member leaves the form behind.
    right = english(members_app.test_client())
    assert sign_in(right).status_code == 303
    assert right.get("/account/login").status_code == 302


def test_a_form_kept_before_the_owner_turned_requests_off_is_gone_at_once(make_app):
    from clinic_site.reservations.setup.models import BookingSettings

    one, two = make_app("members"), make_app("members")  # two workers of one site
    reader = english(one.test_client())
    assert reader.get("/reservations/request").status_code == 200
    with two.app_context():
        db.session.get(BookingSettings, 1).guest_requests = False
        db.session.commit()
    assert reader.get("/reservations/request").status_code == 404
