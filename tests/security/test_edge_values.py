"""Every page of the URL map, as each kind of person, with edge values in every query parameter
the site reads and in every path converter: the first and last days a calendar knows, a day that
does not exist, numbers past any integer, NUL and quote characters. Whatever comes in, no answer is
a 5xx; date arithmetic never overflows."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from tests.fixtures.world import ROLES
from tests.security.routes import url_of

# Every query parameter a page of the site reads (request.args), whatever the page.
PARAMETERS = ("date", "service", "doctor", "q", "page", "status", "print", "text", "next",
              "number", "id", "older_than", "newer_than", "staff", "from", "to", "format",
              "kind", "month")  # fmt: skip
EDGES = ("9999-12-31", "0001-01-01", "2026-02-30", "99999999999999999999", "-1", "1e309",
         "", "'", "%00", "２０２６-０３-１０", "2026-03-10T25:61", "any")  # fmt: skip
# Path values for integer converters, past the largest row and past a 64-bit integer.
BIG_IDS = ("2147483648", "99999999999999999999999")


@pytest.mark.parametrize("role", ROLES)
def test_no_query_value_gets_a_server_error(world, role):
    client = world.client(role)
    wrong = []
    for rule in world.app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        base = url_of(rule, world.ids)
        for edge in EDGES:
            query = urlencode(dict.fromkeys(PARAMETERS, edge))
            with client.get(f"{base}?{query}") as response:
                if response.status_code >= 500:
                    wrong.append(f"{base}?…={edge!r}: {response.status_code}")
    assert wrong == []


def test_no_path_value_gets_a_server_error(world):
    client = world.client("owner")
    wrong = []
    for rule in world.app.url_map.iter_rules():
        if "id" not in rule.arguments:
            continue
        base = url_of(rule, world.ids)
        for big in BIG_IDS:
            path = re.sub(r"/\d+(?=/|$)", f"/{big}", base, count=1)
            method = "GET" if "GET" in rule.methods else "POST"
            with client.open(path, method=method) as response:
                if response.status_code >= 500:
                    wrong.append(f"{method} {path}: {response.status_code}")
    assert wrong == []
