"""No admin page shows someone's personal data without writing the access record: every GET route
under /admin of the URL map is opened by the owner in a clinic full of patients, and a page that
shows any of their names, numbers or addresses must have added an access-record entry."""

from __future__ import annotations

import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord
from tests.fixtures.board import GOOD
from tests.fixtures.booking import REQUEST
from tests.fixtures.members import ADULT, CHILD
from tests.security.routes import url_of

# Everything of the world's patients that no admin page may show unrecorded.
PERSONAL = {
    ADULT["name"], ADULT["email"], "010-2345-6789",  # the adult member
    CHILD["name"], CHILD["guardian_name"], CHILD["guardian_mobile"],  # the child
    # A visitor's inquiry (its mobile number is the example the forms' help gives, so it is
    # looked for through the rest).
    GOOD["name"], GOOD["email"], GOOD["body"],
    REQUEST["name"], "010-4444-5555",  # a visitor's reservation request
    "other@example.com", "010-3333-4444",  # another member
}  # fmt: skip


def _entries(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(AccessRecord))


def test_the_world_holds_what_this_test_looks_for(world):
    # Guards the test itself: every value looked for is really stored, so a page that showed it
    # would be caught.
    with world.app.app_context(), db.engine.connect() as conn:
        stored = " ".join(
            repr(row)
            for table in db.metadata.sorted_tables
            for row in conn.execute(sa.select(table)).all()
        )
    assert {value for value in PERSONAL if value not in stored} == set()


def test_every_admin_page_that_shows_personal_data_writes_the_access_record(world):
    owner = world.client("owner")
    shown_unrecorded = {}
    opened = []
    for rule in world.app.url_map.iter_rules():
        if not rule.rule.startswith("/admin") or "GET" not in rule.methods:
            continue
        if rule.endpoint in ("staff.login", "two_factor.code", "two_factor.setup"):
            continue
        url = url_of(rule, world.ids)
        before = _entries(world.app)
        page = owner.get(url, headers={"Accept-Language": "en"})
        text = page.get_data(as_text=True)
        shown = sorted(value for value in PERSONAL if value in text)
        opened.append(url)
        if shown and _entries(world.app) == before:
            shown_unrecorded[url] = shown
    assert shown_unrecorded == {}
    # The walk opened the pages that do show personal data (so it could have failed).
    assert f"/admin/members/{world.ids['member']}" in opened


def test_a_search_of_members_is_recorded_without_what_was_searched(world):
    owner = world.client("owner")
    before = _entries(world.app)
    owner.get("/admin/members?q=" + ADULT["name"])
    with world.app.app_context():
        last = db.session.scalar(sa.select(AccessRecord).order_by(AccessRecord.id.desc()))
        assert _entries(world.app) == before + 1
        assert (last.action, last.subject_kind) == ("search", "member")
        assert ADULT["name"] not in (last.detail or "")
