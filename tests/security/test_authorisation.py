"""Who may open what: every route of the site (members mode, where all of them exist) against
every kind of person, from the app's own URL map, so a new route without an entry here fails.
Then the doors between patients: one member's reservation, inquiry and export are never another's.
"""

from __future__ import annotations

import re

import pytest

from tests.fixtures.world import ROLES, snapshot
from tests.helpers import CSRF
from tests.security.routes import KINDS, ROUTES, url_of

_SIGN_IN = {"/account/login": "login", "/admin/login": "admin_login", "/account": "account"}


TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def _answer(response) -> str:
    status, location = response.status_code, response.headers.get("Location", "")
    if status in (301, 302, 303):
        path = location.split("?")[0]
        return {
            "/account/login": "login",
            "/admin/login": "admin_login",
            "/account": "account",
        }.get(path, "elsewhere")
    return {200: "ok", 403: "forbidden", 404: "missing"}.get(status, str(status))


def test_every_route_has_an_entry(world):
    endpoints = {rule.endpoint for rule in world.app.url_map.iter_rules()}
    assert endpoints - ROUTES.keys() == set(), "routes without an entry in ROUTES"
    assert ROUTES.keys() - endpoints == set(), "entries for routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_each_page_answers_each_person_as_it_should(world, role):
    client = world.client(role)
    wrong = []
    for rule in world.app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = url_of(rule, world.ids)
        with client.get(url) as response:
            got = _answer(response)
            if got == "ok" and response.mimetype == "text/html":
                # A page's title is text: no markup drawn into it (a block closed in the wrong
                # place once put a form there).
                title = TITLE.search(response.get_data(as_text=True))
                if title is None or "<" in title.group(1):
                    wrong.append(f"GET {url}: title {title and title.group(1)[:80]!r}")
        expected = KINDS[ROUTES[rule.endpoint]][role]
        # Public pages that name a row that is not there (no policy announced yet) are 404s.
        if got != expected and not (expected == "ok" and got == "missing"):
            wrong.append(f"GET {url}: {got}, expected {expected}")
    assert wrong == []


@pytest.mark.parametrize("role", ROLES)
def test_no_one_changes_anything_through_a_door_not_theirs(world, role):
    """Every POST route a person may not use, sent with a valid CSRF token: refused, and the
    database exactly as it was."""
    client = world.client(role)
    token = CSRF.search(client.get("/cookies").get_data(as_text=True)).group(1)
    wrong = []
    for rule in world.app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        expected = KINDS[ROUTES[rule.endpoint]][role]
        if expected == "ok":
            continue
        url = url_of(rule, world.ids)
        before = snapshot(world.app)
        got = _answer(client.post(url, data={"csrf_token": token, "confirm": "y"}))
        if got == "ok" or snapshot(world.app) != before:
            wrong.append(f"POST {url}: {got}, expected {expected}")
    assert wrong == []


A_MEMBERS_QUESTION = "Question from a member"


def test_one_members_inquiry_is_shown_to_them_and_staff_only(world):
    url = f"/consultations/{world.ids['member_post']}"
    assert A_MEMBERS_QUESTION in world.client("member").get(url).get_data(as_text=True)
    for role in ("visitor", "other_member", "child"):
        assert A_MEMBERS_QUESTION not in world.client(role).get(url).get_data(as_text=True), role
    admin = f"/admin/consultations/{world.ids['member_post']}"
    assert A_MEMBERS_QUESTION in world.client("staff").get(admin).get_data(as_text=True)


def test_another_member_can_neither_change_nor_delete_it(world):
    url = f"/consultations/{world.ids['member_post']}"
    other = world.client("other_member")
    token = CSRF.search(other.get("/cookies").get_data(as_text=True)).group(1)
    before = snapshot(world.app)
    other.post(f"{url}/edit", data={"csrf_token": token, "title": "Mine now", "body": "x",
                                    "name": "x", "mobile": "010-3333-4444"})  # fmt: skip
    other.post(f"{url}/delete", data={"csrf_token": token})
    assert snapshot(world.app) == before


def test_another_member_cannot_cancel_or_see_a_reservation(world):
    other = world.client("other_member")
    token = CSRF.search(other.get("/cookies").get_data(as_text=True)).group(1)
    before = snapshot(world.app)
    answer = other.post(f"/reservations/{world.ids['reservation']}/cancel",
                        data={"csrf_token": token})  # fmt: skip
    assert answer.status_code in (403, 404)
    assert snapshot(world.app) == before
    mine = world.client("member").get("/reservations").get_data(as_text=True)
    theirs = other.get("/reservations").get_data(as_text=True)
    assert "10:00" in mine and "10:00" not in theirs


def test_an_export_holds_only_its_owners_data(world):
    theirs = world.client("other_member").get("/account/export").get_data(as_text=True)
    assert "010-3333-4444" in theirs
    for someone_elses in ("010-2345-6789", A_MEMBERS_QUESTION, "haneul@example.com"):
        assert someone_elses not in theirs


def test_a_child_waiting_for_confirmation_cannot_book(world):
    child = world.client("child")
    from tests.fixtures.booking import book

    before = snapshot(world.app)
    answer = book(child, "2026-03-11T10:00")
    assert answer.status_code in (403, 409, 422)
    assert snapshot(world.app) == before
