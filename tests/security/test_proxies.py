"""X-Forwarded-For is believed only from the proxy: a request that reaches the app directly
cannot pick its own address to slip past the per-address limits."""

from __future__ import annotations

import pytest

from tests.helpers import login_staff


def _attempts(app, peer: str, forged: bool) -> list[int]:
    statuses = []
    for n in range(11):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = peer
        if forged:
            client.environ_base["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{n}"
        statuses.append(login_staff(client, f"nobody{n}", "wrong-password").status_code)
    return statuses


@pytest.fixture
def behind_proxy(make_app):
    return make_app(PROXY_COUNT=1)


def test_a_direct_request_cannot_choose_its_address(behind_proxy):
    # The 11th attempt from one address is refused, whatever X-Forwarded-For claims.
    assert _attempts(behind_proxy, "203.0.113.9", forged=True) == [422] * 10 + [429]


def test_the_proxy_is_believed_about_its_clients(behind_proxy):
    # Eleven visitors behind the proxy: each is counted on their own.
    assert _attempts(behind_proxy, "127.0.0.1", forged=True) == [422] * 11


def test_https_is_believed_only_from_the_proxy(behind_proxy):
    direct = behind_proxy.test_client()
    direct.environ_base.update(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" not in direct.get("/").headers
    proxied = behind_proxy.test_client()
    proxied.environ_base.update(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" in proxied.get("/").headers
