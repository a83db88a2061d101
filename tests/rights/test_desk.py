"""The rights desk: anyone files a request to see, correct, delete or stop the use of their data,
or to withdraw a consent, and gets a number and a date at most 10 days on (the clinic's
calendar); staff see what is due, may extend once with a reason, and answer; the requester reads
the answer. Nothing about another person is revealed, and nothing is kept past its period."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.messages.models import OutboxMessage
from clinic_site.records.models import AccessRecord
from clinic_site.rights.models import RightsRequest
from tests.helpers import csrf_token, english, login_staff, said, submit

VISITOR = {
    "kind": "correction",
    "name": "박서연",
    "mobile": "010-3333-4444",
    "details": "My mobile number on inquiry 12 is old.",
    "agree_privacy": "y",
}
# 00:30 in Seoul on 11 March, while it is still the 10th in UTC (15:30).
JUST_AFTER_MIDNIGHT_SEOUL = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)


def _file(client, **changes):
    data = {k: v for k, v in {**VISITOR, **changes}.items() if v is not None}
    return submit(client, "/rights", data)


def _due(page: str) -> date:
    """The date the page says the request will be answered by."""
    match = re.search(r'<dt>Answer by</dt><dd><time datetime="(\d{4}-\d\d-\d\d)"', page)
    assert match, "no answer date on the page"
    return date.fromisoformat(match.group(1))


def _rows(app) -> list[RightsRequest]:
    with app.app_context():
        return list(db.session.scalars(sa.select(RightsRequest).order_by(RightsRequest.id)))


def test_a_visitor_files_a_request_and_sees_its_number_and_due_date(app, en_client, set_now):
    set_now(JUST_AFTER_MIDNIGHT_SEOUL)
    response = _file(en_client)
    assert response.status_code == 303
    page = en_client.get(response.headers["Location"])
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    [row] = _rows(app)
    assert f"Your request No. {row.id}" in text
    # Counted from the day it arrived at the clinic (the 11th in Seoul), 10 days.
    assert _due(text) == date(2026, 3, 21) == row.due_on
    assert row.name == "박서연" and row.mobile == "010-3333-4444" and row.kind == "correction"
    assert (
        "박서연" not in response.headers["Location"] and "3333" not in response.headers["Location"]
    )


@pytest.mark.parametrize(
    "changes, field_words",
    [
        ({"kind": "everything"}, "Not a valid choice"),
        ({"kind": None}, "Choose what you are asking for."),
        ({"mobile": "12345"}, "Enter a Korean mobile number"),
        ({"name": ""}, "Enter your name."),
        ({"agree_privacy": None}, "Please agree, or call the clinic instead."),
        ({"details": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_stored(
    app, en_client, changes, field_words
):
    response = _file(en_client, **changes)
    assert response.status_code == 422
    assert field_words in said(response)
    assert _rows(app) == []


def test_someone_elses_request_page_cannot_be_opened_or_guessed(app, en_client, client):
    first = _file(en_client).headers["Location"]
    _file(en_client, name="Another", mobile="010-5555-6666")
    token = first.rsplit("/", 1)[1]
    for forged in (token[:-2] + "xx", "1", "..%2f..", token + "a" * 300, "eyJhIjoxfQ"):
        assert client.get(f"/rights/r/{forged}").status_code == 404
    # The first address opens the first request only.
    text = client.get(first).get_data(as_text=True)
    assert "Another" not in text and "5555" not in text


@pytest.mark.new_clinic
def test_the_desk_is_closed_until_the_clinic_is_ready(make_app):
    app = make_app("anonymous")
    client = english(app.test_client())
    assert client.get("/rights").status_code == 503
    token = csrf_token(client, "/rights")  # the closed page's own form (the language)
    assert client.post("/rights", data={**VISITOR, "csrf_token": token}).status_code == 503
    assert _rows(app) == []


def _staff_answer(client, row_id: int, body: str = "We corrected the number."):
    return submit(client, f"/admin/rights/{row_id}", {"body": body, "identity": "phone"},
                  action=f"/admin/rights/{row_id}/answer")  # fmt: skip


def test_staff_see_what_is_due_and_answer_and_the_visitor_reads_it(
    app, en_client, staff_factory, set_now
):
    set_now(JUST_AFTER_MIDNIGHT_SEOUL)
    page = _file(en_client).headers["Location"]
    [row] = _rows(app)
    staff = english(app.test_client())
    person = staff_factory("staff")
    login_staff(staff, *person)
    listing = staff.get("/admin/rights").get_data(as_text=True)
    assert f'href="/admin/rights/{row.id}"' in listing and 'datetime="2026-03-21"' in listing
    assert "박서연" not in listing  # the list shows kinds and dates, names on the request's page
    assert "rights requests" not in staff.get("/admin/").get_data(as_text=True)  # due in 10 days

    set_now(datetime(2026, 3, 19, 1, tzinfo=UTC))  # two days before the date
    login_staff(staff, *person)  # days later: a new session
    assert "rights requests due within three days" in staff.get("/admin/").get_data(as_text=True)
    set_now(datetime(2026, 3, 22, 1, tzinfo=UTC))  # the day after
    login_staff(staff, *person)
    dashboard = staff.get("/admin/").get_data(as_text=True)
    assert "rights requests past their answer date" in dashboard
    shown = staff.get(f"/admin/rights/{row.id}").get_data(as_text=True)
    assert "박서연" in shown and "Past its date" in shown

    assert _staff_answer(staff, row.id).status_code == 303
    assert "We corrected the number." in en_client.get(page).get_data(as_text=True)
    assert "rights requests" not in staff.get("/admin/").get_data(as_text=True)
    again = _staff_answer(staff, row.id, "A second answer")
    assert again.status_code == 303 and "answered already" in said(
        staff.get(f"/admin/rights/{row.id}")
    )
    [row] = _rows(app)
    assert row.answer == "We corrected the number." and row.identity_check == "phone"
    with app.app_context():
        actions = set(db.session.execute(
            sa.select(AccessRecord.action, AccessRecord.subject_kind)
            .where(AccessRecord.subject_id == row.id)).all())  # fmt: skip
    assert {("view", "rights_request"), ("reply", "rights_request")} <= actions


def test_the_date_is_extended_once_with_a_reason_the_requester_reads(
    app, en_client, staff_factory, set_now
):
    set_now(JUST_AFTER_MIDNIGHT_SEOUL)
    page = _file(en_client).headers["Location"]
    [row] = _rows(app)
    staff = english(app.test_client())
    login_staff(staff, *staff_factory("staff"))
    empty = submit(staff, f"/admin/rights/{row.id}", {"reason": ""},
                   action=f"/admin/rights/{row.id}/extend")  # fmt: skip
    assert empty.status_code == 422 and "Write the reason" in said(empty)
    assert _rows(app)[0].due_on == date(2026, 3, 21)
    extend = submit(staff, f"/admin/rights/{row.id}", {"reason": "The records are archived."},
                    action=f"/admin/rights/{row.id}/extend")  # fmt: skip
    assert extend.status_code == 303
    assert _rows(app)[0].due_on == date(2026, 3, 31)
    text = en_client.get(page).get_data(as_text=True)
    assert "The records are archived." in text and 'datetime="2026-03-31"' in text
    # There is no second extension.
    assert f"/admin/rights/{row.id}/extend" not in staff.get(f"/admin/rights/{row.id}").get_data(
        as_text=True
    )
    token = re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"',
        staff.get(f"/admin/rights/{row.id}").get_data(as_text=True),
    )
    assert token
    second = staff.post(f"/admin/rights/{row.id}/extend",
                        data={"csrf_token": token.group(1), "reason": "More"})  # fmt: skip
    assert second.status_code == 303 and _rows(app)[0].due_on == date(2026, 3, 31)


def test_the_visitor_is_told_by_text_when_answered(make_app, solapi):
    app = make_app("anonymous", **solapi.config())
    visitor = english(app.test_client())
    page = _file(visitor).headers["Location"]
    [row] = _rows(app)
    staff = english(app.test_client())
    from tests.fixtures.apps import _staff_maker

    login_staff(staff, *_staff_maker(app)("staff"))
    _staff_answer(staff, row.id)
    with app.app_context():
        [message] = db.session.scalars(sa.select(OutboxMessage)).all()
    assert message.kind == "rights_answered" and message.recipient == "01033334444"
    assert page.split("://", 1)[-1].split("/", 1)[1] in message.text
    assert "inquiry 12" not in message.text  # never what the request is about


def test_only_staff_see_the_desk_and_the_owner_purge_keeps_three_years(
    app, en_client, client, runner, set_now
):
    set_now(datetime(2026, 3, 10, 3, tzinfo=UTC))
    _file(en_client)
    for path in ("/admin/rights", "/admin/rights/1"):
        assert client.get(path).status_code in (302, 303)
        assert "박서연" not in client.get(path, follow_redirects=True).get_data(as_text=True)
    set_now(datetime(2029, 3, 9, 3, tzinfo=UTC))
    runner.invoke(args=["purge"])
    assert len(_rows(app)) == 1
    set_now(datetime(2029, 3, 11, 3, tzinfo=UTC))
    result = runner.invoke(args=["purge"])
    assert "rights_request" in result.output and _rows(app) == []


def test_a_member_files_from_their_account_and_reads_the_answer(
    members_app, member, member_client, members_staff_factory
):
    page = member_client.get("/account/rights")
    assert page.status_code == 200 and 'name="name"' not in page.get_data(as_text=True)
    response = submit(member_client, "/account/rights", {"kind": "access", "details": ""})
    assert response.status_code == 303
    [row] = _rows(members_app)
    assert row.member_id == member and row.name is None and row.identity_check == "signed_in"
    text = member_client.get("/account/rights").get_data(as_text=True)
    assert f'id="request-{row.id}"' in text and "Waiting for the answer." in text
    assert "See my personal information" in member_client.get("/account").get_data(as_text=True)
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("staff"))
    assert _staff_answer(staff, row.id, "Your file is attached to your account.").status_code == 303
    assert "Your file is attached" in member_client.get("/account/rights").get_data(as_text=True)
    exported = member_client.get("/account/export").get_json()
    assert any(entry.get("kind") == "access" for entry in exported.get("rights_request", []))


def test_a_members_requests_go_with_the_account(members_app, member, member_client):
    submit(member_client, "/account/rights", {"kind": "deletion"})
    assert len(_rows(members_app)) == 1
    response = submit(member_client, "/account/withdraw",
                      {"password": "blue-sky-over-seoul", "confirm": "y"})  # fmt: skip
    assert response.status_code == 303
    assert _rows(members_app) == []


def test_the_account_page_is_not_there_without_membership(client):
    assert client.get("/account/rights").status_code == 404


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_policy_points_to_the_desk_and_its_ten_days(make_app, lang):
    from clinic_site.policy.generated import default_text
    from clinic_site.settings.queries import get_settings

    app = make_app("anonymous")
    with app.test_request_context():
        text = default_text(lang, "anonymous", get_settings())
    assert "/rights" in text and "10" in text


def test_the_privacy_desk_turns_red_when_a_request_is_past_its_date(
    app, en_client, staff_factory, set_now
):
    owner = english(app.test_client())
    person = staff_factory("owner")
    set_now(datetime(2026, 3, 10, 3, tzinfo=UTC))
    _file(en_client)
    login_staff(owner, *person)
    assert "1 waiting, 0 past their date" in owner.get("/admin/privacy").get_data(as_text=True)
    set_now(datetime(2026, 3, 25, 3, tzinfo=UTC))
    login_staff(owner, *person)  # days later: a new session
    desk = owner.get("/admin/privacy").get_data(as_text=True)
    assert "1 waiting, 1 past their date" in desk
    assert "Answer the requests past their date now" in desk
