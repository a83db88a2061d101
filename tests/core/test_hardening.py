"""Odd input never reaches the database as a 500, and personal data stays out of logs and caches."""

from __future__ import annotations

import logging
import os
import stat

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from clinic_site.extensions import db
from tests.helpers import CSRF, csrf_token


@pytest.mark.parametrize("path", [
    "/consultations/99999999999999999999999",
    "/consultations/2147483648",
    "/consultations/2147483648/edit",
    "/policy/99999999999999999999",
    "/policy/2147483648/changes",
])  # fmt: skip
def test_numbers_beyond_the_database_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/admin/audit", "/admin/audit/sign-ins"])
@pytest.mark.parametrize("page", ["99999999999999999999", "%C2%B2", "-1", "0", "abc"])
def test_bad_page_numbers_are_404(owner_client, path, page):
    assert owner_client.get(f"{path}?page={page}").status_code == 404


def test_a_nul_byte_is_refused_and_stores_nothing(app, client):
    token = csrf_token(client, "/consultations/new")
    data = {
        "csrf_token": token,
        "name": "홍길\x00동",
        "password": "secret-pw",
        "title": "t",
        "mobile": "010-1234-5678",
        "body": "b",
        "agree_privacy": "y",
        "agree_sensitive": "y",
    }
    assert client.post("/consultations/new", data=data).status_code == 400
    assert client.get("/consultations?page=1%00").status_code == 400
    assert client.get("/consultations?page=1&page=%00").status_code == 400
    assert client.get("/consultations?x%00=1").status_code == 400
    from clinic_site.board.models import ConsultationPost

    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationPost)) == 0


def test_a_failed_statement_logs_no_parameters(app, caplog):
    with app.app_context(), caplog.at_level(logging.DEBUG):
        with pytest.raises(SQLAlchemyError) as failure:
            db.session.execute(
                sa.text("SELECT * FROM no_such_table WHERE x = :x"), {"x": "홍길동 010-1234-5678"}
            )
        db.session.rollback()
    assert "010-1234-5678" not in str(failure.value)
    assert "010-1234-5678" not in caplog.text


def test_pages_are_never_stored_by_browsers_or_proxies(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"
    with client.get("/static/css/site.css") as response:
        assert response.headers.get("Cache-Control") != "no-store"


def test_the_error_page_renders_while_the_database_is_away(make_app, tmp_path):
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing/dir/clinic.sqlite3", ready=False)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/policy", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)


def test_sqlite_overwrites_deleted_rows(app):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("SQLite setting")
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_visit_record_lines_cannot_be_forged_and_are_private(app, client, tmp_path):
    client.get("/nowhere/%0a%0d2026-01-01T00:00:00+00:00%09198.51.100.1%09GET%09/%09200")
    day_file = next((tmp_path / "visits").glob("*.log"))
    lines = day_file.read_text().splitlines()
    assert len(lines) == 1 and lines[0].count("\t") == 4
    assert stat.S_IMODE(os.stat(day_file).st_mode) == 0o600


def test_backups_are_readable_by_the_site_only(app, runner, tmp_path):
    dest = tmp_path / "copy.backup"
    assert runner.invoke(args=["backup", str(dest)]).exit_code == 0
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600


def test_bytes_that_are_not_utf8_are_refused_and_store_nothing(app, client):
    from clinic_site.board.models import ConsultationPost

    token = csrf_token(client, "/consultations/new")
    body = (
        f"csrf_token={token}&name=%ED%99%8D%FF&password=secret-pw&title=t&mobile=010-1234-5678"
        "&body=b&agree_privacy=y&agree_sensitive=y"
    )
    answer = client.post(
        "/consultations/new", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 400
    assert client.get("/consultations?page=%C3%28").status_code == 400
    assert client.get("/consultations?page=2").status_code in (200, 404)  # still readable
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationPost)) == 0


def test_no_other_site_may_embed_what_this_one_serves(client):
    for path in ("/", "/policy", "/static/css/site.css", "/healthz"):
        with client.get(path) as response:
            assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin", path


def test_over_https_the_session_cookie_is_bound_to_this_host(make_app):
    from tests.fixtures.board import GOOD

    app = make_app()
    browser = app.test_client()
    page = browser.get("/consultations/new", base_url="https://clinic.example")
    cookie = page.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    # The session named so works: the form's CSRF token is accepted on the next request.
    token = CSRF.search(page.get_data(as_text=True)).group(1)
    answer = browser.post(
        "/consultations/new",
        data={"csrf_token": token, **GOOD},
        base_url="https://clinic.example",
        headers={"Referer": "https://clinic.example/consultations/new"},
    )
    assert answer.status_code == 303
    # Over plain HTTP (development) the cookie keeps its plain name.
    assert app.test_client().get("/consultations/new").headers["Set-Cookie"].startswith("session=")
