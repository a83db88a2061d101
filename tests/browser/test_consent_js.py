"""The cookie bar with JavaScript on: the choice is sent in the background, the bar goes away
without a page load, and the site's cookies follow the choice."""

from __future__ import annotations


def _cookie_names(page) -> set[str]:
    return {cookie["name"] for cookie in page.context.cookies()}


def test_necessary_only_without_a_reload(live_server, page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server}/")
    assert page.locator("#cookie-banner").is_visible()
    loads = []
    page.on("load", lambda: loads.append(page.url))
    page.get_by_role("button", name="Necessary only").click()
    page.locator("#cookie-banner").wait_for(state="detached")
    assert loads == []
    assert _cookie_names(page) == {"session", "cookie_consent"}
    assert "saved" in page.evaluate("document.activeElement.textContent")
    page.reload()
    assert page.locator("#cookie-banner").count() == 0
    assert errors == []


def test_accept_all_then_the_language_choice_is_kept_in_a_cookie(live_server, page):
    page.goto(f"{live_server}/")
    page.get_by_role("button", name="Accept all").click()
    page.locator("#cookie-banner").wait_for(state="detached")
    page.get_by_role("button", name="한국어").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "lang" in _cookie_names(page)


def test_without_javascript_the_plain_form_works(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server}/policy")
    page.get_by_role("button", name="Necessary only").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server}/policy"
    assert page.locator("#cookie-banner").count() == 0
    assert {c["name"] for c in context.cookies()} == {"session", "cookie_consent"}
    context.close()
