"""What visitors see at /policy, /policy/<n>, /policy/<n>/changes and on every page."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.settings.services import update_settings
from tests.fixtures.policy import noon_seoul, publish
from tests.helpers import submit

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic

EN = {"Accept-Language": "en"}
KO = {"Accept-Language": "ko"}


def _set_manager(app):
    with app.app_context():
        update_settings(
            clinic_name="Hanbit Clinic",
            privacy_manager_name="Park Jiyoung",
            privacy_manager_position="Director",
            privacy_manager_phone="02-555-0100",
            privacy_manager_email="privacy@hanbit.example",
        )
        db.session.commit()


@pytest.mark.parametrize("mode", ["anonymous", "members"])
def test_first_run_policy_in_both_languages(make_app, mode):
    app = make_app(mode)
    _set_manager(app)
    publish(app)
    client = app.test_client()
    en = client.get("/policy", headers=EN)
    assert en.status_code == 200
    page = en.get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Version 1" in page
    for words in ("Park Jiyoung", "02-555-0100", "privacy@hanbit.example", "1833-6972",
                  "privacy.kisa.or.kr", "www.spo.go.kr", "ecrm.police.go.kr", "Medical Act",
                  "3 months", "6 months", "3 years", "365 days after the last reply",
                  "cookie_consent", "under 14"):  # fmt: skip
        assert words in page, words
    ko = client.get("/policy", headers=KO).get_data(as_text=True)
    assert '<html lang="ko">' in ko
    assert "개인정보 보호책임자" in ko and "Park Jiyoung" in ko and "분쟁조정위원회" in ko
    assert "published only" not in page
    if mode == "anonymous":
        assert "no membership" in page and "회원 제도가 없습니다" in ko
        assert "delete it at any time with the password" in page
        assert "Guardian" not in page and "legal representative&#39;s name" not in page.lower()
    else:
        assert "Membership for children under 14" in page
        assert "Withdrawal destroys your account, your inquiries" in page
        assert "The child can book only after the consent is confirmed" in page
        assert "탈퇴하면 계정과 상담 글(답변 포함), 예약이 즉시 파기" in ko


def test_stored_text_does_not_follow_later_settings(app, client):
    _set_manager(app)
    publish(app)
    with app.app_context():
        update_settings(privacy_manager_name="Someone Else")
        db.session.commit()
    page = client.get("/policy/1", headers=EN).get_data(as_text=True)
    text = page.split('class="policy-text"')[1].split("</article>")[0]
    assert "Park Jiyoung" in text
    assert "Someone Else" not in text


def test_dates_are_marked_up(app, client, set_now, add_version):
    set_now(noon_seoul(date(2026, 5, 1)))
    add_version(1, date(2023, 12, 1), date(2023, 12, 1))
    page = client.get("/policy", headers=EN).get_data(as_text=True)
    assert page.count('<time datetime="2023-12-01">') >= 4  # current version and history row


@pytest.fixture
def revision(app, set_now, add_version):
    """Version 1 in effect; version 2 announced on 2026-05-01, effective 2026-05-09."""
    add_version(1, date(2023, 12, 1), date(2023, 12, 1), body_en="Keep.\nOld line.\n",
                summary="First.")  # fmt: skip
    add_version(2, date(2026, 5, 1), date(2026, 5, 9), body_en="Keep.\nNew line.\n",
                summary="Clearer retention.")  # fmt: skip
    set_now(noon_seoul(date(2026, 5, 1)))
    return app


def test_upcoming_box_history_and_notice(revision, client):
    page = client.get("/policy", headers=EN).get_data(as_text=True)
    assert "Version 1, in effect today" in page
    box = page.split('class="policy-upcoming"')[1].split("</section>")[0]
    assert '<time datetime="2026-05-09">' in box and "Clearer retention." in box
    assert 'href="/policy/2/changes"' in box
    history = page.split('class="policy-history')[1]
    assert history.index("/policy/2") < history.index("/policy/1")


@pytest.mark.parametrize("url", ["/", "/policy", "/policy/1", "/admin/login", "/nowhere"])
def test_notice_on_every_page_while_upcoming(revision, client, url):
    page = client.get(url, headers=EN).get_data(as_text=True)
    assert 'class="policy-notice"' in page
    assert 'href="/policy/2/changes"' in page


def test_an_announcement_shows_in_every_worker_at_once(app, make_app, set_now, owner_client):
    """Another worker of the same site (an app on the same database) showed no notice a moment
    ago; after the owner announces a revision, its very next page shows the notice."""
    set_now(noon_seoul(date(2026, 5, 1)))
    other = make_app("anonymous", CLOCK_FROZEN_AT=app.config["CLOCK_FROZEN_AT"]).test_client()
    assert 'class="policy-notice"' not in other.get("/", headers=EN).get_data(as_text=True)
    announced = submit(owner_client, "/admin/policy/new",
                       {"body": "We collect your name.", "summary": "Shorter.",
                        "effective_on": "2026-05-09", "announce": "1"})  # fmt: skip
    assert announced.status_code in (302, 303)
    assert 'class="policy-notice"' in other.get("/", headers=EN).get_data(as_text=True)


def test_notice_gone_once_in_effect(revision, client, set_now):
    set_now(noon_seoul(date(2026, 5, 9)))
    page = client.get("/", headers=EN).get_data(as_text=True)
    assert 'class="policy-notice"' not in page
    page = client.get("/policy", headers=EN).get_data(as_text=True)
    assert "Version 2, in effect today" in page


def test_changes_marks_added_and_removed(revision, client):
    page = client.get("/policy/2/changes", headers=EN).get_data(as_text=True)
    assert "Compared with version 1" in page
    assert re.search(r"<del>.*Old.*</del>", page)
    assert re.search(r"<ins>.*New.*</ins>", page)
    assert "<del>" not in page.split("Keep.")[0].split('class="policy-diff"')[-1]


def test_first_version_has_nothing_to_compare(revision, client):
    page = client.get("/policy/1/changes", headers=EN).get_data(as_text=True)
    assert "nothing earlier to compare" in page


@pytest.mark.parametrize("url", ["/policy/99", "/policy/99/changes", "/policy/0"])
def test_unknown_numbers_are_404(revision, client, url):
    assert client.get(url).status_code == 404


def test_text_in_the_other_language_says_so(revision, client):
    page = client.get("/policy/2", headers=KO).get_data(as_text=True)
    assert '<div class="policy-text" lang="en">' in page
    assert '<html lang="ko">' in page
    before_text = page.split('<div class="policy-text"')[0]
    assert before_text.rstrip().endswith("</p>") and 'class="note"' in before_text[-300:]


def test_members_mode_pages(members_app):
    _set_manager(members_app)
    publish(members_app)
    client = members_app.test_client()
    assert client.get("/policy", headers=KO).status_code == 200
    assert client.get("/policy/1/changes", headers=EN).status_code == 200


def test_nothing_is_announced_before_the_clinic_enters_its_details(make_app):
    from clinic_site.policy.models import PolicyVersion
    from clinic_site.settings.models import ClinicSettings

    app = make_app()
    with app.app_context():
        db.session.execute(sa.delete(ClinicSettings))
        db.session.commit()
    client = app.test_client()
    page = client.get("/policy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "draft policy" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(PolicyVersion)) == 0


def test_the_history_leaves_the_texts_out(revision, add_version, client):
    """/policy reads one full text (the version in effect); the history and the upcoming box
    read only numbers, dates and summaries, the history in one query."""
    add_version(3, date(2026, 5, 1), date(2026, 6, 1), body_en="Later.\n", summary="Third.")
    with revision.app_context():
        engine = db.engine
    statements: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", capture)
    try:
        page = client.get("/policy", headers=EN).get_data(as_text=True)
    finally:
        sa.event.remove(engine, "before_cursor_execute", capture)
    history = page.split('class="policy-history')[1]
    assert all(f'href="/policy/{n}"' in history for n in (1, 2, 3))
    assert "Third." in history and "Clearer retention." in history
    reading_texts = [s for s in statements if "body_en" in s]
    assert len(reading_texts) == 1, reading_texts
    assert "Keep.\nOld line." not in history  # and no text is shown in the history
    listing = [s for s in statements if "ORDER BY policy_version.number DESC" in s]
    assert len(listing) == 1, listing


def test_withdrawing_an_unknown_version_is_404(owner_client):
    from tests.helpers import csrf_token

    token = csrf_token(owner_client, "/admin/policy")
    response = owner_client.post(
        "/admin/policy/99/withdraw", data={"csrf_token": token, "reason": "x"}
    )
    assert response.status_code == 404


def test_changes_read_as_passages_without_markdown(app, set_now, add_version, client):
    table = "| 항목 | 기간 |\n|---|---|\n| 방문 기록 | 3개월 |\n"
    old = "# 방침\n\n## 1. 수집 항목\n\n- 이름\n- 전화번호\n\n" + table
    new = "# 방침\n\n## 1. 수집 항목\n\n- 이름\n- 휴대전화 번호\n\n" + table
    add_version(1, date(2023, 12, 1), date(2023, 12, 1), body_en=None, body_ko=old, summary="처음")
    add_version(2, date(2026, 5, 1), date(2026, 5, 9), body_en=None, body_ko=new,
                summary="전화번호를 휴대전화로")  # fmt: skip
    set_now(noon_seoul(date(2026, 5, 1)))
    page = client.get("/policy/2/changes", headers=EN).get_data(as_text=True)
    diff = page.split('class="policy-diff"')[1].split("</div>")[0]
    assert "##" not in diff and "|---|" not in diff and "<p" in diff
    assert "&nbsp;" not in diff  # no blank gaps
    assert "1 passage changed" in page and "changed: 0" not in page
    # The owner's summary is in Korean: marked so, on an English page.
    assert '<span lang="ko">전화번호를 휴대전화로</span>' in page
