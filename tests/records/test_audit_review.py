"""The owner reviews the access record from the site: filtered by staff member, action, record and
dates (clinic time), downloaded as CSV for the period (cells a spreadsheet would run are written
as text), and each month marked reviewed with a note."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord, AccessReview
from clinic_site.records.services import record_access
from clinic_site.staff.models import StaffUser
from tests.helpers import login_staff, said, submit


def _looks(app, set_now, staff_factory):
    """Three looks: kim on 1 March (clinic time), lee on 2 and 31 March, one with a formula."""
    staff_factory("staff", username="kim")
    staff_factory("staff", username="lee")
    with app.app_context():
        kim = db.session.scalar(db.select(StaffUser).where(StaffUser.username == "kim"))
        lee = db.session.scalar(db.select(StaffUser).where(StaffUser.username == "lee"))
        # 23:30 UTC on 28 Feb is 08:30 on 1 March in Seoul.
        set_now(datetime(2026, 2, 28, 23, 30, tzinfo=UTC))
        record_access(kim, "view", "consultation", 7, "", "10.0.0.1")
        set_now(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
        record_access(lee, "update", "member", 3, '=HYPERLINK("x")', "10.0.0.2")
        set_now(datetime(2026, 3, 31, 15, 30, tzinfo=UTC))  # 1 April in Seoul
        record_access(lee, "view", "consultation", 8, "", "10.0.0.3")
        db.session.commit()
    set_now(datetime(2026, 4, 2, 1, 0, tzinfo=UTC))


def _rows(page: str) -> int:
    return page.count("<tr>") - 1


def test_the_filters_narrow_the_record(app, en_client, set_now, staff_factory):
    _looks(app, set_now, staff_factory)
    owner = en_client
    login_staff(owner, *staff_factory("owner", username="boss"))
    everything = owner.get("/admin/audit").get_data(as_text=True)
    assert _rows(everything) >= 3
    assert _rows(owner.get("/admin/audit?staff=kim").get_data(as_text=True)) == 1
    assert _rows(owner.get("/admin/audit?staff=lee").get_data(as_text=True)) == 2
    assert _rows(owner.get("/admin/audit?action=update").get_data(as_text=True)) == 1
    assert (
        _rows(owner.get("/admin/audit?record=consultation&record_id=8").get_data(as_text=True)) == 1
    )
    # Days are the clinic's: 1 March in Seoul holds kim's look made on 28 February in UTC.
    march = owner.get("/admin/audit?from=2026-03-01&to=2026-03-31").get_data(as_text=True)
    assert _rows(march) == 2 and "10.0.0.1" in march and "10.0.0.3" not in march
    assert _rows(owner.get("/admin/audit?staff=lee&from=2026-04-01").get_data(as_text=True)) == 1


def test_bad_dates_get_a_clear_400(app, en_owner_client):
    for query in ("from=2026-02-30", "to=yesterday", "from=2026-03-05&to=2026-03-01",
                  "from=9999-12-31", "record_id=abc", "action=steal"):  # fmt: skip
        answer = en_owner_client.get(f"/admin/audit?{query}")
        assert answer.status_code == 400, query
        assert "could not be read" in said(answer), query
        csv_answer = en_owner_client.get(f"/admin/audit?{query}&format=csv")
        assert csv_answer.status_code == 400 and csv_answer.mimetype == "text/html"


def test_the_csv_holds_the_filtered_rows_safely(app, en_client, set_now, staff_factory):
    _looks(app, set_now, staff_factory)
    login_staff(en_client, *staff_factory("owner", username="boss"))
    answer = en_client.get("/admin/audit?staff=lee&from=2026-03-01&to=2026-03-31&format=csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert "access-record-2026-03-01-2026-03-31.csv" in answer.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["time", "staff", "actor", "action", "record", "record_id", "detail", "ip"]
    assert len(rows) == 2
    assert rows[1][:6] == ["2026-03-02T10:00:00+09:00", "lee", "staff", "update", "member", "3"]
    assert rows[1][6] == '\'=HYPERLINK("x")'  # text, never a formula
    # The download is itself noted in the access record.
    with app.app_context():
        last = db.session.scalars(db.select(AccessRecord).order_by(AccessRecord.id.desc())).first()
        assert (last.actor_name, last.action, last.subject_kind) == (
            "boss",
            "export",
            "access_record",
        )


def test_the_owner_marks_a_month_reviewed(app, en_owner_client, set_now):
    set_now(datetime(2026, 4, 2, 1, 0, tzinfo=UTC))
    note = {"month": "2026-03", "note": "All looks were for answers."}
    answer = submit(en_owner_client, "/admin/audit", note, action="/admin/audit/review")
    assert answer.status_code == 303
    page = en_owner_client.get("/admin/audit").get_data(as_text=True)
    assert "2026-03" in page and "All looks were for answers." in page
    for data, words in (
        ({"month": "2026-03", "note": "again"}, "reviewed already"),
        ({"month": "2026-05", "note": "early"}, "once it has begun"),
        ({"month": "March", "note": "x"}, "YYYY-MM"),
        ({"month": "2026-04", "note": ""}, "required"),
    ):
        refused = submit(en_owner_client, "/admin/audit", data, action="/admin/audit/review")
        assert refused.status_code in (409, 422) and words in said(refused), (data, said(refused))
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(AccessReview)) == 1


def test_staff_cannot_read_or_review_the_record(en_staff_client):
    assert en_staff_client.get("/admin/audit?format=csv").status_code == 403
    answer = en_staff_client.post("/admin/audit/review", data={"month": "2026-03", "note": "x"})
    assert answer.status_code in (400, 403)
