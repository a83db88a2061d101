"""Every route of the site (members mode, where all of them exist), the kind of route it is, and
the answer each kind of person gets; with the address of each, naming rows of the world
(``tests/fixtures/world.py``). The authorisation matrix and the browser's page checks use it."""

from __future__ import annotations

import re

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
    # A member's own visit or waiting-list entry: not there at all for anyone else.
    "own": {**_answers("login", "missing", "login"), "member": "ok"},
    "nothing_here": _answers("missing", "missing", "missing"),
    # A member's page there only while something awaits their answer (consent again): with
    # nothing to answer, the member is sent on to their account.
    "members_when_asked": _answers("login", "account", "login"),
    "redirect": _answers("elsewhere", "elsewhere", "elsewhere"),
}

# Every endpoint of the site, with the kind of route it is.
ROUTES = {
    "pages.home": "public", "pages.about": "public", "pages.treatments": "public",
    "fees.index": "public", "pages.location": "public", "pages.notices": "public",
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
    "reservations.cancel": "members", "reservations.move": "own",
    "reservations.calendar_file": "own", "waitlist.index": "members", "waitlist.join": "members",
    "waitlist.leave": "own",
    "staff.login": "staff_login", "staff.logout": "public",
    "two_factor.code": "second_factor", "two_factor.setup": "staff",
    "two_factor.recovery_codes": "second_factor",
    "admin.dashboard": "staff", "board_admin.index": "staff", "board_admin.show": "staff",
    "board_admin.reply": "staff", "board_admin.destroy": "staff",
    "reservations_admin.day": "staff", "reservations_admin.show": "staff",
    "reservations_admin.status": "staff", "reservations_admin.book": "staff",
    "requests_admin.show": "staff", "requests_admin.answer": "staff",
    "requests_admin.book": "staff", "reservations_admin.week": "staff",
    "reservations_admin.move": "staff", "blocks_admin.index": "staff",
    "blocks_admin.delete": "staff",
    "members_admin.index": "staff", "members_admin.show": "staff",
    "members_admin.confirm": "staff", "members_admin.hold": "staff",
    "members_admin.release": "staff", "members_admin.destroy": "owner",
    "members_admin.news_index": "owner", "members_admin.news_resume": "owner",
    "policy_admin.index": "staff", "policy_admin.new": "owner", "policy_admin.withdraw": "owner",
    "settings_admin.edit": "owner", "records_admin.audit": "owner",
    "records_admin.sign_ins": "owner", "records_admin.destructions": "owner",
    "records_admin.consent": "owner", "records_admin.review": "owner",
    "pages_admin.items": "owner", "pages_admin.item": "owner", "pages_admin.item_action": "owner",
    "fees_admin.index": "owner", "fees_admin.delete": "owner",
    "fees_admin.edit": "owner", "fees_admin.move": "owner", "fees_admin.withdraw": "owner",
    "fees_admin.export": "owner", "fees_admin.import_csv": "owner",
    "policy_admin.publish": "owner", "terms.show": "public",
    "pages_admin.image_upload": "owner", "pages_admin.image_delete": "owner",
    "pages_admin.texts": "owner",
    "clinic_admin.hours": "owner", "clinic_admin.closed": "owner", "clinic_admin.reopen": "owner",
    "clinic_admin.doctors": "owner", "clinic_admin.doctor": "owner",
    "booking_setup.services": "owner", "booking_setup.service": "owner",
    "booking_setup.settings": "owner", "booking_setup.service_from_treatment": "owner",
    "booking_setup.services_from_treatments": "owner",
    "messages_admin.index": "staff", "messages_admin.send_again": "staff",
    "rights.new": "public", "rights.show": "nothing_here", "rights_account.index": "members",
    "rights_admin.index": "staff", "rights_admin.show": "staff", "rights_admin.answer": "staff",
    "rights_admin.extend": "staff", "members_admin.correct": "staff",
    "representative.consent": "nothing_here", "accounts.consent_again": "members_when_asked",
    "representative.login": "signed_out",
    "staff_access.index": "owner", "staff_access.new": "owner", "staff_access.show": "owner",
    "staff_access.disable": "owner", "staff_access.enable": "owner",
    "staff_access.reset_second_factor": "owner", "staff_access.link": "owner",
    "staff_access.role": "owner", "staff_access.password": "staff",
    "staff_welcome.welcome": "nothing_here", "privacy_desk.index": "staff",
}  # fmt: skip


def url_of(rule, ids: dict) -> str:
    values = {
        "id": ids.get(_ID_OF.get(rule.endpoint, ""), 1),
        "number": 1,
        "kind": "notices",
        "action": "up",
        "direction": "up",
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
    "requests_admin.book": "request", "reservations_admin.move": "reservation",
    "reservations.move": "reservation", "reservations.calendar_file": "reservation",
    "waitlist.leave": "waitlist_entry",
    "reservation_requests.show": "request", "reservation_requests.withdraw": "request",
    "members_admin.show": "member", "members_admin.confirm": "child",
    "members_admin.hold": "member", "members_admin.release": "member",
    "members_admin.destroy": "member", "pages_admin.item": "notice",
    "pages_admin.item_action": "notice", "pages_admin.notice": "notice",
    "pages.notice": "notice", "fees_admin.delete": "fee", "fees_admin.edit": "fee",
    "fees_admin.move": "fee", "clinic_admin.doctor": "doctor",
    "rights_admin.show": "rights_request", "rights_admin.answer": "rights_request",
    "rights_admin.extend": "rights_request", "members_admin.correct": "member",
    "booking_setup.service_from_treatment": "treatment",
}  # fmt: skip
