"""Factories for the board's tests: posts written through the site or straight into the database."""

from __future__ import annotations

import pytest

from clinic_site.extensions import db
from tests.helpers import submit

GOOD = {
    "name": "홍길동",
    "password": "secret-123",
    "mobile": "010-1234-5678",
    "email": "hong@example.com",
    "title": "Tooth pain after filling",
    "body": "My lower left molar hurts when I drink something cold.",
    "agree_privacy": "y",
    "agree_sensitive": "y",
}


def english(client):
    """Pages in English, whatever the clinic's default language, so assertions read the English
    text; Korean pages are tested on purpose where it matters."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def client(app):
    return english(app.test_client())


def write(client, **changes):
    """Send the new-inquiry form as a browser would; fields set to None are left out."""
    data = {k: v for k, v in {**GOOD, **changes}.items() if v is not None}
    return submit(client, "/consultations/new", data)


@pytest.fixture
def make_post(app):
    """Store a post directly (no rate limit, no form): returns its id."""
    from clinic_site.board import services

    def make(**changes) -> int:
        values = {**GOOD, **changes}
        with app.app_context():
            post = services.create_post(
                name=values["name"],
                password=values["password"],
                mobile=values["mobile"],
                email=values["email"],
                title=values["title"],
                body=values["body"],
                agree_privacy=True,
                agree_sensitive=True,
            )
            db.session.commit()
            return post.id

    return make


def open_post(client, post_id: int, password: str = GOOD["password"]):
    return submit(client, f"/consultations/{post_id}", {"password": password})
