"""Every page of the site in a real browser, in Korean and in English, on a 390 px phone: each as
the person it is for sees it (a visitor, a member, staff, the owner), then again with the errors
of its form shown. axe-core finds no WCAG 2.1 A or AA violation, nothing scrolls sideways, no word
is broken mid-word, and the HTML the server sent passes the Nu HTML Checker. Both modes.

The markup does not depend on the database, so this runs once, on SQLite."""

from __future__ import annotations

import os

import pytest

from tests.browser import checks
from tests.browser.tools import AXE, VNU, needed, served_in_thread
from tests.fixtures.board import write
from tests.fixtures.world import build_world
from tests.helpers import english, login_staff, submit
from tests.security.routes import KINDS, ROUTES, url_of

PHONE = {"width": 390, "height": 844}
LANGUAGES = {"ko": "ko-KR", "en": "en-US"}
# Who looks at each kind of page, in this order of preference.
VIEWERS = ("visitor", "member", "staff", "owner")
# Not pages: files, redirects, JSON, and addresses that only answer a link from a mail.
NOT_PAGES = {"static", "core.healthz", "core.favicon", "core.language", "pages.image",
             "accounts.unsubscribe", "accounts.export", "accounts.withdrawn",
             "reservations.calendar_file", "fees_admin.export"}  # fmt: skip

# Clears a page's main form and sends it as the browser would without its own checks, so the
# server's error messages show.
TYPED = "input:not([type=hidden]):not([type=submit]):not([type=button]), textarea"
HAS_FORM = """(typed) => [...document.querySelectorAll("main form[method=post]")]
  .some(form => form.querySelector(typed))"""
SEND_EMPTY = """(typed) => {
  const forms = [...document.querySelectorAll("main form[method=post]")]
    .filter(form => form.querySelector(typed));
  const form = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
  for (const field of form.querySelectorAll(typed)) {
    if (field.type === "checkbox" || field.type === "radio") field.checked = false;
    else field.value = "";
  }
  form.noValidate = true;
  form.requestSubmit();
}"""


def _viewer(endpoint: str, roles) -> str | None:
    answers = KINDS[ROUTES[endpoint]]
    return next((role for role in VIEWERS if role in roles and answers[role] == "ok"), None)


def _anonymous_world(make_app):
    """The anonymous clinic: a visitor, staff, the owner, an inquiry, a notice and a fee."""
    from tests.fixtures.world import World

    app = make_app("anonymous")
    world = World(app)
    world.clients["visitor"] = english(app.test_client())
    from clinic_site.extensions import db
    from clinic_site.staff.services import create_staff

    with app.app_context():
        create_staff("staffer", "Staff Kim", "staff", "long-enough-pw")
        create_staff("owner", "Owner Kim", "owner", "long-enough-pw")
        db.session.commit()
    for role, username in (("staff", "staffer"), ("owner", "owner")):
        world.clients[role] = english(app.test_client())
        signed_in = login_staff(world.clients[role], username, "long-enough-pw")
        assert signed_in.status_code in (302, 303)
    assert write(english(app.test_client())).status_code == 303
    owner = world.clients["owner"]
    submit(owner, "/admin/notices/new", {"title_ko": "금요일 휴진", "body_ko": "배관 공사"})
    submit(owner, "/admin/fees", {"kind": "non_covered", "name": "Crown", "price": "500000"})
    world.ids.update(guest_post=1, member_post=1, notice=1, fee=1, doctor=1)
    return world


def _pages(world) -> list[tuple[str, str]]:
    """(viewer, address) of every page of the app, each seen by the person it is for."""
    found = []
    for rule in sorted(world.app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
            continue
        viewer = _viewer(rule.endpoint, world.clients)
        if viewer:
            found.append((viewer, url_of(rule, world.ids)))
    return found


def _check(browser, base: str, world, language: str, problems: dict, sent: dict) -> None:
    contexts = {}
    for viewer, path in _pages(world):
        if viewer not in contexts:  # one browser per person: style sheets load once
            context = browser.new_context(locale=LANGUAGES[language], viewport=PHONE,
                                          bypass_csp=True)  # fmt: skip
            session = world.clients[viewer].get_cookie("session")
            if session is not None:
                context.add_cookies([{"name": "session", "value": session.value, "url": base}])
            contexts[viewer] = context.new_page()
        page = contexts[viewer]
        page.context.clear_cookies(name="cookie_consent")  # the banner on every page
        for variant in ("", " (errors)"):
            name = f"{language} {viewer} {path}{variant}"
            if variant:
                if not page.evaluate(HAS_FORM, TYPED):
                    break
                with page.expect_navigation() as navigation:
                    page.evaluate(SEND_EMPTY, TYPED)
                response = navigation.value
            else:
                response = page.goto(base + path)
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                break
            if response.status == 404:  # a page naming a row this clinic does not have
                break
            sent[name] = response.text()
            codes = checks.codes(page) if language == "ko" else []
            for kind, found in (("axe", checks.accessibility(page)),
                                ("layout", checks.layout(page)), ("words", codes)):  # fmt: skip
                problems[kind] += [f"{name}: {problem}" for problem in found]
    for page in contexts.values():
        page.context.close()


@pytest.mark.skipif(bool(os.environ.get("CLINIC_TEST_POSTGRES")), reason="markup only")
@pytest.mark.parametrize("mode", ["members", "anonymous"])
def test_every_page_is_accessible_valid_and_fits_a_phone(make_app, browser, tmp_path, mode):
    needed("axe-core", AXE.exists(), "npm ci")
    needed("the Nu HTML Checker", VNU.exists(), "npm ci, and Java: default-jre-headless")
    world = build_world(make_app) if mode == "members" else _anonymous_world(make_app)
    problems: dict[str, list[str]] = {"axe": [], "layout": [], "words": []}
    sent: dict[str, str] = {}
    with served_in_thread(world.app) as base:
        for language in LANGUAGES:
            _check(browser, base, world, language, problems, sent)
    problems["html"] = checks.html_errors(sent, tmp_path / "html")
    assert len(sent) > 40, sorted(sent)
    found = [f"{kind}: {problem}" for kind, listed in problems.items() for problem in listed]
    assert found == [], "\n".join(found)
