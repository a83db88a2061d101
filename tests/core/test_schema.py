"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from clinic_site.extensions import db


def test_migrations_match_the_models(app):
    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_the_suite_runs_on_the_database_it_was_asked_for(app):
    # CI asks for PostgreSQL by CLINIC_TEST_POSTGRES; a run that fell back to SQLite fails here.
    with app.app_context():
        dialect = db.engine.dialect.name
    assert dialect == ("postgresql" if os.environ.get("CLINIC_TEST_POSTGRES") else "sqlite")
