from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clinic_site.board.models import ConsultationPost
from clinic_site.extensions import db

T0 = datetime(2026, 4, 1, 0, 0, tzinfo=UTC)


def _bulk(app, count: int) -> None:
    """Many posts at once, straight into the table (hashing 45 passwords would only cost time)."""
    rows = [
        {
            "name": f"Person{i}",
            "password_hash": "x",
            "mobile": "010-0000-0000",
            "title": f"title-{i}",
            "body": f"body-{i}",
            "created_at": T0 + timedelta(minutes=i),
            "agree_privacy": True,
            "agree_sensitive": True,
        }
        for i in range(1, count + 1)
    ]
    with app.app_context():
        db.session.execute(sa.insert(ConsultationPost), rows)
        db.session.commit()


def _ids(text: str) -> list[int]:
    import re

    return [int(n) for n in re.findall(r'href="/consultations/(\d+)"', text)]


def _link(text: str, rel: str) -> str | None:
    import html
    import re

    found = re.search(rf'href="([^"]+)" rel="{rel}"', text)
    return html.unescape(found.group(1)) if found else None


def test_pages_are_newest_first_twenty_at_a_time(app, en_client):
    _bulk(app, 45)
    first = en_client.get("/consultations").get_data(as_text=True)
    assert _ids(first) == list(range(45, 25, -1))
    assert _link(first, "next") == "/consultations?page=2&older_than=26"
    second = en_client.get(_link(first, "next")).get_data(as_text=True)
    assert _ids(second) == list(range(25, 5, -1))
    third = en_client.get(_link(second, "next")).get_data(as_text=True)
    assert _ids(third) == [5, 4, 3, 2, 1]
    assert _link(third, "next") is None
    # Back up the list by the newer links, and by page number as the contract names it.
    assert _link(third, "prev") == "/consultations?page=2&newer_than=5"
    assert _ids(en_client.get(_link(third, "prev")).get_data(as_text=True)) == list(
        range(25, 5, -1)
    )
    assert _link(second, "prev") == "/consultations?page=1"
    for number, page in ((1, first), (2, second), (3, third)):
        by_number = en_client.get(f"/consultations?page={number}").get_data(as_text=True)
        assert _ids(by_number) == _ids(page)
    assert en_client.get("/consultations?page=4").status_code == 404
    assert "body-" not in first + second + third


def test_an_edge_deleted_meanwhile_falls_back_to_the_page_number(app, en_client):
    _bulk(app, 45)
    with app.app_context():
        db.session.execute(sa.delete(ConsultationPost).where(ConsultationPost.id == 26))
        db.session.commit()
    page = en_client.get("/consultations?page=2&older_than=26").get_data(as_text=True)
    assert _ids(page) == list(range(24, 4, -1))


@pytest.mark.parametrize(
    "edge", ["older_than=abc", "newer_than=-1", "older_than=0", "older_than=99999999999"]
)
def test_bad_edges_are_404_never_500(app, en_client, edge):
    _bulk(app, 3)
    assert en_client.get(f"/consultations?page=2&{edge}").status_code == 404


@pytest.mark.parametrize(
    "page", ["0", "-1", "abc", "99999", "1e3", "", "99999999999999999999", "%C2%B2", "１"]
)
def test_bad_page_numbers_are_404_never_500(app, en_client, page):
    _bulk(app, 3)
    assert en_client.get(f"/consultations?page={page}").status_code == 404


def test_empty_board_page_one_is_fine(en_client):
    response = en_client.get("/consultations")
    assert response.status_code == 200
    assert "There are no inquiries yet." in response.get_data(as_text=True)


def test_a_page_costs_the_same_queries_at_any_size(make_app):
    # What rendering costs: with pages kept (pagecache), a repeated visit costs less still.
    app = make_app(PAGE_CACHE_SECONDS=0)
    client = app.test_client()
    counted: list[str] = []

    def count(conn, cursor, statement, *args):
        counted.append(statement)

    def queries(url: str) -> int:
        counted.clear()
        with app.app_context():
            engine = db.engine
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(url).status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(counted)

    _bulk(app, 5)
    client.get("/consultations")  # the first request of a process does one-off work
    small = queries("/consultations")
    _bulk(app, 60)
    client.get("/consultations")  # the first request after a change reads the settings again
    assert queries("/consultations") == small
    assert queries("/consultations?page=3") == small
    assert small <= 4


def test_staff_list_pages_keep_the_filter(app, en_staff_client):
    _bulk(app, 45)
    first = en_staff_client.get("/admin/consultations?status=waiting").get_data(as_text=True)
    assert 'href="/admin/consultations?page=2&amp;status=waiting"' in first
    second = en_staff_client.get("/admin/consultations?page=2&status=waiting")
    assert second.status_code == 200
    text = second.get_data(as_text=True)
    assert 'href="/admin/consultations?page=1&amp;status=waiting" rel="prev"' in text
    assert 'href="/admin/consultations?page=3&amp;status=waiting" rel="next"' in text
    assert en_staff_client.get("/admin/consultations?page=4").status_code == 404


@pytest.mark.parametrize("page", ["%C2%B2", "0", "abc", "100001", "99999999999999999999"])
def test_bad_staff_page_numbers_are_404_never_500(app, en_staff_client, page):
    _bulk(app, 3)
    assert en_staff_client.get(f"/admin/consultations?page={page}").status_code == 404
