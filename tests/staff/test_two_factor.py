"""The staff second factor: enrolment when required, a code at every sign-in once enrolled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.fixtures.staff import T0, enrol, start_enrolment, totp_code
from tests.helpers import english, login_staff, submit


@pytest.fixture
def required(make_app, set_now):
    app = make_app(CLINIC_STAFF_2FA="required")
    app.config["CLOCK_FROZEN_AT"] = T0
    return app


def test_showing_the_setup_page_writes_nothing(required, staff_factory):
    from clinic_site.extensions import db
    from clinic_site.staff.models import StaffUser

    client = english(required.test_client())
    username, password = staff_factory("owner")
    login_staff(client, username, password)
    for _ in range(2):
        assert ">Start<" in client.get("/admin/2fa/setup").get_data(as_text=True)
    with required.app_context():
        user = db.session.scalar(db.select(StaffUser).where(StaffUser.username == username))
        assert user.totp_secret is None


def test_the_secret_never_travels_in_the_session_cookie(required, staff_factory):
    client = required.test_client()
    login_staff(client, *staff_factory("owner"))
    secret = start_enrolment(client)
    with client.session_transaction() as session:
        assert secret not in repr(dict(session))
    again = client.get("/admin/2fa/setup").get_data(as_text=True)
    # The same secret until enrolment completes, shown in groups of four letters to type.
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in again


def test_required_means_enrolment_before_any_admin_page(required, staff_factory):
    client = required.test_client()
    login_staff(client, *staff_factory("owner"))
    response = client.get("/admin/settings")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/2fa/setup")
    secret = enrol(client)
    assert client.get("/admin/settings").status_code == 200
    assert len(secret) >= 16


def test_wrong_code_does_not_enrol(required, staff_factory):
    client = required.test_client()
    login_staff(client, *staff_factory("owner"))
    start_enrolment(client)
    response = submit(client, "/admin/2fa/setup", {"code": "000000"})
    assert response.status_code == 422
    assert client.get("/admin/").headers["Location"].startswith("/admin/2fa/setup")


def test_every_later_sign_in_asks_for_a_fresh_code(required, staff_factory):
    username, password = staff_factory("staff")
    first = required.test_client()
    login_staff(first, username, password)
    secret = enrol(first)
    second = required.test_client()
    login_staff(second, username, password)
    assert second.get("/admin/").headers["Location"].startswith("/admin/2fa")
    # The code used to enrol cannot be used again.
    assert submit(second, "/admin/2fa", {"code": totp_code(secret, T0)}).status_code == 422
    required.config["CLOCK_FROZEN_AT"] = T0 + timedelta(seconds=30)
    response = submit(
        second,
        "/admin/2fa?next=/admin/",
        {"code": totp_code(secret, T0 + timedelta(seconds=30))},
        action="/admin/2fa?next=/admin/",
    )
    assert response.status_code == 302
    assert second.get("/admin/").status_code == 200


def test_optional_lets_staff_in_without_one_but_offers_it(make_app, staff_factory):
    app = make_app(CLINIC_STAFF_2FA="optional")
    client = app.test_client()
    login_staff(client, *staff_factory("staff"))
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "/admin/2fa/setup" in page.get_data(as_text=True)


def test_guessing_codes_is_limited(required, staff_factory):
    client = required.test_client()
    login_staff(client, *staff_factory("owner"))
    start_enrolment(client)
    statuses = [
        submit(client, "/admin/2fa/setup", {"code": "123456"}).status_code for _ in range(6)
    ]
    assert statuses[-1] == 429


def test_a_lost_phone_is_reset_on_the_command_line(required, staff_factory):
    username, password = staff_factory("owner")
    client = required.test_client()
    login_staff(client, username, password)
    enrol(client)
    runner = required.test_cli_runner()
    result = runner.invoke(args=["reset-second-factor", username])
    assert result.exit_code == 0, result.output
    # The old session is over, and the next sign-in enrols a new second factor.
    assert client.get("/admin/").headers["Location"].startswith("/admin/login")
    login_staff(client, username, password)
    assert client.get("/admin/").headers["Location"].startswith("/admin/2fa/setup")
    assert runner.invoke(args=["reset-second-factor", "nobody"]).exit_code == 1
