"""The privacy desk shows each promise with its evidence, and every red can be produced and cleared
as an owner would: a record kept past its period, a purge that did not run, a staff member without
a second factor, no backup, a failed restore check; an old access review turns amber. The dashboard
counts the reds; staff may read the desk."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from clinic_site.extensions import db
from clinic_site.records.services import record_access
from clinic_site.staff.models import StaffUser
from tests.fixtures.staff import totp_code
from tests.helpers import english, login_staff, submit

T0 = datetime(2026, 6, 1, 1, 0, tzinfo=UTC)


def _cards(page: str) -> dict[str, str]:
    """Each promise on the desk and its level."""
    found = re.findall(r'desk-item desk-(\w+)">.*?<strong>(.*?)</strong>', page, re.S)
    return {promise: level for level, promise in found}


def _level(client, starts: str) -> str:
    cards = _cards(client.get("/admin/privacy").get_data(as_text=True))
    matches = [level for promise, level in cards.items() if promise.startswith(starts)]
    assert matches, f"no promise starting {starts!r} in {sorted(cards)}"
    return matches[0]


SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _all_green_but_reviews(app, runner, tmp_path, set_now):
    """An owner who did everything: a second factor, a purge, a backup proven to restore."""
    with app.app_context():
        for staff in db.session.scalars(db.select(StaffUser)):
            staff.totp_secret, staff.totp_last_step = SECRET, 1
        db.session.commit()
    assert runner.invoke(args=["purge"]).exit_code == 0
    backup = tmp_path / "b.backup"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    assert runner.invoke(args=["restore-check", str(backup)]).exit_code == 0


def _owner(app, staff_factory, account=None):
    """An owner signed in (a new account, or ``account`` with its code at the frozen time)."""
    client = english(app.test_client())
    login_staff(client, *(account or staff_factory("owner")))
    if account:
        code = totp_code(SECRET, app.config["CLOCK_FROZEN_AT"])
        assert submit(client, "/admin/2fa", {"code": code}).status_code in (302, 303)
    return client


def test_a_new_site_shows_its_reds_and_the_dashboard_counts_them(app, staff_factory):
    owner = _owner(app, staff_factory)
    page = owner.get("/admin/privacy").get_data(as_text=True)
    cards = _cards(page)
    assert _level(owner, "Records are destroyed without delay") == "red"
    assert _level(owner, "Staff sign in with a password and a one-time code") == "red"
    assert _level(owner, "A recent copy of the data exists") == "red"
    assert _level(owner, "The access record is checked at least monthly") == "amber"
    reds = list(cards.values()).count("red")
    dashboard = owner.get("/admin/").get_data(as_text=True)
    # The purge's schedule and the backups are the server's to mend, not the owner's from the
    # browser: counted apart, so a new owner knows whom to hand them to.
    assert re.search(
        rf'work-count">{reds - 2}</span> <span class="work-label">privacy promises', dashboard
    )
    assert "2 tasks on the privacy desk are for whoever runs the server" in dashboard
    assert 'work-label">2 tasks' not in dashboard  # not among the owner's own work


def test_each_red_clears_when_the_owner_acts(app, runner, tmp_path, set_now, staff_factory):
    set_now(T0)
    account = staff_factory("owner")
    _all_green_but_reviews(app, runner, tmp_path, set_now)
    owner = _owner(app, staff_factory, account)
    submit(owner, "/admin/audit", {"month": "2026-05", "note": "Nothing unusual."},
           action="/admin/audit/review")  # fmt: skip
    cards = _cards(owner.get("/admin/privacy").get_data(as_text=True))
    assert set(cards.values()) == {"green"}, cards
    assert "privacy promises" not in owner.get("/admin/").get_data(as_text=True)


def test_a_record_past_its_period_is_red_until_purged(
    app, runner, tmp_path, set_now, staff_factory
):
    set_now(T0 - timedelta(days=3 * 365))
    with app.app_context():
        record_access(None, "view", "consultation", 1)
        db.session.commit()
    set_now(T0)
    owner = _owner(app, staff_factory)
    assert _level(owner, "Access record: kept") == "red"
    page = owner.get("/admin/privacy").get_data(as_text=True)
    assert "1 kept past the period" in page
    runner.invoke(args=["purge"])
    assert _level(owner, "Access record: kept") == "green"


def test_a_skipped_purge_turns_red(app, runner, set_now, staff_factory):
    set_now(T0)
    runner.invoke(args=["purge"])
    owner = _owner(app, staff_factory)
    assert _level(owner, "Records are destroyed without delay") == "green"
    set_now(T0 + timedelta(days=3))
    owner = _owner(app, staff_factory)
    assert _level(owner, "Records are destroyed without delay") == "red"
    runner.invoke(args=["purge"])
    assert _level(owner, "Records are destroyed without delay") == "green"


def test_staff_without_a_second_factor_are_red(app, runner, tmp_path, set_now, staff_factory):
    set_now(T0)
    account = staff_factory("owner")
    _all_green_but_reviews(app, runner, tmp_path, set_now)
    owner = _owner(app, staff_factory, account)
    assert _level(owner, "Staff sign in") == "green"
    username, _pw = staff_factory("staff", username="no.phone")
    assert _level(owner, "Staff sign in") == "red"
    assert "no.phone" in owner.get("/admin/privacy").get_data(as_text=True)
    # Disabled, the account signs in no more: the promise is kept again.
    with app.app_context():
        staff_id = db.session.scalar(db.select(StaffUser.id).where(StaffUser.username == username))
    submit(owner, "/admin/staff", {}, action=f"/admin/staff/{staff_id}/disable")
    assert _level(owner, "Staff sign in") == "green"


def test_an_old_review_turns_amber(app, set_now, staff_factory):
    set_now(T0)
    owner = _owner(app, staff_factory)
    submit(
        owner, "/admin/audit", {"month": "2026-05", "note": "Fine."}, action="/admin/audit/review"
    )
    assert _level(owner, "The access record is checked") == "green"
    set_now(T0 + timedelta(days=32))
    owner = _owner(app, staff_factory)
    assert _level(owner, "The access record is checked") == "amber"


def test_a_failed_restore_check_is_red(app, runner, tmp_path, set_now, staff_factory):
    set_now(T0)
    account = staff_factory("owner")
    _all_green_but_reviews(app, runner, tmp_path, set_now)
    owner = _owner(app, staff_factory, account)
    assert _level(owner, "A backup is proven to restore") == "green"
    manifest = tmp_path / "b.backup.json"
    changed = json.loads(manifest.read_text())
    changed["tables"]["staff_user"] = 99
    manifest.write_text(json.dumps(changed))
    assert runner.invoke(args=["restore-check", str(tmp_path / "b.backup")]).exit_code != 0
    assert _level(owner, "A backup is proven to restore") == "red"
    assert _level(owner, "A recent copy of the data exists") == "green"


def test_staff_may_read_the_desk(en_staff_client):
    answer = en_staff_client.get("/admin/privacy")
    assert answer.status_code == 200 and "Privacy desk" in answer.get_data(as_text=True)


def test_the_desk_speaks_korean(app, staff_factory):
    client = app.test_client()
    login_staff(client, *staff_factory("owner"))
    page = client.get("/admin/privacy").get_data(as_text=True)
    assert '<html lang="ko"' in page


def test_another_room_adds_its_promise_through_the_hook(app, staff_factory):
    from clinic_site.platform import hooks
    from clinic_site.platform.hooks import Evidence

    owner = _owner(app, staff_factory)
    before = owner.get("/admin/privacy").get_data(as_text=True).count("desk-item desk-red")
    owners = int(
        re.search(
            r'work-count">(\d+)</span> <span class="work-label">privacy promises',
            owner.get("/admin/").get_data(as_text=True),
        ).group(1)
    )
    late = Evidence("rights", "Requests are answered within 10 days", "The rights desk",
                    "1 request past its due date", "red", "Answer it today.")  # fmt: skip
    hooks.privacy_evidence.add(app, lambda: [late])
    page = owner.get("/admin/privacy").get_data(as_text=True)
    assert "Your rights (section 7)" in page and "Requests are answered within 10 days" in page
    assert page.count("desk-item desk-red") == before + 1
    dashboard = owner.get("/admin/").get_data(as_text=True)
    assert f'work-count">{owners + 1}</span> <span class="work-label">privacy promises' in dashboard
