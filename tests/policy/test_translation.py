"""A translation cannot go stale unnoticed: a revision that changes the clinic's text but keeps the
old translation is refused until the owner says so, and then the translation's readers are told it
is of the earlier version, with the way to the current text; comparisons are made in a language
where both versions have a current text."""

from __future__ import annotations

from datetime import date

import pytest

from clinic_site.policy import queries, services
from tests.fixtures.policy import noon_seoul
from tests.helpers import submit

pytestmark = pytest.mark.new_clinic

TODAY = date(2026, 5, 1)
EN = {"Accept-Language": "en"}
KO_V1 = "# 개인정보 처리방침\n\n이름과 휴대전화 번호를 받습니다.\n"
EN_V1 = "# Privacy policy\n\nWe collect your name and mobile number.\n"
KO_V2 = KO_V1 + "\n## 영상정보처리기기\n\n대기실에 CCTV를 설치했습니다.\n"


@pytest.fixture
def announced(app, set_now, add_version):
    """Version 1 in both languages, its translation current; today 2026-05-01."""
    add_version(1, date(2026, 1, 1), date(2026, 1, 1), body_ko=KO_V1, body_en=EN_V1,
                translation_of=1)  # fmt: skip
    set_now(noon_seoul(TODAY))
    return app


def _form(**changes) -> dict:
    return {"body": KO_V2, "translation": EN_V1, "summary": "CCTV 추가",
            "effective_on": "2026-05-08", **changes}  # fmt: skip


def test_a_changed_text_with_its_old_translation_is_refused_until_the_owner_says_so(
    announced, owner_client
):
    refused = submit(owner_client, "/admin/policy/new", _form(), headers=EN)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "keep it as the translation of version 1" in page
    assert 'name="keep_old_translation"' in page
    with announced.app_context():
        assert [v.number for v in queries.versions()] == [1]
    kept = submit(owner_client, "/admin/policy/new", _form(keep_old_translation="y"))
    assert kept.status_code == 303
    with announced.app_context():
        assert queries.get_version(2).translation_of == 1


def test_a_translation_brought_up_to_date_is_its_own(announced):
    with announced.app_context():
        version = services.announce(KO_V2, EN_V1 + "\nCCTV in the waiting room.\n", "CCTV",
                                    date(2026, 5, 8), None)  # fmt: skip
        assert version.translation_of == version.number == 2


def test_readers_of_a_stale_translation_are_told_and_pointed_to_the_current_text(
    announced, owner_client, client, set_now
):
    submit(owner_client, "/admin/policy/new", _form(keep_old_translation="y"))
    set_now(noon_seoul(date(2026, 5, 9)))  # version 2 is in effect
    page = client.get("/policy/2", headers=EN).get_data(as_text=True)
    assert "This translation is of version 1" in page
    assert 'href="/policy/2?text=ko"' in page
    korean = client.get("/policy/2?text=ko", headers=EN).get_data(as_text=True)
    assert "CCTV를 설치했습니다" in korean and '<html lang="en">' in korean
    # Korean readers read the current text with no such note.
    ko = client.get("/policy/2", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "CCTV를 설치했습니다" in ko and "policy.version" not in ko
    # The comparison is made where both texts are current: in Korean, and the page says so.
    changes = client.get("/policy/2/changes", headers=EN).get_data(as_text=True)
    assert "comparison below is of the Korean texts" in changes
    assert "CCTV를 설치했습니다" in changes
