"""The owner manages staff access without a shell: adds a person (who sets their password through a
single-use link that expires), changes roles, disables and enables accounts (a disabled account's
sessions end at once), clears a second factor; staff change their own password. Every grant,
change and removal is in the access-rights record, kept 3 years."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from clinic_site.extensions import db
from clinic_site.records.retention import purge
from clinic_site.staff.access.models import AccessRightsRecord
from clinic_site.staff.models import StaffUser
from tests.helpers import english, login_staff, said, submit

T0 = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)
PW, NEW = "a-good-password", "brand-new-password"
LINK = re.compile(r'<code class="new-link">https?://[^/]+(/admin/welcome/[^<]+)</code>')


def _id(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(db.select(StaffUser.id).where(StaffUser.username == username))


def _add(owner, username="nurse.park", role="staff"):
    answer = submit(owner, "/admin/staff/new",
                    {"username": username, "name": "Park Jisu", "role": role})  # fmt: skip
    assert answer.status_code == 303, said(answer)
    page = owner.get(answer.headers["Location"]).get_data(as_text=True)
    return LINK.search(page).group(1)


def _post(client, url: str):
    return submit(client, "/admin/staff", {}, action=url)


def _changes(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        rows = db.session.scalars(db.select(AccessRightsRecord).order_by(AccessRightsRecord.id))
        return [(r.actor_name, r.staff_username, r.change) for r in rows]


def test_a_new_person_sets_a_password_once_through_the_link(app, en_owner_client):
    link = _add(en_owner_client)
    # The link is shown once; the account's page does not show it again.
    page = en_owner_client.get(f"/admin/staff/{_id(app, 'nurse.park')}").get_data(as_text=True)
    assert "/admin/welcome/" not in page and "has not set a password yet" in page
    newcomer = english(app.test_client())
    # Until then the account cannot sign in with anything.
    assert login_staff(newcomer, "nurse.park", "").status_code == 422
    answer = submit(newcomer, link, {"password": PW, "password_confirm": PW})
    assert answer.status_code == 303 and answer.headers["Location"] == "/admin/"
    assert newcomer.get("/admin/").status_code == 200
    # Used once: the link no longer works, for anyone.
    again = english(app.test_client())
    assert again.get(link).status_code == 404
    assert "not valid" in again.get(link).get_data(as_text=True)
    fresh = english(app.test_client())
    assert login_staff(fresh, "nurse.park", PW).status_code == 302
    with app.app_context():
        staff = db.session.get(StaffUser, _id(app, "nurse.park"))
        assert staff.role == "staff" and staff.password_hash.startswith("$argon2")
    changes = [change for _actor, who, change in _changes(app) if who == "nurse.park"]
    assert changes == ["granted", "link", "password_set"]


def test_only_a_digest_of_the_link_is_kept(app, en_owner_client):
    link = _add(en_owner_client)
    token = link.rsplit("/", 1)[1]
    with app.app_context():
        from clinic_site.staff.access.models import StaffInvite

        digests = list(db.session.scalars(db.select(StaffInvite.digest)))
    assert digests and token not in digests


def test_the_link_expires(app, en_owner_client, staff_factory, set_now):
    set_now(T0)
    link = _add(en_owner_client)
    set_now(T0 + timedelta(hours=72, minutes=1))
    login_staff(en_owner_client, *staff_factory("owner"))  # the owner's session was idle
    newcomer = english(app.test_client())
    assert newcomer.get(link).status_code == 404
    answer = newcomer.post(link, data={"password": PW, "password_confirm": PW})
    assert answer.status_code in (400, 404)
    # The owner makes a new one; it works.
    staff_id = _id(app, "nurse.park")
    page = en_owner_client.get(f"/admin/staff/{staff_id}").get_data(as_text=True)
    assert "link has expired" in page
    made = _post(en_owner_client, f"/admin/staff/{staff_id}/link")
    new_link = LINK.search(en_owner_client.get(made.headers["Location"]).get_data(as_text=True))
    answer = submit(newcomer, new_link.group(1),
                    {"password": PW, "password_confirm": PW})  # fmt: skip
    assert answer.status_code == 303


def test_a_bad_new_account_is_refused_and_nothing_is_stored(app, en_owner_client, staff_factory):
    staff_factory("staff", username="taken.name")
    before = len(_changes(app))
    for data, words in (
        ({"username": "taken.name", "name": "X", "role": "staff"}, "taken"),
        ({"username": "Not Valid!", "name": "X", "role": "staff"}, "lowercase"),
        ({"username": "someone", "name": "X", "role": "emperor"}, "valid choice"),
        ({"username": "someone", "name": "", "role": "staff"}, "required"),
    ):
        answer = submit(en_owner_client, "/admin/staff/new", data)
        assert answer.status_code in (409, 422), data
        assert words in said(answer), said(answer)
    assert len(_changes(app)) == before
    with app.app_context():
        assert (
            db.session.scalar(db.select(StaffUser).where(StaffUser.username == "someone")) is None
        )


def test_disabling_ends_a_copied_session_and_sign_in(app, en_owner_client, staff_factory):
    username, password = staff_factory("staff", username="front.desk")
    theirs, copy = app.test_client(), app.test_client()
    login_staff(theirs, username, password)
    copy.set_cookie("session", theirs.get_cookie("session").value)
    assert copy.get("/admin/consultations").status_code == 200
    answer = _post(en_owner_client, f"/admin/staff/{_id(app, username)}/disable")
    assert answer.status_code == 303
    for client in (theirs, copy):
        ended = client.get("/admin/consultations")
        assert ended.status_code == 302 and ended.headers["Location"].startswith("/admin/login")
    refused = login_staff(english(app.test_client()), username, password)
    assert refused.status_code == 422 and "not correct" in said(refused)
    # Enabled again, the same password works.
    _post(en_owner_client, f"/admin/staff/{_id(app, username)}/enable")
    assert login_staff(app.test_client(), username, password).status_code == 302
    assert [c for _a, who, c in _changes(app) if who == username] == ["disabled", "enabled"]
    page = en_owner_client.get("/admin/staff").get_data(as_text=True)
    assert "front.desk" in page and "enabled again" in page and "disabled" in page


def test_the_owner_cannot_disable_themself_or_remove_the_last_owner(app, en_client, staff_factory):
    username, password = staff_factory("owner", username="the.owner")
    login_staff(en_client, username, password)
    me = _id(app, username)
    answer = _post(en_client, f"/admin/staff/{me}/disable")
    assert answer.status_code == 409 and "your own account" in said(answer)
    answer = submit(
        en_client, f"/admin/staff/{me}", {"role": "staff"}, action=f"/admin/staff/{me}/role"
    )
    assert answer.status_code == 409
    # A second owner may not take away the last other owner's role once the first is disabled.
    other, other_pw = staff_factory("owner", username="second.owner")
    _post(en_client, f"/admin/staff/{_id(app, other)}/disable")
    second = english(app.test_client())
    assert login_staff(second, other, other_pw).status_code == 422
    with app.app_context():
        assert db.session.get(StaffUser, me).is_active and db.session.get(StaffUser, me).is_owner
    # Re-enabled, the second owner can't demote the first while it is the only... both active:
    _post(en_client, f"/admin/staff/{_id(app, other)}/enable")
    login_staff(second, other, other_pw)
    assert _post(second, f"/admin/staff/{me}/disable").status_code == 303
    answer = _post(second, f"/admin/staff/{_id(app, other)}/disable")
    assert answer.status_code == 409


def test_a_role_change_applies_at_once_and_is_recorded(app, en_owner_client, staff_factory):
    username, password = staff_factory("staff", username="soon.owner")
    theirs = app.test_client()
    login_staff(theirs, username, password)
    assert theirs.get("/admin/settings").status_code == 403
    staff_id = _id(app, username)
    answer = submit(en_owner_client, f"/admin/staff/{staff_id}", {"role": "owner"},
                    action=f"/admin/staff/{staff_id}/role")  # fmt: skip
    assert answer.status_code == 303
    # Their session ended with the change; signed in again, the owner's pages open.
    assert theirs.get("/admin/settings").status_code == 302
    login_staff(theirs, username, password)
    assert theirs.get("/admin/settings").status_code == 200
    assert (username, "role") in [(who, c) for _a, who, c in _changes(app)]
    page = en_owner_client.get(f"/admin/staff/{staff_id}").get_data(as_text=True)
    assert "role changed: staff → owner" in page


def test_staff_cannot_manage_staff(app, en_staff_client, staff_factory):
    other, _pw = staff_factory("staff", username="colleague")
    other_id = _id(app, other)
    for url in ("/admin/staff", "/admin/staff/new", f"/admin/staff/{other_id}"):
        assert en_staff_client.get(url).status_code == 403, url
    before = _changes(app)
    for action in ("disable", "enable", "second-factor", "link", "role"):
        answer = en_staff_client.post(f"/admin/staff/{other_id}/{action}", data={"role": "owner"})
        assert answer.status_code in (400, 403)
    assert _changes(app) == before


def test_clearing_a_second_factor_is_recorded(app, en_owner_client, staff_factory):
    username, _pw = staff_factory("staff", username="lost.phone")
    with app.app_context():
        staff = db.session.get(StaffUser, _id(app, username))
        staff.totp_secret, staff.totp_last_step = "JBSWY3DPEHPK3PXP", 1
        db.session.commit()
    answer = _post(en_owner_client, f"/admin/staff/{_id(app, username)}/second-factor")
    assert answer.status_code == 303
    with app.app_context():
        assert not db.session.get(StaffUser, _id(app, username)).has_second_factor
    assert (username, "second_factor_reset") in [(who, c) for _a, who, c in _changes(app)]


def test_staff_change_their_own_password_current_one_first(app, staff_factory):
    username, password = staff_factory("staff", username="changer")
    mine, elsewhere = english(app.test_client()), app.test_client()
    login_staff(mine, username, password)
    login_staff(elsewhere, username, password)
    wrong = submit(mine, "/admin/password", {"current_password": "not-it-at-all",
                   "new_password": NEW, "new_password_confirm": NEW})  # fmt: skip
    assert wrong.status_code == 422 and "current password is not correct" in said(wrong)
    answer = submit(mine, "/admin/password", {"current_password": password,
                    "new_password": NEW, "new_password_confirm": NEW})  # fmt: skip
    assert answer.status_code == 303
    # This session carries on; the other one ended; the new password signs in.
    assert mine.get("/admin/consultations").status_code == 200
    assert elsewhere.get("/admin/consultations").status_code == 302
    assert login_staff(app.test_client(), username, NEW).status_code == 302
    assert (username, "password_changed") in [(who, c) for _a, who, c in _changes(app)]


def test_the_access_rights_record_is_kept_three_years_then_purged(app, staff_factory, set_now):
    set_now(T0)
    username, _pw = staff_factory("staff", username="old.hand")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reset-second-factor", username])
    assert result.exit_code == 0, result.output
    assert ("", username, "second_factor_reset") in _changes(app)
    with app.app_context():
        set_now(T0 + timedelta(days=3 * 365 - 2))
        purge()
        assert db.session.scalar(db.select(db.func.count()).select_from(AccessRightsRecord)) == 1
        set_now(T0 + timedelta(days=3 * 365 + 2))
        counts = purge()
    assert counts["access_rights_record"] == 1
    assert _changes(app) == []


def test_where_a_second_factor_is_required_the_newcomer_sets_it_up_next(make_app, staff_factory):
    app = make_app(CLINIC_STAFF_2FA="required")
    owner_name, owner_pw = staff_factory("owner")
    with app.app_context():
        owner = db.session.scalar(db.select(StaffUser).where(StaffUser.username == owner_name))
        from clinic_site.staff.access.services import invite

        _staff, token = invite(owner, "new.nurse", "Choi Yuna", "staff")
        db.session.commit()
    newcomer = english(app.test_client())
    link = f"/admin/welcome/{token}"
    answer = submit(newcomer, link, {"password": PW, "password_confirm": PW})
    assert answer.status_code == 303
    assert newcomer.get("/admin/").headers["Location"].startswith("/admin/2fa/setup")


def test_a_button_without_its_csrf_token_changes_nothing(app, en_owner_client, staff_factory):
    username, password = staff_factory("staff", username="kept.on")
    answer = en_owner_client.post(f"/admin/staff/{_id(app, username)}/disable")
    assert answer.status_code == 400
    assert login_staff(app.test_client(), username, password).status_code == 302
    assert [c for _a, who, c in _changes(app) if who == username] == []
