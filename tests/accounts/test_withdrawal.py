"""Withdrawal destroys the member and everything tied to them at once, and leaves no trace."""

from __future__ import annotations

import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.board.models import ConsultationPost, ConsultationReply
from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord, DestructionLog
from tests.fixtures.members import ADULT, join, sign_in
from tests.helpers import english, login_staff, submit

POST = {
    "name": ADULT["name"],
    "mobile": "010-2345-6789",
    "email": ADULT["email"],
    "title": "Gum bleeding",
    "body": "My gums bleed when I brush.",
    "agree_privacy": "y",
    "agree_sensitive": "y",
}
# What identifies the member, as typed and as stored.
TRACES = (
    ADULT["name"], "haneul_kim", "Haneul_Kim", ADULT["email"], "010-2345-6789", "01023456789",
    "02-123-4567",
)  # fmt: skip


def _every_text_value(app) -> list[str]:
    """Every text value in every table of the database."""
    values = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            text_columns = [c for c in table.columns if isinstance(c.type, sa.String)]
            if not text_columns:
                continue
            for row in db.session.execute(sa.select(*text_columns)):
                values += [v for v in row if isinstance(v, str)]
    return values


def _withdraw(client, **changes):
    return submit(client, "/account/withdraw", {"password": ADULT["password"], "confirm": "y",
                                                **changes})  # fmt: skip


def test_withdrawal_leaves_no_trace_of_the_member(
    members_app, members_client, members_staff_factory
):
    assert join(members_client).status_code == 303
    posted = submit(members_client, "/consultations/new", POST)
    post_id = int(posted.headers["Location"].rsplit("/", 1)[1])
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("staff"))
    submit(staff, f"/admin/consultations/{post_id}", {"body": "Please come in."},
           action=f"/admin/consultations/{post_id}/reply")  # fmt: skip
    members_client.get("/account/export")
    with members_app.app_context():
        member_id = db.session.scalar(sa.select(Member.id))
    staff.get(f"/admin/members/{member_id}")  # staff looked at the member: an access record
    before = _every_text_value(members_app)
    assert any(ADULT["name"] in v for v in before)  # the scan sees the data while it is there

    response = _withdraw(members_client)
    assert response.status_code == 303 and response.headers["Location"] == "/account/withdrawn"
    receipt = members_client.get("/account/withdrawn").get_data(as_text=True)
    assert "Destroyed" in receipt and "Consultation inquiries" in receipt
    assert "Sign-in record" in receipt and "6 months" in receipt

    after = _every_text_value(members_app)
    for trace in TRACES:
        assert not [v for v in after if trace.lower() in v.lower()], trace
    with members_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Member)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationPost)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationReply)) == 0
        kinds = {log.kind: log.count for log in db.session.scalars(sa.select(DestructionLog))}
        destroyed = db.session.scalars(
            sa.select(AccessRecord).where(AccessRecord.action == "destroy")
        ).all()
    assert kinds == {"member": 1, "consultation": 1}
    assert [(d.actor_kind, d.subject_id, d.actor_name) for d in destroyed] == [
        ("member", member_id, "")
    ]


def test_withdrawal_signs_out_everywhere_and_frees_the_id(members_app, members_client):
    join(members_client)
    other = english(members_app.test_client())
    sign_in(other)
    copy = members_client.get_cookie("session").value
    _withdraw(members_client)
    assert members_client.get("/account").status_code == 302
    assert other.get("/account").status_code == 302
    thief = english(members_app.test_client())
    thief.set_cookie("session", copy)
    assert thief.get("/account").status_code == 302
    again = english(members_app.test_client())
    assert join(again).status_code == 303  # the same ID, free again


def test_withdrawal_needs_the_password_and_the_confirmation(members_app, member_client, member):
    wrong = _withdraw(member_client, password="not-my-password")
    assert wrong.status_code == 422 and "The password is not correct." in wrong.get_data(
        as_text=True
    )
    unconfirmed = _withdraw(member_client, confirm=None)
    assert unconfirmed.status_code == 422
    with members_app.app_context():
        assert db.session.get(Member, member) is not None


def test_the_receipt_is_not_shown_to_anyone_else(members_app, members_client):
    assert members_client.get("/account/withdrawn").headers["Location"] == "/"


def test_staff_destroy_a_member_on_request_as_withdrawal_does(
    members_app, member, members_staff_factory, members_client
):
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("staff"))
    form = {"reason": "member_request", "confirm": "y"}
    url = f"/admin/members/{member}"
    assert submit(staff, url, form, action=f"{url}/destroy").status_code == 403  # owner only
    owner = english(members_app.test_client())
    login_staff(owner, *members_staff_factory("owner"))
    refused = submit(owner, url, {"reason": "because"}, action=f"{url}/destroy")
    assert refused.status_code == 422
    done = submit(owner, url, form, action=f"{url}/destroy")
    assert done.status_code == 303
    with members_app.app_context():
        assert db.session.get(Member, member) is None
        log = db.session.scalar(sa.select(DestructionLog).where(DestructionLog.kind == "member"))
        entry = db.session.scalar(sa.select(AccessRecord).where(AccessRecord.action == "destroy"))
    assert log.rule == "deleted on request: member_request"
    assert entry.actor_kind == "staff" and entry.detail == "request:member_request"
    for trace in TRACES:
        assert not [v for v in _every_text_value(members_app) if trace.lower() in v.lower()], trace
