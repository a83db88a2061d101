"""A stranger guessing one member's password from 50 addresses at once, through the clinic's proxy
(X-Forwarded-For believed from loopback), counting in the real Redis: each address is stopped
after 5 wrong passwords, and the rightful member signs in throughout, from home, every time."""

from __future__ import annotations

import uuid

import pytest

from clinic_site.accounts import erasure
from clinic_site.platform import limit_keys as keys
from tests.fixtures.apps import redis_or_skip
from tests.fixtures.members import ADULT, sign_in, sign_out
from tests.helpers import english

ADDRESSES = 50
GUESSES = 6  # per address: one more than the 5 wrong passwords an ID and address may send


def _block() -> str:
    # A block of addresses of this run only, so counters another run left cannot interfere.
    n = uuid.uuid4().int
    return f"10.{n % 250 + 1}.{n // 250 % 250 + 1}"


@pytest.fixture
def proxied(make_app, member):
    """members_app behind one proxy on loopback, counting in the real Redis; a client factory
    for a visitor at an address; and, afterwards, this test's counters deleted."""
    server = redis_or_skip()
    block = _block()
    app = make_app("members", PROXY_COUNT=1, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0")

    def visitor(host: int):
        client = english(app.test_client())
        client.environ_base.update(REMOTE_ADDR="127.0.0.1",
                                   HTTP_X_FORWARDED_FOR=f"{block}.{host}")  # fmt: skip
        return client

    yield app, visitor, server
    tags = []
    for host in range(ADDRESSES + 2):
        with app.test_request_context(environ_base={"REMOTE_ADDR": f"{block}.{host}"}):
            tags.append(keys.address())
    with app.test_request_context():
        tags.append(keys.account_tag(erasure.login_counter_name(ADULT["username"])))
    for tag in tags:
        for key in server.scan_iter(f"*{tag}*"):
            server.delete(key)


def test_the_member_signs_in_while_50_addresses_spray_their_id(proxied):
    app, visitor, server = proxied
    home = ADDRESSES + 1
    answers: dict[int, list[int]] = {}
    signed_in = []
    for host in range(ADDRESSES):
        guesser = visitor(host)
        answers[host] = [
            sign_in(guesser, password=f"spray-{host}-{n}").status_code for n in range(GUESSES)
        ]
        if host % 10 == 9:  # every tenth address, the member signs in from home
            member = visitor(home)
            signed_in.append(sign_in(member).status_code)
            if signed_in[-1] == 303:
                sign_out(member)

    for host, statuses in answers.items():
        assert statuses == [422] * 5 + [429], host
    assert signed_in == [303] * (ADDRESSES // 10)
    with app.test_request_context():
        tag = keys.account_tag(erasure.login_counter_name(ADULT["username"]))
    # Counted in Redis, one counter a minute for each address that guessed.
    assert len(list(server.scan_iter(f"*{tag}*/5/1/minute"))) == ADDRESSES
    # A slip of the member's own finger costs them one of their own five, nothing more.
    member = visitor(home)
    assert sign_in(member, password="not-quite-right").status_code == 422
    assert sign_in(member).status_code == 303
