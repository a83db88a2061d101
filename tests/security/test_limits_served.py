"""Limits as a deployment meets them: gunicorn with two workers, counting in a real Redis; a
warning at start when workers would count alone; and when Redis is away, the site keeps serving,
counts in each worker's memory, logs it and says so at /healthz."""

from __future__ import annotations

import json
import socket
import uuid

from tests.fixtures.apps import redis_or_skip
from tests.served import Browser, served

WRONG = {"username": "nobody", "password": "wrong-password"}


def _health(base: str) -> dict:
    return json.loads(Browser(base).request("/healthz")[1])


def _guesses(base: str, count: int) -> list[int]:
    # A new browser, and so a new connection, for each attempt: the two workers share the work.
    return [Browser(base).submit("/admin/login", WRONG) for _ in range(count)]


def test_two_workers_share_the_limits_through_redis(make_app, tmp_path):
    redis = redis_or_skip()
    prefix = f"clinic-test-{uuid.uuid4().hex[:12]}"
    try:
        with served(make_app(), tmp_path, 2, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0",
                    RATELIMIT_KEY_PREFIX=prefix) as server:  # fmt: skip
            assert _health(server.base)["rate_limits"] == "shared"
            assert _guesses(server.base, 8) == [422] * 5 + [429] * 3
        assert "counted per worker" not in server.log.read_text()
    finally:
        for key in redis.scan_iter(f"*/{prefix}/*"):
            redis.delete(key)


def test_several_workers_on_memory_are_warned_about_at_start(make_app, tmp_path):
    with served(make_app(), tmp_path, 2) as server:  # memory://, as shipped
        assert _health(server.base)["rate_limits"] == "this worker only"
    assert "rate limits are then counted per worker" in server.log.read_text()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def test_with_redis_away_the_site_serves_limits_and_says_so(make_app, tmp_path):
    unreachable = f"redis://127.0.0.1:{_closed_port()}/0"
    with served(make_app(), tmp_path, 1, RATELIMIT_STORAGE_URI=unreachable) as server:
        assert _guesses(server.base, 6) == [422] * 5 + [429]  # counted in memory meanwhile
        health = _health(server.base)
        assert (health["status"], health["rate_limits"]) == ("ok", "fallback")
    assert "Rate limit storage unreachable" in server.log.read_text()
