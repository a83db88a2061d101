"""The suite's fixtures live in the plugin modules of tests/fixtures/, loaded here for every test;
tests import the helpers and constants they need from those modules (never from a conftest).

``app`` is always the anonymous-mode app and ``members_app`` always the members-mode app.
"""

from __future__ import annotations

# In dependency order: a module is imported as a plugin (so its asserts are rewritten) before any
# module that imports it.
pytest_plugins = [
    "tests.fixtures.apps",
    "tests.fixtures.members",
    "tests.fixtures.board",
    "tests.fixtures.booking",
    "tests.fixtures.policy",
    "tests.fixtures.consent",
    "tests.fixtures.staff",
    "tests.fixtures.world",
    "tests.fixtures.messages",
]
