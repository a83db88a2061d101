"""Pages kept for plain visitors (pagecache.py): never older than the data in any worker, never
shown to someone whose page differs, and with each visitor's own CSRF token and form stamp."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import sqlalchemy as sa

from clinic_site.board.models import ConsultationPost
from clinic_site.cache.revision import SiteRevision
from clinic_site.extensions import db
from clinic_site.fees import services as fees
from clinic_site.settings.services import update_settings
from tests.fixtures.board import GOOD, write
from tests.helpers import CSRF, csrf_token, english, submit

STAMP = re.compile(r'name="form_shown"[^>]*value="([^"]+)"')


def _statements(app, client, path: str) -> list[str]:
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def note(conn, cursor, statement, *args):
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    return seen


def _revision(app) -> int:
    with app.app_context():
        return db.session.get(SiteRevision, 1).number


def test_a_kept_page_costs_one_small_query_and_looks_the_same(app):
    first, second = english(app.test_client()), english(app.test_client())
    made = first.get("/consultations").get_data(as_text=True)
    # One statement, and it reads only the revision number (how the id parameter is written
    # differs between drivers, so the text is compared up to it).
    (statement,) = _statements(app, second, "/consultations")
    assert statement.startswith(
        "SELECT site_revision.number \nFROM site_revision \nWHERE site_revision.id = "
    )
    kept = second.get("/consultations").get_data(as_text=True)
    assert CSRF.sub("", kept) == CSRF.sub("", made)


def test_each_visitor_gets_their_own_token_and_it_works(app):
    first, second = english(app.test_client()), english(app.test_client())
    token_first = csrf_token(first, "/fees")
    token_second = csrf_token(second, "/fees")  # served from the kept page
    assert token_first != token_second
    # The second visitor's token is theirs: the language switch accepts it.
    answer = second.post("/language", data={"csrf_token": token_second, "lang": "ko", "next": "/"})
    assert answer.status_code in (302, 303)
    refused = second.post("/language", data={"csrf_token": "not-a-token", "lang": "ko"})
    assert refused.status_code == 400


def test_a_form_from_a_kept_page_carries_a_fresh_stamp(make_app):
    app = make_app(CLINIC_FORM_MIN_SECONDS=3)
    first, second = english(app.test_client()), english(app.test_client())
    app.config["CLOCK_FROZEN_AT"] = datetime(2026, 5, 4, 1, 0, 0, tzinfo=UTC)
    first.get("/consultations/new")  # the page is kept, stamped 10:00:00
    app.config["CLOCK_FROZEN_AT"] = datetime(2026, 5, 4, 1, 0, 10, tzinfo=UTC)
    page = second.get("/consultations/new").get_data(as_text=True)
    stamp, token = STAMP.search(page).group(1), CSRF.search(page).group(1)
    # Sent the moment it was shown: too fast, however old the kept copy is.
    answer = second.post(
        "/consultations/new", data={**GOOD, "csrf_token": token, "form_shown": stamp}
    )
    assert answer.status_code in (400, 422)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationPost)) == 0


def test_a_new_inquiry_shows_in_every_worker_at_once(make_app):
    one, two = make_app(), make_app()  # two workers of one site
    reader = english(one.test_client())
    assert 'href="/consultations/1"' not in reader.get("/consultations").get_data(as_text=True)
    assert write(english(two.test_client())).status_code == 303
    assert 'href="/consultations/1"' in reader.get("/consultations").get_data(as_text=True)


def test_a_deleted_inquiry_leaves_every_worker_at_once(make_app):
    one, two = make_app(), make_app()
    write(english(two.test_client()))
    reader = english(one.test_client())
    assert 'href="/consultations/1"' in reader.get("/consultations").get_data(as_text=True)
    with two.app_context():
        db.session.execute(db.delete(ConsultationPost))  # as the daily purge does
        db.session.commit()
    assert 'href="/consultations/1"' not in reader.get("/consultations").get_data(as_text=True)


def test_an_owners_change_shows_in_every_worker_at_once(make_app):
    one, two = make_app(), make_app()
    reader = english(one.test_client())
    assert "Scaling" not in reader.get("/fees").get_data(as_text=True)
    assert "Clinic" in reader.get("/").get_data(as_text=True)
    with two.test_request_context():
        fees.add("non_covered", "스케일링", 50000, name_en="Scaling")
        update_settings(clinic_name="Seoul Smile Clinic")
        db.session.commit()
    assert "Scaling" in reader.get("/fees").get_data(as_text=True)
    assert "Seoul Smile Clinic" in reader.get("/").get_data(as_text=True)


def test_a_change_rolled_back_keeps_the_revision(app):
    before = _revision(app)
    with app.test_request_context():
        update_settings(clinic_name="Never saved")
        db.session.rollback()
    assert _revision(app) == before
    assert "Never saved" not in app.test_client().get("/").get_data(as_text=True)


def test_writes_that_pages_do_not_show_keep_the_revision(app):
    client = english(app.test_client())
    before = _revision(app)
    submit(client, "/cookies", {"choice": "necessary", "next": "/"})  # a consent record
    assert _revision(app) == before


def test_a_signed_in_member_never_gets_a_visitors_page_nor_leaves_theirs(make_app):
    from tests.fixtures.members import join

    app = make_app("members")
    visitor = english(app.test_client())
    visitor.get("/")  # kept for visitors
    member = english(app.test_client())
    join(member)  # and signed in
    mine = member.get("/").get_data(as_text=True)
    assert "Sign out" in mine and "My information" in mine
    theirs = visitor.get("/").get_data(as_text=True)
    assert "Sign out" not in theirs and "Sign in" in theirs


def test_a_message_meant_for_one_visitor_is_shown_to_them_alone(app):
    author = english(app.test_client())
    answer = write(author, title="Only mine")
    after = author.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Your inquiry has been sent" in after
    other = english(app.test_client())
    for path in ("/consultations", answer.headers["Location"]):
        assert "Your inquiry has been sent" not in other.get(path).get_data(as_text=True)


def test_keeping_can_be_switched_off(make_app):
    app = make_app(PAGE_CACHE_SECONDS=0)
    client = english(app.test_client())
    client.get("/fees")
    assert len(_statements(app, client, "/fees")) > 1


def test_a_kept_page_still_allows_the_analytics_it_loads(app):
    with app.test_request_context():
        update_settings(analytics_snippet="https://stats.example.com/tag.js")
        db.session.commit()
    for _ in range(2):  # made, then kept
        client = english(app.test_client())
        submit(client, "/cookies", {"choice": "all", "next": "/"})
        response = client.get("/notices")
        assert 'src="https://stats.example.com/tag.js"' in response.get_data(as_text=True)
        assert "https://stats.example.com" in response.headers["Content-Security-Policy"]
