from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clinic_site.extensions import db
from clinic_site.policy.models import PolicyVersion


def noon_seoul(day: date) -> datetime:
    """Noon at the clinic (Asia/Seoul is UTC+9) on ``day``, as a UTC instant."""
    return datetime(day.year, day.month, day.day, 3, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clinic_configured(app):
    """The clinic has saved its details, so the first policy version can be announced."""
    from clinic_site.settings.services import update_settings

    with app.test_request_context():
        update_settings(clinic_name="Haneul Clinic", privacy_manager_name="Lee Minji")
        db.session.commit()


@pytest.fixture
def add_version(app):
    """Store a version directly: ``add_version(2, date(..), date(..), body_en="...")``."""

    def add(number, announced, effective, body_en="Text.", body_ko=None, summary="Changes.", **kw):
        with app.app_context():
            version = PolicyVersion(
                number=number,
                body_en=body_en,
                body_ko=body_ko,
                summary=summary,
                announced_on=announced,
                effective_on=effective,
                origin=kw.pop("origin", "import"),
                created_at=datetime(2020, 1, 1, tzinfo=UTC),
                **kw,
            )
            db.session.add(version)
            db.session.commit()

    return add
