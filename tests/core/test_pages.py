"""What every page carries: layout, language, headers, error pages."""

from __future__ import annotations

import re

import pytest

from tests.helpers import csrf_token, submit

PAGES = ["/", "/admin/login", "/no-such-page"]


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_layout_and_the_legal_links(client, path):
    page = _text(client.get(path))
    assert re.search(r'<a class="policy-link" href="/policy"><strong>', page)
    assert 'href="/cookies"' in page
    assert "<main" in page and "<header" in page and "<footer" in page


@pytest.mark.parametrize("path", ["/", "/no-such-page", "/healthz", "/static/css/site.css"])
def test_security_headers_on_every_response(client, path):
    with client.get(path) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_pages_have_no_inline_script_or_style(client):
    page = _text(client.get("/"))
    assert "<style" not in page and " style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_korean_and_english_pages(client):
    ko = _text(client.get("/", headers={"Accept-Language": "ko-KR,ko;q=0.9"}))
    assert '<html lang="ko">' in ko and "개인정보처리방침" in ko and "본문 바로가기" in ko
    en = _text(client.get("/", headers={"Accept-Language": "en-US,en;q=0.8"}))
    assert '<html lang="en">' in en and "Privacy Policy" in en and "Skip to content" in en


def test_the_visitors_choice_beats_accept_language(client):
    response = submit(client, "/", {"lang": "en", "next": "/admin/login"}, action="/language")
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/login"
    page = _text(client.get("/", headers={"Accept-Language": "ko"}))
    assert '<html lang="en">' in page


def test_language_switch_ignores_unknown_languages_and_foreign_next(client):
    response = submit(
        client, "/", {"lang": "xx", "next": "https://evil.example/"}, action="/language"
    )
    assert response.headers["Location"] == "/"
    assert '<html lang="ko">' in _text(client.get("/", headers={"Accept-Language": "ko"}))


def test_post_without_csrf_token_is_refused_and_changes_nothing(client):
    client.get("/")
    response = client.post(
        "/language", data={"lang": "en", "next": "/"}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert "Reload the page" in _text(response)
    page = _text(client.get("/", headers={"Accept-Language": "ko"}))
    assert '<html lang="ko">' in page


def test_404_page_is_inside_the_layout_in_the_visitors_language(client):
    response = client.get("/nowhere", headers={"Accept-Language": "ko"})
    assert response.status_code == 404
    assert "페이지를 찾을 수 없습니다" in _text(response)


def test_405_and_413_pages(app, client):
    assert client.post("/healthz").status_code == 405
    app.config["MAX_CONTENT_LENGTH"] = 1000
    token = csrf_token(client, "/")
    response = client.post(
        "/language",
        data={"csrf_token": token, "next": "x" * 5000},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 413
    assert "too large" in _text(response)


def test_500_page_says_nothing_was_lost_and_shows_no_traceback(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    page = _text(response)
    assert "Something went wrong" in page and "secret internals" not in page
    assert "Traceback" not in page


def test_session_cookie_is_httponly_lax_and_secure_over_https(client):
    plain = client.get("/").headers.get_all("Set-Cookie")
    assert any("HttpOnly" in c and "SameSite=Lax" in c and "Secure" not in c for c in plain)
    secure = client.get("/", base_url="https://localhost").headers
    assert any("Secure" in c for c in secure.get_all("Set-Cookie"))
    assert "max-age" in secure["Strict-Transport-Security"]


def test_forwarded_https_is_trusted_only_behind_a_configured_proxy(make_app):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    direct = make_app().test_client().get("/", headers=forwarded)
    assert "Strict-Transport-Security" not in direct.headers
    behind = make_app(PROXY_COUNT=1).test_client().get("/", headers=forwarded)
    assert "Strict-Transport-Security" in behind.headers
    assert any("Secure" in c for c in behind.headers.get_all("Set-Cookie"))
