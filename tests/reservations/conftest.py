"""Every reservations test happens on Monday 9 March 2026 at 09:00 in Seoul (MONDAY_9AM)."""

from __future__ import annotations

import pytest

from tests.fixtures.booking import MONDAY_9AM


@pytest.fixture(autouse=True)
def monday_9am(request):
    """members_app's clock frozen at MONDAY_9AM before anything else happens in it, in every test
    that uses members_app (an app a test makes itself with make_app keeps the real clock)."""
    if "members_app" in request.fixturenames:
        request.getfixturevalue("members_app").config["CLOCK_FROZEN_AT"] = MONDAY_9AM
