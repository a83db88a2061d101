from __future__ import annotations

import pytest

from clinic_site.extensions import db


@pytest.fixture(autouse=True)
def clinic_configured(app):
    """The clinic has saved its details, so the first policy version can be announced."""
    from clinic_site.settings.services import update_settings

    with app.test_request_context():
        update_settings(clinic_name="Haneul Clinic", privacy_manager_name="Lee Minji")
        db.session.commit()
