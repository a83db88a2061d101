"""The generated privacy policy names the text-message provider as a processor (위탁) while one is
configured, and only then, in both languages; and it states how long the message log is kept."""

from __future__ import annotations

import pytest

from clinic_site.policy.coverage import missing_items
from clinic_site.policy.generated import default_text
from clinic_site.settings.queries import get_settings

pytestmark = pytest.mark.new_clinic


def _section(app, lang: str, number: int, mode: str = "anonymous") -> str:
    with app.test_request_context():
        text = default_text(lang, mode, get_settings())
    return text.split(f"## {number}. ")[1].split("\n## ")[0]


def test_no_provider_no_processor(make_app):
    app = make_app("anonymous")
    en, ko = _section(app, "en", 6), _section(app, "ko", 6)
    assert "SOLAPI" not in en and "솔라피" not in ko and "|" not in en + ko
    assert "does not entrust the processing" in en and "맡기지 않습니다" in ko


def test_the_console_sends_nothing_anywhere_and_names_no_one(make_app):
    app = make_app("anonymous", CLINIC_SMS_PROVIDER="console")
    assert "SOLAPI" not in _section(app, "en", 6)


def test_solapi_is_named_with_its_work_and_what_it_receives(make_app, solapi):
    app = make_app("members", **solapi.config(SOLAPI_PFID=None))
    en, ko = _section(app, "en", 6, "members"), _section(app, "ko", 6, "members")
    assert "| SOLAPI | Sending text messages" in en and "Mobile phone number" in en
    assert "| 솔라피(SOLAPI) |" in ko and "휴대전화 번호" in ko
    assert "Kakao Corp" not in en and "㈜카카오" not in ko


def test_kakao_is_named_when_the_clinic_sends_kakaotalk(make_app, solapi):
    app = make_app("anonymous", **solapi.config())
    en, ko = _section(app, "en", 6), _section(app, "ko", 6)
    assert "| Kakao Corp., through SOLAPI |" in en
    assert "| ㈜카카오(솔라피를 통해) |" in ko


@pytest.mark.parametrize("mode", ["anonymous", "members"])
def test_the_message_log_and_its_periods_are_stated(make_app, mode):
    app = make_app(mode)
    en, ko = _section(app, "en", 3, mode), _section(app, "ko", 3, mode)
    assert "Message log" in en and "6 months after sending" in en and "7 days" in en
    assert "메시지 발송 기록" in ko and "보낸 뒤 6개월" in ko and "7일" in ko
    with app.test_request_context():
        for lang in ("en", "ko"):
            missing = missing_items(default_text(lang, mode, get_settings()), mode)
            assert "automatic.message_log" not in {item.key for item in missing}
