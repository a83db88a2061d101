"""Words a person reads: no program code on a Korean page, reasons that fit the person, an error
summary that names and links each wrong field, no Korean particle glued to a date, and a data
download that names things and keeps one time zone."""

from __future__ import annotations

import json
import re

import sqlalchemy as sa

from clinic_site.accounts.models import Member
from clinic_site.extensions import db
from tests.fixtures.booking import MONDAY_9AM, book
from tests.fixtures.members import join, join_child
from tests.helpers import english, login_staff, submit

KO = {"Accept-Language": "ko"}
# A program's code: lower-case words joined by an underscore ("representative_confirmed").
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _visible(page: str) -> str:
    """The text a person sees: tags, attributes and scripts removed."""
    body = page.split("<body>", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


def _child_and_adult(app) -> tuple[int, int]:
    with app.app_context():
        rows = dict(db.session.execute(sa.select(Member.is_child, Member.id)).all())
    return rows[True], rows[False]


def test_the_owner_s_record_pages_in_korean_show_no_code(members_app, members_staff_factory):
    join(english(members_app.test_client()))
    join_child(english(members_app.test_client()))
    child, adult = _child_and_adult(members_app)
    owner = members_app.test_client()
    login_staff(owner, *members_staff_factory("owner"))
    url = f"/admin/members/{child}"
    submit(owner, url, {}, action=f"{url}/confirm")
    submit(owner, f"/admin/members/{adult}", {"reason": "member_request"},
           action=f"/admin/members/{adult}/hold")  # fmt: skip
    submit(owner, f"/admin/members/{adult}", {}, action=f"/admin/members/{adult}/release")
    owner.get("/admin/consent/?id=AAAAAAAAAAAAAAAAAAAA")
    submit(owner, f"/admin/members/{child}", {"reason": "representative_request", "confirm": "y"},
           action=f"/admin/members/{child}/destroy")  # fmt: skip
    for path in ("/admin/audit", "/admin/audit/destructions"):
        page = owner.get(path, headers=KO).get_data(as_text=True)
        assert CODE.findall(_visible(page)) == [], path
    audit = _visible(owner.get("/admin/audit", headers=KO).get_data(as_text=True))
    assert "법정대리인 확인" in audit and "보류: 회원의 요청" in audit
    destructions = _visible(
        owner.get("/admin/audit/destructions", headers=KO).get_data(as_text=True)
    )
    assert "요청에 따라 파기: 법정대리인의 요청" in destructions


def test_hold_reasons_fit_the_person(members_app, members_staff_factory):
    join(english(members_app.test_client()))
    join_child(english(members_app.test_client()))
    child, adult = _child_and_adult(members_app)
    staff = english(members_app.test_client())
    login_staff(staff, *members_staff_factory("staff"))
    adult_page = staff.get(f"/admin/members/{adult}").get_data(as_text=True)
    hold_form = adult_page.split('id="hold-title"')[1].split("</select>")[0]
    assert "legal representative" not in hold_form
    assert "The member asked for a correction" in hold_form
    correct_form = adult_page.split('id="correct-title"')[1].split("</select>")[0]
    assert "legal representative" not in correct_form and "The member asked" in correct_form
    child_page = staff.get(f"/admin/members/{child}").get_data(as_text=True)
    assert "The legal representative asked for a correction" in child_page
    # A reason that does not fit the account is refused.
    wrong = submit(staff, f"/admin/members/{adult}", {"reason": "representative_request"},
                   action=f"/admin/members/{adult}/hold")  # fmt: skip
    assert wrong.status_code == 422
    with members_app.app_context():
        assert db.session.get(Member, adult).held_at is None


def test_the_error_summary_names_and_links_each_wrong_field(members_client):
    page = submit(members_client, "/account/register", {"name": "", "username": "ab"})
    assert page.status_code == 422
    summary = page.get_data(as_text=True).split('class="error-summary"')[1].split("</div>")[0]
    for field in ("name", "username", "mobile", "agree_privacy"):
        assert f'href="#{field}"' in summary, field


def test_no_particle_follows_a_date_on_a_korean_page(owner_client):
    done = submit(owner_client, "/admin/clinic/closed", {"day": "2031-03-05", "reason_ko": "학회"},
                  follow_redirects=True, headers=KO)  # fmt: skip
    text = done.get_data(as_text=True)
    assert "휴진일 추가: 2031년 3월 5일 (수)" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}[을를이가은는]", text)


def test_the_download_names_treatments_and_doctors_and_keeps_the_clinic_s_time(
    members_app, members_set_now, member_client
):
    members_set_now(MONDAY_9AM)
    assert book(member_client, "2026-03-10T10:00").status_code == 303
    data = json.loads(member_client.get("/account/export").get_data(as_text=True))
    [visit] = data["reservation"]
    assert "service_id" not in visit and "doctor_id" not in visit
    assert visit["treatment"] and visit["doctor"]
    assert visit["starts_at"] == "2026-03-10T10:00:00+09:00"
    stamps = [data["exported_at"], data["account"]["created_at"], visit["booked_at"]]
    stamps += [row["at"] for row in data["sign_in_record"]]
    assert all(stamp.endswith("+09:00") for stamp in stamps), stamps
    page = member_client.get("/account").get_data(as_text=True)
    assert "Download my data (JSON file)" in page
    assert "2026-03-10 10:00" not in page  # the visit in words, not a machine's stamp
