"""Staff sessions end: on sign-out (every copy of the cookie), after 30 minutes idle, and when the
second factor is reset; the second factor's note counts only under the session it was given in;
recovery codes stand in for the phone once each."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import unquote

import pytest

from clinic_site.extensions import db
from clinic_site.staff.models import RecoveryCode
from tests.fixtures.staff import T0, enrol, totp_code
from tests.helpers import english, login_staff, submit


def _copy_session(source, target) -> None:
    """What an attacker does with a stolen cookie: the same session in another browser."""
    cookie = source.get_cookie("session")
    target.set_cookie("session", cookie.value)


@pytest.fixture
def required(make_app):
    app = make_app(CLINIC_STAFF_2FA="required")
    app.config["CLOCK_FROZEN_AT"] = T0
    return app


def test_signing_out_ends_every_copy_of_the_session(app, staff_factory):
    mine, stolen = app.test_client(), app.test_client()
    login_staff(mine, *staff_factory("staff"))
    _copy_session(mine, stolen)
    assert stolen.get("/admin/consultations").status_code == 200
    submit(mine, "/admin/", {}, action="/admin/logout")
    answer = stolen.get("/admin/consultations")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/admin/login")


def test_a_copy_taken_after_the_code_is_worthless_after_sign_out(required, staff_factory):
    username, password = staff_factory("owner")
    mine = required.test_client()
    login_staff(mine, username, password)
    enrol(mine)
    stolen = required.test_client()
    _copy_session(mine, stolen)
    assert stolen.get("/admin/settings").status_code == 200
    submit(mine, "/admin/", {}, action="/admin/logout")
    assert stolen.get("/admin/settings").headers["Location"].startswith("/admin/login")
    # Signing in again needs the code again: the old note was made under the old session.
    login_staff(mine, username, password)
    assert mine.get("/admin/settings").headers["Location"].startswith("/admin/2fa")


def test_an_idle_session_ends_after_30_minutes(app, staff_factory, set_now):
    set_now(T0)
    client = english(app.test_client())
    login_staff(client, *staff_factory("staff"))
    set_now(T0 + timedelta(minutes=29))
    assert client.get("/admin/consultations").status_code == 200
    set_now(T0 + timedelta(minutes=58))  # 29 minutes after the last page: still in
    assert client.get("/admin/consultations").status_code == 200
    set_now(T0 + timedelta(minutes=89))
    answer = client.get("/admin/consultations")
    assert answer.headers["Location"].startswith("/admin/login")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "signed out after a time without activity" in page


def test_the_idle_time_is_configurable(make_app):
    app = make_app(STAFF_IDLE_MINUTES=5)
    app.config["CLOCK_FROZEN_AT"] = T0
    client = app.test_client()
    with app.app_context():
        from clinic_site.staff.services import create_staff

        create_staff("kim", "Kim", "staff", "long-enough-pw")
        db.session.commit()
    login_staff(client, "kim", "long-enough-pw")
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(minutes=6)
    assert client.get("/admin/").headers["Location"].startswith("/admin/login")


def _codes(client) -> list[str]:
    page = client.get("/admin/2fa/recovery-codes").get_data(as_text=True)
    return re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", page)


def test_recovery_codes_are_shown_once_and_kept_only_as_digests(required, staff_factory):
    client = english(required.test_client())
    login_staff(client, *staff_factory("owner"))
    enrol(client)
    page = client.get("/admin/2fa/recovery-codes").get_data(as_text=True)
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    # The owner may keep them as a file made in the page: the same ten codes, one per line.
    saved = re.search(r'download="[^"]+\.txt"\s+href="data:text/plain;charset=utf-8,([^"]+)"', page)
    assert saved is not None
    assert unquote(html.unescape(saved.group(1))).splitlines()[1:] == codes
    assert _codes(client) == []  # shown once
    assert "10 unused recovery codes" in client.get("/admin/2fa/recovery-codes").get_data(
        as_text=True
    )
    with required.app_context():
        stored = db.session.scalars(db.select(RecoveryCode.digest)).all()
    assert len(stored) == 10
    assert not any(code.replace("-", "") in digest for code in codes for digest in stored)


def test_a_recovery_code_signs_in_once(required, staff_factory):
    username, password = staff_factory("staff")
    first = required.test_client()
    login_staff(first, username, password)
    enrol(first)
    code = _codes(first)[0]
    second = required.test_client()
    login_staff(second, username, password)
    answer = submit(second, "/admin/2fa", {"code": code.upper().replace("-", " ")})
    assert answer.status_code == 302
    assert second.get("/admin/").status_code == 200
    third = required.test_client()
    login_staff(third, username, password)
    assert submit(third, "/admin/2fa", {"code": code}).status_code == 422


def test_new_recovery_codes_replace_the_old_ones(required, staff_factory):
    username, password = staff_factory("staff")
    client = required.test_client()
    login_staff(client, username, password)
    enrol(client)
    old = _codes(client)
    assert submit(client, "/admin/2fa/recovery-codes", {}).status_code == 303
    new = _codes(client)
    assert len(new) == 10 and not set(new) & set(old)
    other = required.test_client()
    login_staff(other, username, password)
    assert submit(other, "/admin/2fa", {"code": old[1]}).status_code == 422
    assert submit(other, "/admin/2fa", {"code": new[1]}).status_code == 302


def test_the_code_used_to_enrol_is_no_recovery(required, staff_factory):
    username, password = staff_factory("staff")
    client = required.test_client()
    login_staff(client, username, password)
    secret = enrol(client)
    other = required.test_client()
    login_staff(other, username, password)
    assert submit(other, "/admin/2fa", {"code": totp_code(secret, T0)}).status_code == 422


@pytest.mark.new_clinic
def test_before_the_second_step_there_is_no_admin_menu_only_the_way_out(required, staff_factory):
    """The owner's menu and the setup list's next step are for whoever has signed in fully."""
    client = english(required.test_client())
    login_staff(client, *staff_factory("owner"))
    page = client.get("/admin/2fa/setup").get_data(as_text=True)
    menu = page.split("admin-nav")[1].split("</nav>")[0]
    assert "/admin/consultations" not in menu and "Sign out" in menu
    assert "Getting the site ready" not in page
    enrol(client)
    page = client.get("/admin/consultations").get_data(as_text=True)
    assert "/admin/consultations" in page.split("admin-nav")[1].split("</nav>")[0]
    assert "Getting the site ready" in page
