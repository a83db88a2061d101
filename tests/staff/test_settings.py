from clinic_site.extensions import db
from clinic_site.records.services import record_access
from clinic_site.staff.models import StaffUser
from tests.fixtures.staff import GOOD
from tests.helpers import submit


def test_owner_edits_details_and_every_page_shows_them(owner_client, client):
    response = submit(owner_client, "/admin/settings", GOOD)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Haneul Dental" in page and "02-555-0100" in page
    assert "Lee Minji" in page and "privacy@haneul.example" in page
    assert "Mon-Fri 9:00-18:00" in page


def test_invalid_settings_are_refused_beside_the_field_and_nothing_changes(owner_client):
    response = submit(
        owner_client,
        "/admin/settings",
        {**GOOD, "privacy_manager_email": "not-an-email", "clinic_name": "New"},
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert "New" not in owner_client.get("/").get_data(as_text=True).split("<title>")[1][:40]


def test_cookie_revision_only_goes_up(owner_client):
    submit(owner_client, "/admin/settings", {**GOOD, "cookie_revision": "3"})
    response = submit(owner_client, "/admin/settings", {**GOOD, "cookie_revision": "2"})
    assert response.status_code == 422


def test_access_record_lists_who_touched_what(app, owner_client):
    with app.app_context():
        owner = db.session.scalar(db.select(StaffUser))
        record_access(owner, "view", "consultation", 42, ip="203.0.113.5")
        username = owner.username
        db.session.commit()
    page = owner_client.get("/admin/audit", headers={"Accept-Language": "ko"}).get_data(
        as_text=True
    )
    # Codes are kept in the record; the owner reads them in words, in the page's language.
    assert "상담 글 #42" in page and "열람" in page and "203.0.113.5" in page and username in page
    english = owner_client.get("/admin/audit", headers={"Accept-Language": "en"})
    assert "consultation #42" in english.get_data(as_text=True)


def test_retention_changes_only_to_what_the_policy_in_effect_states(owner_client):
    # Before any policy is announced the draft follows the settings.
    assert submit(owner_client, "/admin/settings", GOOD).status_code == 302
    owner_client.get("/policy")  # version 1 is announced, stating 365 days
    response = submit(owner_client, "/admin/settings",
                      {**GOOD, "consultation_retention_days": "180"},
                      headers={"Accept-Language": "en"})  # fmt: skip
    assert response.status_code == 422
    assert "Announce a version that states 180 days" in response.get_data(as_text=True)
    assert submit(owner_client, "/admin/settings", GOOD).status_code == 302


def test_the_dashboard_warns_when_the_policy_in_effect_states_another_period(app, owner_client):
    from clinic_site.settings.services import update_settings

    submit(owner_client, "/admin/settings", GOOD)
    owner_client.get("/policy")  # version 1 states 365 days
    assert "retention period" not in owner_client.get(
        "/admin/", headers={"Accept-Language": "en"}).get_data(as_text=True)  # fmt: skip
    with app.test_request_context():
        update_settings(consultation_retention_days=500)  # as if set before a revision
        db.session.commit()
    page = owner_client.get("/admin/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "another retention period for inquiries than the setting (500 days)" in page
