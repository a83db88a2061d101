"""A member's download holds their own sign-in and access records and no one else's: another
member's sign-ins (their times, their address) and the staff's looks at another member's page stay
out of it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from clinic_site.platform import clock
from tests.fixtures.members import ADULT, sign_in
from tests.helpers import english, login_staff

# The other member does everything at THEIRS from THEIR_ADDRESS; the member at MINE from MY_ADDRESS.
THEIRS = datetime(2026, 2, 2, 5, 17, 23, tzinfo=UTC)
MINE = datetime(2026, 2, 3, 6, 41, 52, tzinfo=UTC)
THEIR_ADDRESS = "203.0.113.201"
MY_ADDRESS = "192.0.2.77"


def _client(app, address: str):
    client = english(app.test_client())
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_the_export_holds_only_the_member_s_own_records(
    members_app, member, make_member, members_staff_factory, members_set_now
):
    other_id, other = make_member()
    colleague = members_staff_factory("staff")

    members_set_now(THEIRS)
    theirs = _client(members_app, THEIR_ADDRESS)
    assert sign_in(theirs, username=other, password="not-their-password").status_code == 422
    assert sign_in(theirs, username=other).status_code == 303
    staff = english(members_app.test_client())
    login_staff(staff, *colleague)  # a staff sign-in: another kind of account, the same number
    assert staff.get(f"/admin/members/{other_id}").status_code == 200

    members_set_now(MINE)
    mine = _client(members_app, MY_ADDRESS)
    assert sign_in(mine).status_code == 303
    staff = english(members_app.test_client())
    login_staff(staff, *colleague)
    assert staff.get(f"/admin/members/{member}").status_code == 200
    response = mine.get("/account/export")
    text = response.get_data(as_text=True)
    data = json.loads(text)

    with members_app.app_context():
        their_time, my_time = clock.stamp(THEIRS), clock.stamp(MINE)
    assert data["account"]["username"] == ADULT["username"].lower()
    assert data["sign_in_record"] == [{"at": my_time, "outcome": "success", "ip": MY_ADDRESS}]
    assert [(r["at"], r["by"], r["action"]) for r in data["access_record"]] == [
        (my_time, "staff", "view")
    ]
    assert THEIR_ADDRESS not in text and their_time not in text and other not in text
