"""The owner's analytics script: validated in settings, rendered and allowed by the CSP only for
visitors who consented to analytics for the current revision."""

from __future__ import annotations

import re

import pytest

from clinic_site.extensions import db
from clinic_site.settings.queries import get_settings
from clinic_site.settings.services import update_settings
from tests.fixtures.staff import GOOD
from tests.helpers import csrf_token, submit

URL = "https://stats.example.com/tag.js?id=C-1&v=2"


@pytest.fixture
def with_analytics(app):
    with app.test_request_context():
        update_settings(analytics_snippet=URL)
        db.session.commit()


def _script_and_csp(client, path="/"):
    response = client.get(path)
    html = response.get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*>", html)
    return scripts, response.headers["Content-Security-Policy"]


def _directive(csp: str, name: str) -> str:
    return next(part for part in csp.split("; ") if part.startswith(name + " "))


@pytest.mark.parametrize(
    "value",
    [
        "http://stats.example.com/tag.js",
        "<script src='https://stats.example.com/tag.js'></script>",
        'https://stats.example.com/tag.js" onerror="alert(1)',
        "https://a.example/x.js https://b.example/y.js",
        "javascript:alert(1)",
        "https://stats.example.com/" + "a" * 2000,
    ],
)
def test_settings_refuse_anything_but_one_https_address(app, owner_client, value):
    response = submit(owner_client, "/admin/settings", {**GOOD, "analytics_snippet": value})
    assert response.status_code == 422
    assert 'id="analytics_snippet-error"' in response.get_data(as_text=True)
    with app.test_request_context():
        assert get_settings().analytics_snippet == ""


def test_settings_accept_an_https_address_or_nothing(app, owner_client):
    response = submit(owner_client, "/admin/settings", {**GOOD, "analytics_snippet": f" {URL} "})
    assert response.status_code in (302, 303)
    with app.test_request_context():
        assert get_settings().analytics_snippet == URL
    response = submit(owner_client, "/admin/settings", {**GOOD, "analytics_snippet": ""})
    assert response.status_code in (302, 303)


@pytest.mark.parametrize("choice", [None, "necessary", "custom-preferences"])
def test_without_analytics_consent_no_script_and_the_csp_is_unchanged(
    client, with_analytics, choose, choice
):
    if choice == "custom-preferences":
        choose(client, "custom", preferences="y")
    elif choice:
        choose(client, choice)
    scripts, csp = _script_and_csp(client)
    assert not any("stats.example.com" in s for s in scripts)
    assert _directive(csp, "script-src") == "script-src 'self'"
    assert _directive(csp, "connect-src") == "connect-src 'self'"


@pytest.mark.parametrize("fields", [{"choice": "all"}, {"choice": "custom", "analytics": "y"}])
def test_with_analytics_consent_the_script_loads_and_the_csp_allows_its_origin(
    client, with_analytics, choose, fields
):
    choose(client, **fields)
    for path in ("/", "/cookies", "/no-such-page"):
        scripts, csp = _script_and_csp(client, path)
        assert '<script src="https://stats.example.com/tag.js?id=C-1&amp;v=2" async>' in scripts
        assert _directive(csp, "script-src") == "script-src 'self' https://stats.example.com"
        assert _directive(csp, "connect-src") == "connect-src 'self' https://stats.example.com"
    # Static files and JSON carry no page, so nothing is widened for them.
    with client.get("/healthz") as response:
        assert "stats.example.com" not in response.headers["Content-Security-Policy"]


def test_the_cookie_table_names_the_analytics_service_when_configured(client, with_analytics):
    html = client.get("/cookies", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Cookies of stats.example.com" in html and "only with your consent" in html


def test_a_revision_bump_withdraws_the_script_until_the_visitor_chooses_again(
    app, client, with_analytics, choose
):
    choose(client, "all")
    assert "stats.example.com" in _script_and_csp(client)[1]
    with app.test_request_context():
        update_settings(cookie_revision=2)
        db.session.commit()
    scripts, csp = _script_and_csp(client)
    assert "stats.example.com" not in csp and not any("stats" in s for s in scripts)


def test_the_script_path_asks_for_a_reload_when_analytics_was_allowed(client, with_analytics):
    token = csrf_token(client, "/")
    response = client.post(
        "/cookies",
        data={"csrf_token": token, "choice": "all"},
        headers={"Accept": "application/json"},
    )
    assert response.json["reload"] is True
    response = client.post(
        "/cookies",
        data={"csrf_token": token, "choice": "necessary"},
        headers={"Accept": "application/json"},
    )
    assert response.json["reload"] is False
