"""The generated first version promises only what the site does, in both languages."""

from __future__ import annotations

import pytest

from clinic_site.policy.generated import default_text
from clinic_site.settings.queries import get_settings

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic


def _text(app, lang: str, mode: str = "anonymous") -> str:
    with app.test_request_context():
        return default_text(lang, mode, get_settings())


def _section(text: str, number: int) -> str:
    return text.split(f"## {number}. ")[1].split("\n## ")[0]


@pytest.mark.parametrize("setting", ["required", "optional"])
def test_the_second_factor_wording_holds_whatever_the_setting(make_app, setting):
    app = make_app("anonymous", CLINIC_STAFF_2FA=setting)
    en, ko = _text(app, "en"), _text(app, "ko")
    assert "password and, where the clinic requires it, a one-time code" in _section(en, 11)
    assert "병원이 요구하는 경우에는 일회용 코드" in _section(ko, 11)


def test_the_text_is_the_same_whatever_the_second_factor_setting(make_app):
    required = make_app("anonymous", CLINIC_STAFF_2FA="required")
    optional = make_app("anonymous", CLINIC_STAFF_2FA="optional")
    for lang in ("en", "ko"):
        assert _text(required, lang) == _text(optional, lang)


def test_anonymous_reading_mentions_the_visit_record(app):
    en, ko = _text(app, "en"), _text(app, "ko")
    intro_en, intro_ko = en.split("## 1.")[0], ko.split("## 1.")[0]
    assert "without giving any personal information" not in en
    assert "개인정보를 입력하지 않고도" not in ko
    assert "visit record" in intro_en and "IP address" in intro_en and "3 months" in intro_en
    assert "방문 기록" in intro_ko and "IP 주소" in intro_ko and "3개월" in intro_ko


@pytest.mark.parametrize("mode", ["anonymous", "members"])
def test_retention_lists_the_records_the_site_keeps(make_app, mode):
    app = make_app(mode)
    en, ko = _section(_text(app, "en", mode), 3), _section(_text(app, "ko", mode), 3)
    # Complaints and deletion requests live in the destruction log (3 years); the website takes
    # no payments, so it says it keeps no credit records rather than promising a period for them.
    assert "record of complaints and requests to delete" in en
    assert "불만 및 삭제 요청 처리 기록" in ko
    assert "takes no payments and keeps none" in en
    assert "결제를 받지 않으므로 보관하지 않습니다" in ko
    for words in ("Destruction log", "3 years", "Access record", "2 years", "Visit record",
                  "3 months", "6 months", "if never answered"):  # fmt: skip
        assert words in en, words
    for words in ("파기 기록", "3년", "접근 기록", "2년", "방문 기록", "3개월", "6개월",
                  "답변이 없으면 작성 후"):  # fmt: skip
        assert words in ko, words


def test_destruction_is_described_as_the_clinic_s_daily_task(app):
    en, ko = _section(_text(app, "en"), 4), _section(_text(app, "ko"), 4)
    assert "cannot be restored" not in en and "복구할 수 없게" not in ko
    assert "The clinic runs the website's purge task every day" in en
    assert "병원은 매일 웹사이트의 파기 작업을 실행합니다" in ko
    assert "destruction log" in en and "파기 기록" in ko


def test_both_languages_have_the_same_sections(app):
    for mode in ("anonymous", "members"):
        en, ko = _text(app, "en", mode), _text(app, "ko", mode)
        assert en.count("\n## ") == ko.count("\n## ") == 15  # the summary at the top, sections 1-14
        assert en.count("\n- ") == ko.count("\n- ")


def test_the_sign_in_record_names_the_same_laws_in_the_policy_and_the_inventory(make_app):
    """The policy's list of records and the inventory's legal basis (shown on the privacy desk)
    once named different laws for the same record."""
    from flask_babel import force_locale

    from clinic_site.privacy.inventory import ITEMS

    app = make_app("members")
    item = next(i for i in ITEMS if i.key == "automatic.sign_in_record")
    with app.test_request_context(), force_locale("ko"):
        basis = str(item.basis)
    line = next(
        line for line in _text(app, "ko", "members").splitlines() if "로그인)에 관한" in line
    )
    for law in (
        "「정보통신망 이용촉진 및 정보보호 등에 관한 법률」",
        "「개인정보 보호법」",
        "제29조",
    ):
        assert law in line and law in basis, law
