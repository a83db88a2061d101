"""/admin/members: find, read (recorded), confirm a child's representative, hold and release."""

from __future__ import annotations

import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord
from tests.fixtures.members import ADULT, join, join_child
from tests.helpers import english, login_staff, said, submit


def _staff(app, staff_factory, role="staff"):
    client = english(app.test_client())
    login_staff(client, *staff_factory(role))
    return client


def _child_id(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Member.id).where(Member.is_child))


def _actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.scalars(
            sa.select(AccessRecord)
            .where(AccessRecord.subject_kind == "member")
            .order_by(AccessRecord.id)
        )
        return [(r.action, r.detail) for r in rows]


def test_staff_find_members_by_name_id_or_mobile(members_app, members_staff_factory, member):
    staff = _staff(members_app, members_staff_factory)
    for query in ("하늘", "HANEUL", "01023456789"):
        page = staff.get(f"/admin/members?q={query}").get_data(as_text=True)
        assert f'href="/admin/members/{member}"' in page, query
    none = staff.get("/admin/members?q=nobody").get_data(as_text=True)
    assert "No member matches." in none
    # A search reads personal data: noted, without what was searched for.
    assert _actions(members_app) == [("search", "")] * 4


def test_every_look_at_a_member_is_recorded(members_app, members_staff_factory, member):
    staff = _staff(members_app, members_staff_factory)
    page = staff.get(f"/admin/members/{member}").get_data(as_text=True)
    assert "010-2345-6789" in page and ADULT["email"] in page
    staff.get(f"/admin/members/{member}")
    assert _actions(members_app) == [("view", ""), ("view", "")]


def test_staff_confirm_a_child_s_representative(members_app, members_staff_factory):
    join_child(english(members_app.test_client()))
    child = _child_id(members_app)
    staff = _staff(members_app, members_staff_factory)
    waiting = staff.get("/admin/members?status=waiting").get_data(as_text=True)
    assert f"/admin/members/{child}" in waiting
    dashboard = staff.get("/admin/").get_data(as_text=True)
    assert "children waiting for their legal representative" in dashboard
    url = f"/admin/members/{child}"
    assert submit(staff, url, {}, action=f"{url}/confirm").status_code == 303
    with members_app.app_context():
        confirmed = db.session.get(Member, child)
        assert confirmed.guardian_confirmed_at is not None
        assert confirmed.guardian_confirmed_by is not None  # who
        assert confirmed.can_book and confirmed.status == "active"
    assert ("update", "representative_confirmed") in _actions(members_app)
    assert "wait for their legal representative" not in staff.get("/admin/").get_data(as_text=True)
    # Confirming twice is refused, not recorded twice.
    assert submit(staff, url, {}, action=f"{url}/confirm").status_code == 409


def test_a_held_account_signs_in_but_cannot_book_until_released(
    members_app, members_staff_factory, member
):
    staff = _staff(members_app, members_staff_factory)
    url = f"/admin/members/{member}"
    refused = submit(staff, url, {"reason": "made-up"}, action=f"{url}/hold")
    assert refused.status_code == 422
    assert (
        submit(staff, url, {"reason": "correction_requested"}, action=f"{url}/hold").status_code
        == 303
    )
    with members_app.app_context():
        held = db.session.get(Member, member)
        assert held.on_hold and not held.can_book and held.hold_reason == "correction_requested"
    patient = english(members_app.test_client())
    from tests.fixtures.members import sign_in

    assert sign_in(patient).status_code == 303
    assert "on hold" in patient.get("/account").get_data(as_text=True)
    assert submit(staff, url, {}, action=f"{url}/release").status_code == 303
    with members_app.app_context():
        assert db.session.get(Member, member).can_book
    assert [a for a, _ in _actions(members_app) if a == "update"] == ["update", "update"]


def test_staff_correct_a_name_on_request_which_ends_the_correction_hold(
    members_app, members_staff_factory, member
):
    staff = _staff(members_app, members_staff_factory)
    url = f"/admin/members/{member}"
    submit(staff, url, {"reason": "correction_requested"}, action=f"{url}/hold")
    fields = {"name": "김하늘", "phone": "", "mobile": "010-2345-6789"}
    missing = submit(staff, url, {**fields, "name": "박하늘"}, action=f"{url}/correct")
    assert missing.status_code == 422 and "Choose the reason." in said(missing)
    bad = submit(staff, url, {**fields, "mobile": "12", "reason": "member_request"},
                 action=f"{url}/correct")  # fmt: skip
    assert bad.status_code == 422
    with members_app.app_context():
        assert db.session.get(Member, member).name == "김하늘"
    done = submit(staff, url, {**fields, "name": "박하늘", "reason": "member_request"},
                  action=f"{url}/correct")  # fmt: skip
    assert done.status_code == 303
    with members_app.app_context():
        corrected = db.session.get(Member, member)
        assert corrected.name == "박하늘" and corrected.phone == "02-123-4567"
        assert not corrected.on_hold and corrected.can_book
    assert ("update", "corrected:member_request") in _actions(members_app)
    assert ("update", "released") in _actions(members_app)


def test_visitors_are_sent_to_sign_in_and_members_are_refused(members_app, member_client, member):
    visitor = english(members_app.test_client())
    response = visitor.get(f"/admin/members/{member}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/admin/login")
    assert member_client.get(f"/admin/members/{member}").status_code == 403
    assert _actions(members_app) == []


def test_only_the_owner_sends_clinic_news(members_app, members_staff_factory):
    assert _staff(members_app, members_staff_factory).get("/admin/members/news").status_code == 403
    assert (
        _staff(members_app, members_staff_factory, "owner").get("/admin/members/news").status_code
        == 200
    )


def test_a_joined_member_shows_in_the_list(members_app, members_staff_factory):
    join(english(members_app.test_client()))
    page = _staff(members_app, members_staff_factory).get("/admin/members").get_data(as_text=True)
    assert "haneul_kim" in page and "Active" in page
