"""The consent record: what it holds, what it never holds, and how long it is kept."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clinic_site.consent.services import record_choice
from clinic_site.extensions import db
from clinic_site.records.models import ConsentRecord, DestructionLog
from clinic_site.settings.queries import analytics_origin
from tests.fixtures.consent import set_cookies

T0 = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(ConsentRecord))


def test_the_record_names_the_revision_and_never_the_visitor(app, client, choose, set_now):
    set_now(T0)
    response = choose(
        client,
        "custom",
        analytics="y",
        headers={"User-Agent": "TestBrowser/1.0", "X-Forwarded-For": "198.51.100.7"},
        environ_base={"REMOTE_ADDR": "203.0.113.44"},
    )
    consent_id = set_cookies(response)["cookie_consent"].split(";")[0].split(".")[4]
    with app.app_context():
        columns = set(ConsentRecord.__table__.columns.keys())
        assert columns == {
            "id",
            "consent_id",
            "choice",
            "preferences",
            "analytics",
            "cookie_revision",
            "policy_version",
            "at",
        }
        record = db.session.scalar(sa.select(ConsentRecord))
        row = db.session.execute(sa.select(ConsentRecord.__table__)).one()
    assert record.consent_id == consent_id and len(consent_id) >= 16
    assert (record.choice, record.preferences, record.analytics) == ("custom", False, True)
    assert record.cookie_revision == 1 and record.at == T0
    assert record.policy_version is None or isinstance(record.policy_version, int)
    stored = " ".join(str(value) for value in row)
    assert (
        "203.0.113.44" not in stored and "198.51.100" not in stored and "TestBrowser" not in stored
    )


def test_each_visitor_gets_their_own_random_consent_id(app, make_app, choose):
    ids = set()
    for _ in range(3):
        visitor = app.test_client()
        choose(visitor, "necessary")
        ids.add(visitor.get_cookie("cookie_consent").value.split(".")[4])
    assert len(ids) == 3


def test_purge_destroys_consent_records_after_three_years(app, runner, set_now):
    set_now(T0)
    with app.app_context():
        record_choice("A" * 16, "all", True, True, 1)
        db.session.commit()
    three_years_on = T0.replace(year=T0.year + 3)  # calendar years: never a day less
    set_now(three_years_on - timedelta(days=1))
    kept = runner.invoke(args=["purge"])
    assert kept.exit_code == 0 and "consent_record: 0" in kept.output
    assert _count(app) == 1
    set_now(three_years_on + timedelta(days=1))
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "consent_record: 1" in result.output
    assert _count(app) == 0
    with app.app_context():
        log = db.session.scalar(
            sa.select(DestructionLog).where(DestructionLog.kind == "consent_record")
        )
    assert log.count == 1 and "3 years" in log.rule


def test_analytics_addresses_are_checked_strictly():
    assert (
        analytics_origin("https://stats.example.com/a.js?id=1&x=2") == "https://stats.example.com"
    )
    assert (
        analytics_origin("https://Stats.Example.com:8443/a.js") == "https://stats.example.com:8443"
    )
    for bad in (
        "",
        "http://stats.example.com/a.js",
        "javascript:alert(1)",
        "//stats.example.com/a.js",
        'https://stats.example.com/a.js" onload="x',
        "https://stats.example.com/a.js'",
        "https://stats.example.com/a.js https://other.example/b.js",
        "<script src=https://stats.example.com/a.js></script>",
        "https://user:pw@stats.example.com/a.js",
        "https://stats.example.com:99999/a.js",
        "https://stats.example.com;script-src/a.js",
        "https://stats.example.com\\@evil.example/",
        "https:///a.js",
        "https://" + "a" * 2000 + ".example/",
    ):
        assert analytics_origin(bad) is None, bad


def test_the_owner_can_show_that_a_visitor_was_asked(app, owner_client, choose):
    from clinic_site.records.models import AccessRecord

    visitor = app.test_client()
    choose(visitor, "all")
    choose(visitor, "necessary")
    consent_id = visitor.get_cookie("cookie_consent").value.split(".")[4]
    page = owner_client.get("/admin/consent/", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert re.search(r"<td[^>]*>all cookies</td><td[^>]*>1</td>", html.replace("\n", ""))
    looked_up = owner_client.get(f"/admin/consent/?id={consent_id}").get_data(as_text=True)
    assert looked_up.count("<time datetime=") == 2
    assert "No record is kept" in owner_client.get(
        "/admin/consent/?id=x' OR 1=1", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    with app.app_context():
        kinds = db.session.scalars(sa.select(AccessRecord.subject_kind)).all()
    assert kinds.count("consent_record") == 2
    assert "/admin/consent/" in owner_client.get("/admin/").get_data(as_text=True)


def test_staff_and_visitors_cannot_open_the_consent_record(app, staff_client):
    assert staff_client.get("/admin/consent/").status_code == 403
    anonymous = app.test_client().get("/admin/consent/")
    assert anonymous.status_code == 302 and "/admin/login" in anonymous.headers["Location"]


@pytest.mark.new_clinic
def test_the_record_names_the_policy_version_in_effect(app, client, choose):
    from clinic_site.policy.services import publish_first
    from clinic_site.settings.services import update_settings

    # Before the clinic has published a policy, none can be named.
    choose(client, "necessary")
    with app.test_request_context():
        update_settings(
            clinic_name="Haneul", address="Seoul", phone="02-555-1234",
            privacy_manager_name="Lee Minji", privacy_manager_phone="02-555-1235",
            privacy_manager_email="privacy@haneul.example",
        )  # fmt: skip
        publish_first()
        db.session.commit()
    choose(client, "all")
    with app.app_context():
        versions = db.session.scalars(
            sa.select(ConsentRecord.policy_version).order_by(ConsentRecord.id)
        ).all()
    assert versions == [None, 1]
