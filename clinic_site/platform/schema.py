"""Creating or upgrading the schema when the site starts."""

from __future__ import annotations

import fcntl
from pathlib import Path

import flask_migrate
from flask import Flask

MIGRATIONS = Path(__file__).parents[1] / "migrations"


def upgrade(app: Flask) -> None:
    """Bring the database to the newest migration. Several workers may start at once; a lock file in
    the instance folder lets one migrate while the others wait, then find nothing to do."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    with open(instance / ".schema.lock", "w") as lock, app.app_context():
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            flask_migrate.upgrade(directory=str(MIGRATIONS), revision="heads")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
