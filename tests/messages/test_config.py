"""The provider's settings, from the environment as the contract names them, checked at start:
a provider that cannot work stops the site with the name of what is missing, never a value."""

from __future__ import annotations

import pytest

from clinic_site import create_app
from clinic_site.config import ConfigError
from tests.fixtures.apps import BASE_CONFIG

KEY, SECRET = "NCSENVKEY123", "env-secret-value-456"


def _app(tmp_path, **config):
    return create_app({**BASE_CONFIG, "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
                       "INSTANCE_PATH": str(tmp_path), **config})  # fmt: skip


def test_the_defaults_keep_text_messages_off(tmp_path):
    app = _app(tmp_path)
    assert app.config["CLINIC_SMS_PROVIDER"] == "none"
    assert app.config["SOLAPI_BASE_URL"] == "https://api.solapi.com"


def test_the_environment_sets_the_provider(tmp_path, monkeypatch):
    environment = {
        "CLINIC_SMS_PROVIDER": "solapi", "SOLAPI_API_KEY": KEY, "SOLAPI_API_SECRET": SECRET,
        "SOLAPI_SENDER": "02-1588-1234", "SOLAPI_PFID": "KA01PF1",
        "SOLAPI_BASE_URL": "https://sms.example",
    }  # fmt: skip
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    app = _app(tmp_path)
    assert (app.config["SOLAPI_API_KEY"], app.config["SOLAPI_PFID"]) == (KEY, "KA01PF1")
    assert app.config["SOLAPI_BASE_URL"] == "https://sms.example"


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ({"CLINIC_SMS_PROVIDER": "twilio"}, "CLINIC_SMS_PROVIDER='twilio' is not a provider"),
        (
            {"CLINIC_SMS_PROVIDER": "solapi"},
            "needs SOLAPI_API_KEY, SOLAPI_API_SECRET, SOLAPI_SENDER",
        ),  # fmt: skip
        ({"CLINIC_SMS_PROVIDER": "solapi", "SOLAPI_API_KEY": KEY}, "needs SOLAPI_API_SECRET"),
        (
            {
                "CLINIC_SMS_PROVIDER": "solapi",
                "SOLAPI_API_KEY": KEY,
                "SOLAPI_API_SECRET": SECRET,
                "SOLAPI_SENDER": "clinic",
            },
            "SOLAPI_SENDER must be",
        ),  # fmt: skip
        ({"SOLAPI_BASE_URL": "http://api.solapi.com"}, "SOLAPI_BASE_URL must be an https://"),
        ({"SOLAPI_TEMPLATES": ["TPL"]}, "SOLAPI_TEMPLATES must map"),
        ({"MESSAGES_MAX_ATTEMPTS": 0}, "MESSAGES_MAX_ATTEMPTS must be at least 1"),
    ],
)
def test_a_provider_that_cannot_work_stops_the_start_naming_what_is_wrong(tmp_path, config,
                                                                         says):  # fmt: skip
    with pytest.raises(ConfigError) as refused:
        _app(tmp_path, **config)
    assert says in str(refused.value)
    assert KEY not in str(refused.value) and SECRET not in str(refused.value)


def test_a_local_provider_may_be_plain_http(tmp_path):
    assert _app(tmp_path, SOLAPI_BASE_URL="http://127.0.0.1:8080").config["SOLAPI_BASE_URL"]
