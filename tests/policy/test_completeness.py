"""The generated policy states what the current policy-writing guideline asks for, in Korean and
English: a summary at the top; items processed without consent apart, each with its legal basis;
the processors (위탁) the configuration engages, named while engaged and gone when not; transfer
abroad; automated decisions; how long backups are kept. The editor warns when a revision drops one
of these statements."""

from __future__ import annotations

import pytest

from clinic_site.policy.coverage import missing_statements
from clinic_site.policy.generated import default_text
from clinic_site.settings.queries import get_settings
from clinic_site.settings.services import update_settings
from tests.helpers import submit

pytestmark = pytest.mark.new_clinic


def _text(app, lang: str, mode: str = "anonymous") -> str:
    with app.test_request_context():
        return default_text(lang, mode, get_settings())


def _section(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("\n## ")[0]


@pytest.mark.parametrize("mode", ["anonymous", "members"])
def test_every_statement_is_there_in_both_languages(make_app, mode):
    app = make_app(mode)
    en, ko = _text(app, "en", mode), _text(app, "ko", mode)
    assert missing_statements(en) == [] and missing_statements(ko) == []
    assert en.index("## At a glance") < en.index("## 1. ")
    assert ko.index("## 한눈에 보기") < ko.index("## 1. ")
    assert "| Transfer abroad | None (section 13) |" in en and "| 국외 이전 | 없음(13항) |" in ko
    assert "| Automated decisions | None (section 14) |" in en
    assert "does not transfer personal information abroad" in _section(en, "## 13. ")
    assert "국외로 이전하지 않습니다" in _section(ko, "## 13. ")
    assert "makes no decision" in _section(en, "## 14. ")
    # Backups: the clinic's period, stated.
    assert "Backups of the website's database: 30 days" in en
    assert "웹사이트 데이터베이스의 백업: 만든 날부터 30일" in ko


def test_records_kept_without_consent_stand_apart_with_their_legal_basis(make_app):
    app = make_app("anonymous")
    en, ko = _text(app, "en"), _text(app, "ko")
    apart = _section(en, "### Processed without consent")
    assert "| Legal basis |" in apart
    assert "Visit record" in apart and "Protection of Communications Secrets Act" in apart
    assert "Access-rights record" in apart and "article 5" in apart
    # The consented items are not in that table.
    assert "Health information described in the inquiry" not in apart
    assert "| 법적 근거 |" in _section(ko, "### 동의 없이 처리하는 항목")


def test_a_configured_mail_relay_is_named_and_gone_when_unconfigured(make_app):
    app = make_app("anonymous")
    assert "mail relay" not in _text(app, "en") and "smtp.haneul.example" not in _text(app, "ko")
    app.config["MAIL_SERVER"] = "smtp.haneul.example"
    en, ko = _text(app, "en"), _text(app, "ko")
    assert "| The clinic's e-mail relay (smtp.haneul.example) |" in _section(en, "## 6. ")
    assert (
        "smtp.haneul.example" in _section(ko, "## 6. ")
        and "smtp.haneul.example" in ko.split("## 1.")[0]
    )
    app.config["MAIL_SERVER"] = None
    assert "smtp.haneul.example" not in _text(app, "en") + _text(app, "ko")
    assert "does not entrust the processing" in _section(_text(app, "en"), "## 6. ")


def test_hosting_and_analytics_are_named_when_configured(make_app):
    app = make_app("anonymous", HOSTING_PROVIDER="Cafe24")
    with app.app_context():
        update_settings(analytics_snippet="https://stats.example.net/script.js")
        from clinic_site.extensions import db

        db.session.commit()
    en = _text(app, "en")
    assert "| The website's hosting provider (Cafe24) |" in _section(en, "## 6. ")
    assert "web analytics service (https://stats.example.net)" in _section(en, "## 6. ")
    assert "may be processed abroad" in _section(en, "## 13. ")


def test_the_editor_warns_when_a_revision_drops_a_statement(app, en_owner_client):
    text = _text(app, "ko")
    dropped = text.replace("## 13. 개인정보의 국외 이전", "## 13. 기타").replace("국외", "해외")
    form = {"body": dropped, "summary": "x", "effective_on": "2000-01-01", "preview": "1"}
    answer = submit(en_owner_client, "/admin/policy/new", form)
    page = answer.get_data(as_text=True)
    warned = page.split('class="policy-missing-statements"')[1].split("</ul>")[0]
    assert "Transfer abroad" in warned and "Automated decisions" not in warned
