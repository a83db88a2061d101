"""The owner's editor: who may use it, preview, the 7-day rule, announcing and withdrawing."""

from __future__ import annotations

from datetime import date

import pytest

from clinic_site.extensions import db
from clinic_site.policy import queries
from tests.fixtures.policy import noon_seoul, publish
from tests.helpers import csrf_token, submit

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic

EN = {"Accept-Language": "en"}
TODAY = date(2026, 5, 1)


@pytest.fixture(autouse=True)
def _today(set_now):
    set_now(noon_seoul(TODAY))


def _count(app) -> int:
    with app.app_context():
        return len(queries.versions())


def test_visitors_are_sent_to_sign_in(client):
    for url in ("/admin/policy", "/admin/policy/new"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login")


def test_staff_may_read_but_not_edit(app, staff_client, add_version):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    add_version(2, TODAY, date(2026, 5, 20))
    page = staff_client.get("/admin/policy", headers=EN)
    assert page.status_code == 200 and "/policy/2" in page.get_data(as_text=True)
    assert staff_client.get("/admin/policy/new").status_code == 403
    token = csrf_token(staff_client, "/admin/policy")
    response = staff_client.post(
        "/admin/policy/2/withdraw", data={"csrf_token": token, "reason": "No."}
    )
    assert response.status_code == 403
    with app.app_context():
        assert not queries.get_version(2).withdrawn


def test_editor_is_prefilled_and_lists_the_inventory(owner_client):
    page = owner_client.get("/admin/policy/new", headers=EN).get_data(as_text=True)
    assert "1833-6972" in page.split('name="body"')[1]  # the current text
    inventory = page.split("policy-inventory")[1]
    assert "Mobile phone number" in inventory
    # Each period in words, the clinic's own setting filled in: never the program's inner names.
    assert "365 days after the last reply" in inventory
    assert "Adjustable(" not in inventory and "%(period)s" not in inventory
    assert 'class="policy-warning"' not in page  # the default mentions everything


def _form(**changes) -> dict:
    data = {
        "body": "We collect your name and mobile phone number.",
        "translation": "",
        "summary": "Shorter text.",
        "effective_on": "2026-05-08",
    }
    return {**data, **changes}


def test_preview_renders_and_stores_nothing(app, owner_client):
    publish(app)
    before = _count(app)
    response = submit(owner_client, "/admin/policy/new", {**_form(body="**Bold** text"),
                                                          "preview": "1"}, headers=EN)  # fmt: skip
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<strong>Bold</strong>" in page
    assert 'class="policy-warning"' in page  # no password, email, cookies... mentioned
    assert _count(app) == before


def test_six_days_is_refused_seven_accepted(app, owner_client):
    publish(app)
    refused = submit(owner_client, "/admin/policy/new", _form(effective_on="2026-05-07"),
                     headers=EN)  # fmt: skip
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "2026-05-08 or later" in page.split('id="effective_on-error"')[1][:400]
    assert _count(app) == 1
    accepted = submit(owner_client, "/admin/policy/new", _form(), headers=EN)
    assert accepted.status_code == 303
    with app.app_context():
        version = queries.get_version(2)
        assert (version.announced_on, version.effective_on) == (TODAY, date(2026, 5, 8))
        assert version.announced_by is not None
    assert 'href="/policy/2/changes"' in owner_client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("far", ["2027-05-03", "2030-01-01", "9999-12-31"])
def test_more_than_a_year_ahead_is_refused_and_nothing_stored(app, owner_client, far):
    publish(app)
    refused = submit(owner_client, "/admin/policy/new", _form(effective_on=far), headers=EN)
    assert refused.status_code == 422
    error = refused.get_data(as_text=True).split('id="effective_on-error"')[1][:400]
    assert "at most 366 days after it is announced" in error and "2027-05-02 or earlier" in error
    assert _count(app) == 1
    # The last day allowed (the same date next year, and one day more) is accepted.
    assert (
        submit(owner_client, "/admin/policy/new", _form(effective_on="2027-05-02")).status_code
        == 303
    )
    with app.app_context():
        assert queries.get_version(2).effective_on == date(2027, 5, 2)


def test_the_editor_names_the_first_and_last_day_allowed(app, owner_client):
    publish(app)
    page = owner_client.get("/admin/policy/new", headers=EN).get_data(as_text=True)
    assert "YYYY-MM-DD, from 2026-05-08 to 2027-05-02." in page


@pytest.mark.parametrize("bad", [{"summary": ""}, {"effective_on": "08/05/2026"},
                                 {"effective_on": "2026-02-30"}, {"body": ""}])  # fmt: skip
def test_invalid_form_stores_nothing(app, owner_client, bad):
    publish(app)
    response = submit(owner_client, "/admin/policy/new", _form(**bad))
    assert response.status_code == 422
    assert _count(app) == 1


def test_withdraw_before_effect(app, owner_client, add_version):
    add_version(1, date(2026, 1, 1), date(2026, 1, 1))
    add_version(2, TODAY, date(2026, 5, 20))
    token = csrf_token(owner_client, "/admin/policy")
    missing = owner_client.post("/admin/policy/2/withdraw", data={"csrf_token": token})
    assert missing.status_code == 422
    done = owner_client.post(
        "/admin/policy/2/withdraw", data={"csrf_token": token, "reason": "Wrong date."}
    )
    assert done.status_code == 303
    page = owner_client.get("/policy", headers=EN).get_data(as_text=True)
    assert "Withdrawn" in page and "Wrong date." in page
    assert 'class="policy-notice"' not in page
    late = owner_client.post(
        "/admin/policy/1/withdraw", data={"csrf_token": token, "reason": "Too late."}
    )
    assert late.status_code == 422
    with app.app_context():
        assert not queries.get_version(1).withdrawn


def test_withdraw_without_csrf_is_refused(app, owner_client, add_version):
    add_version(1, TODAY, date(2026, 5, 20))
    response = owner_client.post("/admin/policy/1/withdraw", data={"reason": "x"})
    assert response.status_code == 400
    with app.app_context():
        assert not queries.get_version(1).withdrawn


def test_dashboard_links_the_policy(owner_client):
    assert 'href="/admin/policy"' in owner_client.get("/admin/").get_data(as_text=True)


def test_notice_cache_is_cleared_on_announce(app, owner_client):
    owner_client.get("/")  # fills the notice cache: nothing upcoming
    submit(owner_client, "/admin/policy/new", _form())
    assert 'class="policy-notice"' in owner_client.get("/").get_data(as_text=True)
    with app.app_context():
        db.session.remove()
