"""Each choice, the cookies that follow it on later pages, and what is refused."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from clinic_site.extensions import db
from clinic_site.records.models import ConsentRecord
from tests.fixtures.consent import deleted, set_cookies
from tests.fixtures.staff import GOOD
from tests.helpers import CSRF, csrf_token, submit

CHOICES = [
    ({"choice": "all"}, True, True),
    ({"choice": "necessary"}, False, False),
    ({"choice": "custom"}, False, False),
    ({"choice": "custom", "preferences": "y"}, True, False),
    ({"choice": "custom", "analytics": "y"}, False, True),
    ({"choice": "custom", "preferences": "y", "analytics": "y"}, True, True),
    # "necessary" wins over stray checkboxes, as the button says.
    ({"choice": "necessary", "preferences": "y", "analytics": "y"}, False, False),
]


def _records(app) -> list[ConsentRecord]:
    with app.app_context():
        return list(db.session.scalars(db.select(ConsentRecord).order_by(ConsentRecord.id)))


def _html(client, path="/", lang="en") -> str:
    return client.get(path, headers={"Accept-Language": lang}).get_data(as_text=True)


@pytest.mark.parametrize(("data", "preferences", "analytics"), CHOICES)
def test_each_choice_sets_the_consent_cookie_and_later_cookies_follow_it(
    app, client, data, preferences, analytics
):
    response = submit(client, "/", {**data, "next": "/"}, action="/cookies")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    cookies = set_cookies(response)
    assert set(cookies) <= {"session", "cookie_consent"}
    consent = cookies["cookie_consent"]
    assert "HttpOnly" in consent and "SameSite=Lax" in consent and "Max-Age=15724800" in consent
    assert f".p{int(preferences)}.a{int(analytics)}." in consent

    assert 'id="cookie-banner"' not in _html(client)
    switched = submit(client, "/", {"lang": "en", "next": "/"}, action="/language")
    later = set_cookies(switched)
    assert ("lang" in later) is preferences
    if preferences:
        assert "Max-Age=31536000" in later["lang"] and "HttpOnly" in later["lang"]
    for path in ("/", "/cookies", "/admin/login"):
        assert set(set_cookies(client.get(path))) <= {"session", "cookie_consent", "lang"}

    [record] = _records(app)
    assert (record.preferences, record.analytics) == (preferences, analytics)
    assert record.choice == data["choice"] and record.cookie_revision == 1


def test_the_lang_cookie_is_honoured_only_with_preferences_consent(make_app, choose):
    app = make_app()
    for choice, honoured in (("all", True), ("necessary", False)):
        visitor = app.test_client()
        choose(visitor, choice)
        # A later visit: the session is gone, the long-lived cookies stay.
        fresh = app.test_client()
        fresh.set_cookie("cookie_consent", visitor.get_cookie("cookie_consent").value)
        fresh.set_cookie("lang", "en")
        page = fresh.get("/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
        assert ('<html lang="en">' in page) is honoured


def test_accepting_keeps_a_language_chosen_before(client, choose):
    submit(client, "/", {"lang": "en", "next": "/"}, action="/language")
    assert client.get_cookie("lang") is None
    response = choose(client, "custom", preferences="y")
    assert "lang=en" in set_cookies(response)["lang"]


def test_withdrawing_is_as_easy_as_agreeing_and_deletes_the_lang_cookie(app, client, choose):
    choose(client, "all")
    submit(client, "/", {"lang": "en", "next": "/"}, action="/language")
    assert client.get_cookie("lang").value == "en"
    settings = _html(client, "/cookies")
    assert "You allowed all cookies." in settings
    assert 'name="choice" value="necessary"' in settings and 'id="preferences" ' in settings
    assert re.search(r'<input[^>]*\bchecked\b[^>]*id="preferences"', settings)

    response = choose(client, "necessary", page="/cookies", next="/cookies")
    assert response.headers["Location"] == "/cookies"
    assert deleted(set_cookies(response)["lang"])
    assert client.get_cookie("lang") is None
    assert "You allowed necessary cookies only." in _html(client, "/cookies")
    first, second = _records(app)
    assert first.consent_id == second.consent_id and (first.choice, second.choice) == (
        "all",
        "necessary",
    )


@pytest.mark.parametrize("choice", ["", "everything", "ALL", "necessary "])
def test_a_bad_choice_gets_400_and_changes_nothing(app, client, choose, choice):
    response = choose(client, choice)
    assert response.status_code == 400
    assert "cookie_consent" not in set_cookies(response)
    assert 'id="cookie-banner"' in response.get_data(as_text=True)
    assert _records(app) == []
    assert 'id="cookie-banner"' in _html(client)


def test_a_post_without_the_csrf_token_gets_400_and_changes_nothing(app, client):
    client.get("/")
    response = client.post("/cookies", data={"choice": "all", "next": "/"})
    assert response.status_code == 400
    assert "cookie_consent" not in set_cookies(response)
    assert _records(app) == []
    forged = client.post("/cookies", data={"choice": "all", "csrf_token": "forged"})
    assert forged.status_code == 400 and _records(app) == []


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "http:evil.example",
        " //evil.example",
        "/\r\nLocation: https://evil.example/",
    ],
)
def test_a_foreign_next_never_leaves_the_site(client, choose, target):
    response = choose(client, "necessary", next=target)
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//")
    assert urlsplit(location).netloc == "" and "evil" not in location


def test_a_local_next_is_where_the_visitor_returns(client, choose):
    response = choose(client, "all", next="/policy?page=2")
    assert response.headers["Location"] == "/policy?page=2"


def test_without_javascript_the_plain_form_post_lands_back_on_the_page(client):
    token = csrf_token(client, "/admin/login")
    response = client.post(
        "/cookies",
        data={"csrf_token": token, "choice": "necessary", "next": "/admin/login"},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "en"},
        follow_redirects=True,
    )
    assert response.status_code == 200 and response.request.path == "/admin/login"
    html = response.get_data(as_text=True)
    assert 'id="cookie-banner"' not in html and "Your cookie choice is saved" in html


@pytest.mark.parametrize(
    "headers",
    [{"Accept": "application/json"}, {"X-Requested-With": "fetch", "Accept": "*/*"}],
)
def test_the_script_path_gets_json_and_the_same_cookie(app, client, headers):
    token = csrf_token(client, "/")
    response = client.post(
        "/cookies", data={"csrf_token": token, "choice": "all", "next": "/"}, headers=headers
    )
    assert response.status_code == 200 and response.is_json
    assert response.json["saved"] is True and response.json["analytics"] is True
    assert response.json["reload"] is False  # no analytics service configured
    assert "cookie_consent" in set_cookies(response)
    assert 'id="cookie-banner"' not in _html(client)
    bad = client.post("/cookies", data={"csrf_token": token, "choice": "maybe"}, headers=headers)
    assert bad.status_code == 400 and bad.json["saved"] is False
    assert len(_records(app)) == 1


def test_a_revision_bump_by_the_owner_brings_the_banner_back(app, owner_client, choose):
    visitor = app.test_client()
    choose(visitor, "all")
    submit(visitor, "/", {"lang": "en", "next": "/"}, action="/language")
    assert 'id="cookie-banner"' not in _html(visitor)

    saved = submit(owner_client, "/admin/settings", {**GOOD, "cookie_revision": "2"})
    assert saved.status_code in (302, 303)

    response = visitor.get("/", headers={"Accept-Language": "ko"})
    assert 'id="cookie-banner"' in response.get_data(as_text=True)
    # No optional consent until the visitor chooses again: the lang cookie goes too.
    assert deleted(set_cookies(response)["lang"])
    assert 'id="cookie-banner"' in _html(visitor, "/cookies")
    choose(visitor, "necessary")
    assert 'id="cookie-banner"' not in _html(visitor)
    assert [r.cookie_revision for r in _records(app)] == [1, 2]


def test_a_forged_or_tampered_cookie_grants_nothing(client, choose):
    client.set_cookie("cookie_consent", "v1.p1.a1.20261121.AAAAAAAAAAAAAAAA")
    assert 'id="cookie-banner"' in _html(client)
    client.delete_cookie("cookie_consent")
    choose(client, "necessary")
    genuine = client.get_cookie("cookie_consent").value
    client.set_cookie("cookie_consent", genuine.replace(".p0.a0.", ".p1.a1."))
    assert 'id="cookie-banner"' in _html(client)


def test_a_choice_older_than_the_cookie_lifetime_is_asked_again(client, choose, set_now):
    start = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    set_now(start)
    choose(client, "all")
    set_now(start + timedelta(days=181))
    assert 'id="cookie-banner"' not in _html(client)
    set_now(start + timedelta(days=184))
    assert 'id="cookie-banner"' in _html(client)


def test_the_consent_cookie_is_secure_over_https(client):
    # Over HTTPS the session cookie is another one (__Host-session): the form comes over HTTPS too.
    page = client.get("/", base_url="https://localhost").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    response = client.post(
        "/cookies",
        data={"csrf_token": token, "choice": "necessary", "next": "/"},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/"},
    )
    assert response.status_code == 303
    assert "Secure" in set_cookies(response)["cookie_consent"]
