"""Each mode serves its own routes and menu, and nothing of the other: the members' pages join only
in members mode, and everything both modes share is there in both."""

from __future__ import annotations

import re

import pytest

# Every route a visitor or the staff can reach in both modes (static files aside).
BOTH = {
    "/",
    "/favicon.ico",
    "/healthz",
    "/language",
    "/cookies",
    "/policy",
    "/policy/<int:number>",
    "/policy/<int:number>/changes",
    "/consultations",
    "/consultations/new",
    "/consultations/<int:id>",
    "/consultations/<int:id>/edit",
    "/consultations/<int:id>/delete",
    "/admin/",
    "/admin/login",
    "/admin/logout",
    "/admin/2fa",
    "/admin/2fa/setup",
    "/admin/2fa/recovery-codes",
    "/admin/settings",
    "/admin/audit",
    "/admin/audit/sign-ins",
    "/admin/audit/review",
    "/admin/audit/destructions",
    "/admin/consent/",
    "/admin/policy",
    "/admin/policy/new",
    "/admin/policy/<int:number>/withdraw",
    "/admin/consultations",
    "/admin/consultations/<int:id>",
    "/admin/consultations/<int:id>/reply",
    "/admin/consultations/<int:id>/destroy",
    "/admin/messages",
    "/admin/messages/<int:id>/send-again",
    "/admin/clinic/hours",
    "/admin/clinic/closed",
    "/admin/clinic/closed/<day>/reopen",
    "/admin/clinic/doctors",
    "/admin/clinic/doctors/new",
    "/admin/clinic/doctors/<int:id>",
    "/about",
    "/treatments",
    "/fees",
    "/notices",
    "/notices/<int:id>",
    "/location",
    "/images/<filename>",
    "/admin/fees",
    "/admin/fees/<int:id>/delete",
    "/admin/fees/<int:id>",
    "/admin/fees/<int:id>/<any(up, down):direction>",
    "/admin/fees/changes/<int:id>/withdraw",
    "/admin/fees/non-covered.csv",
    "/admin/fees/import",
    "/admin/policy/publish",
    "/admin/pages",
    "/admin/<any(treatments, notices):kind>",
    "/admin/<any(treatments, notices):kind>/new",
    "/admin/<any(treatments, notices):kind>/<int:id>",
    "/admin/<any(treatments, notices):kind>/<int:id>/<any(up, down, delete):action>",
    "/admin/images",
    "/admin/images/<int:id>/delete",
    "/rights",
    "/rights/r/<token>",
    "/admin/rights",
    "/admin/rights/<int:id>",
    "/admin/rights/<int:id>/answer",
    "/admin/rights/<int:id>/extend",
    "/admin/staff",
    "/admin/staff/new",
    "/admin/staff/<int:id>",
    "/admin/staff/<int:id>/disable",
    "/admin/staff/<int:id>/enable",
    "/admin/staff/<int:id>/second-factor",
    "/admin/staff/<int:id>/link",
    "/admin/staff/<int:id>/role",
    "/admin/password",
    "/admin/welcome/<token>",
    "/admin/privacy",
}
# Routes of members mode only.
MEMBERS = {
    "/account",
    "/account/register",
    "/account/register/child",
    "/account/login",
    "/account/logout",
    "/account/edit",
    "/account/withdraw",
    "/account/withdrawn",
    "/account/export",
    "/account/unsubscribe/<token>",
    "/account/representative/<token>",
    "/account/consent",
    "/account/login/representative",
    "/terms",
    "/admin/members",
    "/admin/members/<int:id>",
    "/admin/members/<int:id>/confirm",
    "/admin/members/<int:id>/hold",
    "/admin/members/<int:id>/release",
    "/admin/members/<int:id>/correct",
    "/account/rights",
    "/admin/members/<int:id>/destroy",
    "/admin/members/news",
    "/admin/members/news/<int:id>/resume",
    "/reservations",
    "/reservations/new",
    "/reservations/<int:id>/cancel",
    "/reservations/<int:id>/move",
    "/reservations/<int:id>/calendar.ics",
    "/reservations/waitlist",
    "/reservations/waitlist/<int:id>/leave",
    "/reservations/request",
    "/reservations/request/<int:id>",
    "/reservations/request/<int:id>/withdraw",
    "/admin/reservations",
    "/admin/reservations/new",
    "/admin/reservations/<int:id>",
    "/admin/reservations/<int:id>/status",
    "/admin/reservations/requests/<int:id>",
    "/admin/reservations/requests/<int:id>/answer",
    "/admin/reservations/requests/<int:id>/book",
    "/admin/reservations/week",
    "/admin/reservations/<int:id>/move",
    "/admin/reservations/blocks",
    "/admin/reservations/blocks/<int:id>/delete",
    "/admin/reservations/settings",
    "/admin/reservations/services",
    "/admin/reservations/services/new",
    "/admin/reservations/services/<int:id>",
    "/admin/reservations/services/from-treatment/<int:id>",
    "/admin/reservations/services/from-treatments",
}
# The main menu's links (path, as the menu shows them) to a visitor in each mode.
MENU = {
    "anonymous": [
        "/",
        "/about",
        "/treatments",
        "/fees",
        "/notices",
        "/location",
        "/consultations",
    ],
    "members": [
        "/",
        "/about",
        "/treatments",
        "/fees",
        "/notices",
        "/location",
        "/consultations",
        "/reservations/new",
        "/account/login",
        "/account/register",
    ],
}


def _routes(app) -> set[str]:
    return {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"}


@pytest.mark.parametrize("mode, expected", [("anonymous", BOTH), ("members", BOTH | MEMBERS)])
def test_each_mode_serves_exactly_its_routes(make_app, mode, expected):
    assert _routes(make_app(mode)) == expected


@pytest.mark.parametrize("mode", ["anonymous", "members"])
def test_the_menu_offers_the_pages_of_the_mode(make_app, mode):
    page = make_app(mode).test_client().get("/").get_data(as_text=True)
    nav = re.search(r'<nav class="wrap main-nav".*?</nav>', page, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)"', nav) == MENU[mode]


@pytest.mark.parametrize("path", sorted(MEMBERS))
def test_members_routes_are_404_in_anonymous_mode(client, path):
    concrete = re.sub(r"<int:\w+>", "1", path).replace("<token>", "x")
    assert client.get(concrete).status_code == 404
    assert client.post(concrete).status_code == 404
