"""One clinic in members mode with someone of every kind in it, made through the site as its
people would make it: two adult members (A and B), a child waiting for staff to confirm the
representative, a guest, a staff member and the owner; A's reservation and member inquiry, a
guest's inquiry and reservation request, a notice, a fee, a treatment and a doctor."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from tests.accounts.conftest import ADULT, CHILD, join, join_child
from tests.board.conftest import GOOD, english, write
from tests.helpers import login_staff, submit
from tests.reservations.conftest import MONDAY_9AM, book
from tests.reservations.test_requests import REQUEST

# Records the site keeps about what happened (sign-ins tried, data read): written whatever the
# outcome, by design, so they are not part of what "changed nothing" compares.
RECORD_TABLES = {"access_record", "sign_in_record", "destruction_log", "consent_record",
                 "site_revision"}  # fmt: skip

ROLES = ("visitor", "member", "other_member", "child", "staff", "owner")


@dataclass
class World:
    app: object
    clients: dict = field(default_factory=dict)
    ids: dict = field(default_factory=dict)

    def client(self, role: str):
        return self.clients[role]


def _latest(app, model) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.max(model.id)))


def build_world(make_app, **config) -> World:
    from clinic_site.board.models import ConsultationPost
    from clinic_site.clinic.models import Doctor
    from clinic_site.pages.models import Fee, Notice, Treatment
    from clinic_site.reservations.models import Reservation
    from clinic_site.reservations.requests.models import ReservationRequest
    from clinic_site.staff.services import create_staff

    app = make_app("members", **config)
    app.config["CLOCK_FROZEN_AT"] = MONDAY_9AM
    world = World(app)
    clients = world.clients
    clients["visitor"] = english(app.test_client())

    clients["member"] = english(app.test_client())
    assert join(clients["member"]).status_code == 303
    clients["other_member"] = english(app.test_client())
    other = {"username": "other_one", "mobile": "010 3333 4444", "email": "other@example.com"}
    assert join(clients["other_member"], **other).status_code == 303
    clients["child"] = english(app.test_client())
    assert join_child(clients["child"]).status_code == 303  # joining signs in

    with app.app_context():
        create_staff("staffer", "Staff Kim", "staff", "long-enough-pw")
        create_staff("owner", "Owner Kim", "owner", "long-enough-pw")
        db.session.commit()
    for role, username in (("staff", "staffer"), ("owner", "owner")):
        clients[role] = english(app.test_client())
        assert login_staff(clients[role], username, "long-enough-pw").status_code in (302, 303)

    member = clients["member"]
    assert book(member, "2026-03-10T10:00").status_code == 303
    world.ids["reservation"] = _latest(app, Reservation)
    question = {"name": ADULT["name"], "mobile": "010-2345-6789", "title": "Mine",
                "body": "Question from a member", "agree_privacy": "y",
                "agree_sensitive": "y"}  # fmt: skip
    made = submit(member, "/consultations/new", question)
    assert made.status_code == 303
    world.ids["member_post"] = _latest(app, ConsultationPost)
    guest = english(app.test_client())
    assert write(guest).status_code == 303
    world.ids["guest_post"] = _latest(app, ConsultationPost)
    assert submit(guest, "/reservations/request", REQUEST).status_code == 303
    world.ids["request"] = _latest(app, ReservationRequest)

    from clinic_site.accounts.models import Member

    with app.app_context():
        ids = dict(db.session.execute(sa.select(Member.username, Member.id)).all())
    world.ids["member"] = ids[ADULT["username"].lower()]
    world.ids["child"] = ids[CHILD["username"]]

    owner = clients["owner"]
    submit(owner, "/admin/notices/new", {"title_ko": "금요일 휴진", "body_ko": "배관 공사"})
    world.ids["notice"] = _latest(app, Notice)
    world.ids["treatment"] = _latest(app, Treatment)
    world.ids["doctor"] = _latest(app, Doctor)
    submit(owner, "/admin/fees", {"kind": "non_covered", "name": "Crown", "price": "500000"})
    world.ids["fee"] = _latest(app, Fee)
    world.ids["guest_password"] = GOOD["password"]
    return world


@pytest.fixture
def world(make_app) -> World:
    return build_world(make_app)


def snapshot(app) -> dict[str, list[str]]:
    """Every row of every table but the records, to compare before and after a request."""
    with app.app_context(), db.engine.connect() as conn:
        return {
            table.name: sorted(map(repr, conn.execute(sa.select(table)).all()))
            for table in db.metadata.sorted_tables
            if table.name not in RECORD_TABLES
        }
