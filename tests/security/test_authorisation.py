"""Who may open what: every route of the site (members mode, where all of them exist) against
every kind of person, from the app's own URL map, so a new route without an entry here fails.
Then the doors between patients: one member's reservation, inquiry and export are never another's.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import CSRF
from tests.security.conftest import ROLES, snapshot

MEMBERS = ("member", "other_member", "child")
STAFF = ("staff", "owner")


def _answers(visitor: str, members: str, staff: str, owner: str | None = None) -> dict[str, str]:
    return {"visitor": visitor, **dict.fromkeys(MEMBERS, members), "staff": staff,
            "owner": owner or staff}  # fmt: skip


# The answer each kind of person gets, by kind of route. ok: the page; login / admin_login: sent
# to sign in; account: sent to their account; elsewhere: sent on to another page; forbidden: 403;
# missing: 404.
KINDS = {
    "public": _answers("ok", "ok", "ok"),
    "members": _answers("login", "ok", "login"),
    "signed_out": _answers("ok", "account", "ok"),
    "staff": _answers("admin_login", "forbidden", "ok"),
    "owner": _answers("admin_login", "forbidden", "forbidden", owner="ok"),
    "staff_login": _answers("ok", "forbidden", "elsewhere"),
    "second_factor": _answers("admin_login", "forbidden", "elsewhere"),
    "author": {**_answers("elsewhere", "elsewhere", "elsewhere"), "member": "ok"},
    "nothing_here": _answers("missing", "missing", "missing"),
    "redirect": _answers("elsewhere", "elsewhere", "elsewhere"),
}

# Every endpoint of the site, with the kind of route it is.
ROUTES = {
    "pages.home": "public", "pages.about": "public", "pages.treatments": "public",
    "pages.fees": "public", "pages.location": "public", "pages.notices": "public",
    "pages.notice": "public", "pages.image": "nothing_here", "policy.current": "public",
    "policy.version": "public", "policy.changes": "public", "consent.settings": "public",
    "consent.choose": "public", "core.healthz": "public", "core.favicon": "redirect",
    "core.language": "public", "static": "public",
    "board.index": "public", "board.new": "public", "board.show": "public",
    "board.edit": "author", "board.delete": "author",
    "reservation_requests.new": "public", "reservation_requests.show": "public",
    "reservation_requests.withdraw": "public",
    "accounts.me": "members", "accounts.edit": "members", "accounts.export": "members",
    "accounts.withdraw": "members", "accounts.logout": "public",
    "accounts.withdrawn": "redirect", "accounts.unsubscribe": "nothing_here",
    "accounts.login": "signed_out", "accounts.register": "signed_out",
    "accounts.register_child": "signed_out",
    "reservations.index": "members", "reservations.new": "members",
    "reservations.cancel": "members",
    "staff.login": "staff_login", "staff.logout": "public",
    "two_factor.code": "second_factor", "two_factor.setup": "staff",
    "two_factor.recovery_codes": "second_factor",
    "admin.dashboard": "staff", "board_admin.index": "staff", "board_admin.show": "staff",
    "board_admin.reply": "staff", "board_admin.destroy": "staff",
    "reservations_admin.day": "staff", "reservations_admin.show": "staff",
    "reservations_admin.status": "staff", "reservations_admin.book": "staff",
    "requests_admin.show": "staff", "requests_admin.answer": "staff",
    "members_admin.index": "staff", "members_admin.show": "staff",
    "members_admin.confirm": "staff", "members_admin.hold": "staff",
    "members_admin.release": "staff", "members_admin.destroy": "owner",
    "members_admin.news_index": "owner", "members_admin.news_resume": "owner",
    "policy_admin.index": "staff", "policy_admin.new": "owner", "policy_admin.withdraw": "owner",
    "settings_admin.edit": "owner", "records_admin.audit": "owner",
    "records_admin.sign_ins": "owner", "records_admin.destructions": "owner",
    "records_admin.consent": "owner",
    "pages_admin.items": "owner", "pages_admin.item": "owner", "pages_admin.item_action": "owner",
    "pages_admin.fees": "owner", "pages_admin.fee_delete": "owner",
    "pages_admin.image_upload": "owner", "pages_admin.image_delete": "owner",
    "pages_admin.texts": "owner",
    "clinic_admin.hours": "owner", "clinic_admin.closed": "owner", "clinic_admin.reopen": "owner",
    "clinic_admin.doctors": "owner", "clinic_admin.doctor": "owner",
    "booking_setup.services": "owner", "booking_setup.service": "owner",
    "booking_setup.settings": "owner",
}  # fmt: skip


def _url(rule, ids: dict) -> str:
    values = {
        "id": ids.get(_ID_OF.get(rule.endpoint, ""), 1),
        "number": 1,
        "kind": "notices",
        "action": "up",
        "day": "2026-03-20",
        "token": "not-a-token",
        "filename": "css/site.css" if rule.endpoint == "static" else "none.jpg",
    }
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<[^>]*\b{name}>", str(values[name]), path)
    return path


# Which of the world's rows a route's <id> names.
_ID_OF = {
    "board.show": "member_post", "board.edit": "member_post", "board.delete": "member_post",
    "board_admin.show": "guest_post", "board_admin.reply": "guest_post",
    "board_admin.destroy": "guest_post", "reservations.cancel": "reservation",
    "reservations_admin.show": "reservation", "reservations_admin.status": "reservation",
    "requests_admin.show": "request", "requests_admin.answer": "request",
    "reservation_requests.show": "request", "reservation_requests.withdraw": "request",
    "members_admin.show": "member", "members_admin.confirm": "child",
    "members_admin.hold": "member", "members_admin.release": "member",
    "members_admin.destroy": "member", "pages_admin.item": "notice",
    "pages_admin.item_action": "notice", "pages_admin.notice": "notice",
    "pages.notice": "notice", "pages_admin.fee_delete": "fee", "clinic_admin.doctor": "doctor",
}  # fmt: skip


_SIGN_IN = {"/account/login": "login", "/admin/login": "admin_login", "/account": "account"}


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
        url = _url(rule, world.ids)
        with client.get(url) as response:
            got = _answer(response)
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
        url = _url(rule, world.ids)
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
    from tests.reservations.conftest import book

    before = snapshot(world.app)
    answer = book(child, "2026-03-11T10:00")
    assert answer.status_code in (403, 409, 422)
    assert snapshot(world.app) == before
