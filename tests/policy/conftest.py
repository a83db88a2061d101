from __future__ import annotations

import pytest

from clinic_site.extensions import db


@pytest.fixture(autouse=True)
def clinic_configured(app):
    """The clinic has saved its details (a new clinic; nothing is published yet)."""
    from clinic_site.settings.services import update_settings

    with app.test_request_context():
        update_settings(
            clinic_name="Haneul Clinic",
            address="서울특별시 강남구 테헤란로 1",
            phone="02-555-1234",
            privacy_manager_name="Lee Minji",
            privacy_manager_phone="02-555-1235",
            privacy_manager_email="privacy@haneul.example",
        )
        db.session.commit()
