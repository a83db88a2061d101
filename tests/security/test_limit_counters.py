"""The limits' counters name no one: in Redis a counter's key holds a keyed hash of the ID and the
address, never either in clear, and a member's counters go with them on withdrawal, so whoever
takes the ID next starts afresh."""

from __future__ import annotations

import socket
import uuid

import pytest

from clinic_site.accounts import erasure
from clinic_site.platform import limit_keys as keys
from tests.fixtures.apps import redis_or_skip
from tests.fixtures.members import ADULT, join, sign_in, sign_out
from tests.helpers import english, submit
from tests.served import Browser, served


def _address() -> str:
    # Addresses of this run only, so counters another run left in Redis cannot interfere.
    n = uuid.uuid4().int
    return f"10.{n % 250 + 1}.{n // 250 % 250 + 1}.{n // 62500 % 250 + 1}"


GUESSER, HOME = _address(), _address()


def _client(app, address: str):
    client = english(app.test_client())
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _withdraw(client, password=ADULT["password"]):
    return submit(client, "/account/withdraw", {"password": password, "confirm": "y"})


def _guess_until_refused(app) -> list[int]:
    guesser = _client(app, GUESSER)
    return [sign_in(guesser, password=f"wrong-guess-{n}").status_code for n in range(6)]


def _withdraw_and_join_again(app) -> int:
    """The member withdraws (after one wrong password there too); then the guesser's address
    registers the same ID and signs in with it. Returns that sign-in's status."""
    home = _client(app, HOME)
    assert sign_in(home).status_code == 303
    assert _withdraw(home, password="not-my-password").status_code == 422
    assert _withdraw(home).status_code == 303
    newcomer = _client(app, GUESSER)
    assert join(newcomer).status_code == 303
    sign_out(newcomer)
    return sign_in(newcomer).status_code


def _hashes(app) -> list[str]:
    """What this test's counters hold in their keys: the hashed addresses and the hashed ID."""
    found = []
    for address in (GUESSER, HOME):
        with app.test_request_context(environ_base={"REMOTE_ADDR": address}):
            found.append(keys.address())
    with app.test_request_context():
        found.append(keys.account_tag(erasure.login_counter_name(ADULT["username"])))
    return found


@pytest.fixture
def redis_limits(make_app):
    """members_app counting in the real Redis; every key there, as text."""
    server = redis_or_skip()
    app = make_app("members", RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0")

    def stored() -> list[str]:
        return [key.decode() for key in server.scan_iter("*")]

    yield app, stored
    for tag in _hashes(app):
        for key in server.scan_iter(f"*{tag}*"):
            server.delete(key)


def test_redis_holds_no_id_or_address_and_withdrawal_clears_the_member_s_counters(redis_limits):
    app, stored = redis_limits
    assert join(_client(app, HOME)).status_code == 303
    assert _guess_until_refused(app) == [422] * 5 + [429]

    counted = stored()
    guesser, _, tag = _hashes(app)
    assert [key for key in counted if tag in key and guesser in key], "the guesses are counted"
    for key in counted:
        for clear in (ADULT["username"].lower(), ADULT["username"], GUESSER, HOME):
            assert clear not in key, key

    assert _withdraw_and_join_again(app) == 303  # not 429: the guesses went with the member
    left = stored()
    assert not [key for key in left if tag in key]
    for key in left:
        for clear in (ADULT["username"].lower(), GUESSER, HOME):
            assert clear not in key, key


def test_withdrawal_clears_the_counters_in_memory_too(members_app):
    # Without Redis (memory://, as one worker runs) the same promise holds.
    assert join(_client(members_app, HOME)).status_code == 303
    assert _guess_until_refused(members_app) == [422] * 5 + [429]
    assert _withdraw_and_join_again(members_app) == 303


def test_with_redis_away_withdrawal_still_works_and_clears_the_fallback(make_app, tmp_path):
    # Served in a process of its own: a limiter that fell back to memory stays so for a while.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]  # nothing listens there once the block ends
    app = make_app("members")
    with served(app, tmp_path, 1, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{closed}/0",
                PROXY_COUNT=1) as server:  # fmt: skip
        assert Browser(server.base, HOME).submit("/account/register", ADULT) == 303
        member = Browser(server.base, HOME)
        login = {"username": ADULT["username"], "password": ADULT["password"]}
        stranger = Browser(server.base, GUESSER)
        guesses = [stranger.submit("/account/login", {**login, "password": f"wrong-{n}"})
                   for n in range(6)]  # fmt: skip
        assert guesses == [422] * 5 + [429]  # counted in memory meanwhile
        assert member.submit("/account/login", login) == 303
        assert member.submit("/account/withdraw", {"password": ADULT["password"],
                                                   "confirm": "y"}) == 303  # fmt: skip
        newcomer = Browser(server.base, GUESSER)
        assert newcomer.submit("/account/register", ADULT) == 303
        again = Browser(server.base, GUESSER)
        assert again.submit("/account/login", login) == 303
    assert "Traceback" not in server.log.read_text()
