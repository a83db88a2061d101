"""Staff sign-in, sign-out, roles and the limits on guessing."""

from __future__ import annotations

import uuid

import pytest

from clinic_site.extensions import db
from clinic_site.platform import limit_keys as keys
from clinic_site.staff.models import StaffUser
from tests.fixtures.apps import redis_or_skip
from tests.helpers import login_staff, submit


def test_sign_in_opens_the_dashboard(client, staff_factory):
    username, password = staff_factory("owner")
    response = login_staff(client, username, password)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    page = client.get("/admin/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Owner Kim" in page and "/admin/settings" in page


def test_sign_in_starts_a_fresh_session(client, staff_factory):
    username, password = staff_factory()
    client.get("/")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    login_staff(client, username, password)
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.mark.parametrize("username, password", [("staff1", "wrong-password"), ("nobody", "x" * 12)])
def test_wrong_password_and_unknown_user_get_the_same_message(
    client, staff_factory, username, password
):
    staff_factory()
    response = login_staff(client, username, password)
    assert response.status_code == 422
    assert "아이디 또는 비밀번호가 올바르지 않습니다." in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


def test_next_goes_only_to_this_site(client, staff_factory):
    username, password = staff_factory("owner")
    data = {"username": username, "password": password}
    response = submit(client, "/admin/login", data, action="/admin/login?next=/admin/settings")
    assert response.headers["Location"] == "/admin/settings"
    client.post("/admin/logout", data={"csrf_token": _token(client)})
    response = submit(client, "/admin/login", data, action="/admin/login?next=//evil.example/x")
    assert response.headers["Location"] == "/admin/"


def _token(client) -> str:
    from tests.helpers import csrf_token

    return csrf_token(client, "/admin/")


def test_sign_out_needs_a_post_and_ends_the_session(staff_client):
    assert staff_client.get("/admin/logout").status_code == 405
    response = staff_client.post("/admin/logout", data={"csrf_token": _token(staff_client)})
    assert response.status_code == 302
    assert staff_client.get("/admin/").headers["Location"].startswith("/admin/login")


def test_visitors_are_sent_to_sign_in(client):
    for path in ("/admin/", "/admin/settings", "/admin/audit"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login?next=")


def test_staff_cannot_open_owner_pages(staff_client):
    assert staff_client.get("/admin/").status_code == 200
    assert staff_client.get("/admin/settings").status_code == 403
    assert staff_client.get("/admin/audit").status_code == 403


def test_passwords_are_stored_as_argon2id(app, staff_factory):
    staff_factory(password="a-good-long-password")
    with app.app_context():
        stored = db.session.scalar(db.select(StaffUser.password_hash))
    assert stored.startswith("$argon2id$") and "a-good-long-password" not in stored


def test_production_hashes_at_argon2_defaults():
    from clinic_site.config import DEFAULTS

    assert (
        DEFAULTS["PASSWORD_HASH_TIME_COST"],
        DEFAULTS["PASSWORD_HASH_MEMORY_COST"],
        DEFAULTS["PASSWORD_HASH_PARALLELISM"],
    ) == (3, 65536, 4)


def test_sign_in_without_csrf_token_is_refused(client, staff_factory):
    username, password = staff_factory()
    client.get("/admin/login")
    response = client.post("/admin/login", data={"username": username, "password": password})
    assert response.status_code == 400
    assert client.get("/admin/").status_code == 302


def test_too_many_attempts_get_429_with_a_retry_time(client, staff_factory):
    staff_factory()
    for _ in range(5):
        assert login_staff(client, "staff1", "wrong-password").status_code == 422
    response = login_staff(client, "staff1", "wrong-password")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "초 후에 다시 시도할 수 있습니다" in response.get_data(as_text=True)


def test_guesses_at_one_account_stop_at_5_per_address_and_spare_its_owner(client, staff_factory):
    username, password = staff_factory()
    client.environ_base["REMOTE_ADDR"] = "203.0.113.5"
    for _ in range(5):
        assert login_staff(client, username, "wrong-password").status_code == 422
    assert login_staff(client, username, password).status_code == 429
    # Five wrong passwords from a stranger never lock the staff member out at the clinic.
    for n in range(10):
        stranger = english_client(client.application, f"198.51.100.{n}")
        assert login_staff(stranger, username, "wrong-password").status_code == 422
    at_the_clinic = english_client(client.application, "192.0.2.10")
    assert login_staff(at_the_clinic, username, password).status_code == 302


def test_sign_in_attempts_are_limited_per_address_at_10(client, staff_factory):
    for n in range(10):
        assert login_staff(client, f"nobody{n}", "wrong-password").status_code == 422
    assert login_staff(client, "nobody", "wrong-password").status_code == 429


def english_client(app, address: str):
    client = app.test_client()
    client.environ_base.update(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_limits_can_be_switched_off_for_load_tests(make_app, staff_factory):
    app = make_app(RATELIMIT_ENABLED=False)
    client = app.test_client()
    for _ in range(8):
        assert login_staff(client, "nobody", "wrong-password").status_code == 422


def test_workers_share_one_limit_through_redis(make_app):
    server = redis_or_skip()
    # A username and an address of this run only, so keys left by another run cannot interfere.
    username = f"nobody-{uuid.uuid4().hex[:12]}"
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    config = {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"}
    workers = [make_app(**config).test_client(), make_app(**config).test_client()]
    with workers[0].application.test_request_context(environ_base={"REMOTE_ADDR": address}):
        tags = (keys.account_tag(f"staff-login:{username}"), keys.address())
    try:
        statuses = []
        for n in range(6):
            workers[n % 2].environ_base["REMOTE_ADDR"] = address
            statuses.append(login_staff(workers[n % 2], username, "wrong-password").status_code)
        assert statuses == [422] * 5 + [429]
        # Counted under keyed hashes of the ID and the address, neither in clear.
        assert server.keys(f"*{tags[0]}*") and server.keys(f"*{tags[1]}*")
        assert not server.keys(f"*{username}*") and not server.keys(f"*{address}*")
    finally:
        for tag in tags:
            for key in server.scan_iter(f"*{tag}*"):
                server.delete(key)
