"""When a policy version adds a purpose, or an item to something collected with consent, each
member who agreed under an earlier version is asked at their next sign-in; refusing keeps the
old terms and is not asked again; the record names both versions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from clinic_site.platform import clock
from clinic_site.records.models import AccessRecord
from tests.fixtures.members import ADULT, sign_in
from tests.helpers import english, login_staff, said, submit


def _announce(app, staff_factory, asks: bool) -> int:
    owner = english(app.test_client())
    login_staff(owner, *staff_factory("owner"))
    with app.app_context():
        today = clock.today()
    data = {"body": "We now also send visit reminders by KakaoTalk.", "translation": "",
            "keep_old_translation": "y", "summary": "KakaoTalk reminders added.",
            "effective_on": (today + timedelta(days=7)).isoformat()}  # fmt: skip
    if asks:
        data["asks_consent_again"] = "y"
    response = submit(owner, "/admin/policy/new", data)
    assert response.status_code == 303, said(response)
    with app.app_context():
        from clinic_site.policy.queries import latest_number

        return latest_number()


def _member(app) -> Member:
    with app.app_context():
        return db.session.scalar(sa.select(Member).where(Member.username == "haneul_kim"))


def test_a_member_is_asked_once_the_version_is_in_effect_and_may_keep_the_old_terms(
    members_app, member, members_staff_factory
):
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 2, 3, tzinfo=UTC)
    number = _announce(members_app, members_staff_factory, asks=True)
    client = english(members_app.test_client())
    # Announced, not in effect yet: nobody is asked.
    assert sign_in(client).headers["Location"] == "/account"
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 10, 3, tzinfo=UTC)
    client = english(members_app.test_client())
    response = sign_in(client)
    assert response.headers["Location"].startswith("/account/consent")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "KakaoTalk reminders added." in page and f"/policy/{number}/changes" in page
    before = _member(members_app).consent_policy_version
    refused = submit(client, response.headers["Location"], {"answer": "refuse"})
    assert refused.status_code == 303 and refused.headers["Location"] == "/account"
    kept = _member(members_app)
    assert kept.consent_policy_version == before and kept.consent_refused_version == number
    with members_app.app_context():
        details = list(db.session.scalars(sa.select(AccessRecord.detail)))
    assert f"consent_refused:{before}>{number}" in details
    # Not asked again about the same version.
    again = english(members_app.test_client())
    assert sign_in(again).headers["Location"] == "/account"


def test_agreeing_moves_the_consent_to_the_new_version(members_app, member, members_staff_factory):
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 2, 3, tzinfo=UTC)
    number = _announce(members_app, members_staff_factory, asks=True)
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 10, 3, tzinfo=UTC)
    client = english(members_app.test_client())
    login = "/account/login?next=/reservations"
    credentials = {"username": ADULT["username"], "password": ADULT["password"]}
    signed = submit(client, login, credentials, action=login)
    target = signed.headers["Location"]
    unanswered = submit(client, target, {}, action=target)
    assert unanswered.status_code == 422 and "Choose your answer." in said(unanswered)
    agreed = submit(client, target, {"answer": "agree"}, action=target)
    assert agreed.headers["Location"] == "/reservations"  # where they were going
    assert _member(members_app).consent_policy_version == number


def test_a_version_that_adds_nothing_to_consent_asks_nobody(
    members_app, member, members_staff_factory
):
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 2, 3, tzinfo=UTC)
    _announce(members_app, members_staff_factory, asks=False)
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 10, 3, tzinfo=UTC)
    client = english(members_app.test_client())
    assert sign_in(client).headers["Location"] == "/account"
    assert client.get("/account/consent").status_code == 302  # nothing to answer


def test_someone_who_joined_under_the_new_version_is_not_asked(members_app, members_staff_factory):
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 2, 3, tzinfo=UTC)
    _announce(members_app, members_staff_factory, asks=True)
    members_app.config["CLOCK_FROZEN_AT"] = datetime(2026, 3, 10, 3, tzinfo=UTC)
    from tests.fixtures.members import join

    assert join(english(members_app.test_client())).status_code == 303
    client = english(members_app.test_client())
    assert sign_in(client, ADULT["username"]).headers["Location"] == "/account"
