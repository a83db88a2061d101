"""A visitor who has not chosen sees the banner on every page and gets only necessary cookies."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.consent import set_cookies
from tests.helpers import submit

PAGES = ["/", "/cookies", "/policy", "/consultations", "/admin/login"]
NECESSARY = {"session", "cookie_consent"}


def _banner(html: str) -> str | None:
    match = re.search(r'<section id="cookie-banner".*?</section>', html, re.S)
    return match.group(0) if match else None


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_fresh_visitor_gets_the_banner_and_only_necessary_cookies(client, lang):
    for path in PAGES:
        response = client.get(path, headers={"Accept-Language": lang})
        assert set(set_cookies(response)) <= {"session"}, path
        if response.status_code == 200:
            html = response.get_data(as_text=True)
            assert f'<html lang="{lang}">' in html
            assert _banner(html), f"no banner on {path}"
    switched = submit(client, "/", {"lang": lang, "next": "/"}, action="/language")
    assert switched.status_code == 303
    assert set(set_cookies(switched)) <= {"session"}


def test_the_banner_is_a_labelled_form_with_two_equal_buttons_and_settings(client):
    banner = _banner(client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True))
    assert (
        'aria-labelledby="cookie-banner-title"' in banner and 'id="cookie-banner-title"' in banner
    )
    assert re.search(r'<form method="post" action="/cookies"', banner)
    assert 'name="csrf_token"' in banner and 'name="next" value="/"' in banner
    buttons = re.findall(
        r'<button type="submit" name="choice" value="(\w+)" class="([^"]+)"', banner
    )
    assert buttons == [("all", "consent-button"), ("necessary", "consent-button")]
    assert ">Accept all<" in banner and ">Necessary only<" in banner
    assert 'href="/cookies"' in banner and ">Settings<" in banner
    # Progressive enhancement only: a script file, nothing inline.
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<script src="/static/js/consent\.[0-9a-f]{10}\.js" defer></script>', page)


def test_the_banner_is_in_the_flow_not_an_overlay(client):
    with client.get("/static/css/consent.css") as response:
        css = response.get_data(as_text=True)
    assert "position: fixed" not in css and "position:fixed" not in css
    assert "position: absolute" not in css
    page = client.get("/").get_data(as_text=True)
    assert page.index('id="cookie-banner"') < page.index('<main id="main"')


def test_the_settings_page_lists_every_cookie_from_the_inventory(client):
    from clinic_site.privacy.inventory import COOKIES

    html = client.get("/cookies", headers={"Accept-Language": "en"}).get_data(as_text=True)
    for cookie in COOKIES:
        assert f"<code>{cookie.name}</code>" in html
    assert "Remembers the language you chose" in html and "1 year" in html
    assert "182 days" in html and "Preferences" in html and "Necessary" in html
    assert "You have not chosen yet" in html
    for value in ("custom", "all", "necessary"):
        assert f'name="choice" value="{value}"' in html
    assert 'name="preferences"' in html and 'name="analytics"' in html


def test_a_configured_consent_lifetime_is_used_and_shown(make_app, choose):
    client = make_app(CONSENT_COOKIE_DAYS=30).test_client()
    response = choose(client, "necessary")
    assert "Max-Age=2592000" in set_cookies(response)["cookie_consent"]
    assert "30 days" in client.get("/cookies", headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )


def test_members_mode_asks_the_same_way(make_app, choose):
    client = make_app("members").test_client()
    html = client.get("/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert '<html lang="ko">' in html and 'id="cookie-banner"' in html
    response = choose(client, "necessary")
    assert response.status_code == 303 and set(set_cookies(response)) <= NECESSARY
    assert 'id="cookie-banner"' not in client.get("/").get_data(as_text=True)
