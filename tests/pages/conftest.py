from __future__ import annotations

import pytest

from tests.helpers import login_staff


@pytest.fixture
def owner(app, staff_factory):
    """A client signed in as the owner, reading English pages."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    login_staff(client, *staff_factory("owner"))
    return client
