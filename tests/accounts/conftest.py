"""Factories for the members' tests: an app in members mode, joining through the site, members
stored directly, signing in."""

from __future__ import annotations

import pytest

from clinic_site.extensions import db
from tests.helpers import submit

ADULT = {
    "name": "김하늘",
    "username": "Haneul_Kim",
    "password": "blue-sky-over-seoul",
    "password_confirm": "blue-sky-over-seoul",
    "phone": "02 123 4567",
    "mobile": "010 2345 6789",
    "email": "haneul@example.com",
    "email_opt_in": "y",
    "age_confirm": "y",
    "agree_privacy": "y",
}
CHILD = {
    "name": "이도윤",
    "username": "doyun_kid",
    "password": "green-frog-jumps",
    "password_confirm": "green-frog-jumps",
    "guardian_name": "이수진",
    "guardian_mobile": "010-9876-5432",
    "guardian_consent": "y",
    "agree_privacy": "y",
}


def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def app(make_app):
    """Members mode is what these tests are about."""
    return make_app("members")


@pytest.fixture
def client(app):
    return english(app.test_client())


def join(client, **changes):
    data = {k: v for k, v in {**ADULT, **changes}.items() if v is not None}
    return submit(client, "/account/register", data)


def join_child(client, **changes):
    data = {k: v for k, v in {**CHILD, **changes}.items() if v is not None}
    return submit(client, "/account/register/child", data)


def sign_in(client, username=ADULT["username"], password=ADULT["password"], **extra):
    return submit(client, "/account/login", {"username": username, "password": password, **extra})


def sign_out(client):
    return submit(client, "/account", {}, action="/account/logout")


@pytest.fixture
def member(app):
    """An adult member stored directly: returns its id."""
    from clinic_site.accounts import services

    with app.app_context():
        made = services.register_adult(
            name=ADULT["name"],
            username=ADULT["username"],
            password=ADULT["password"],
            phone="02-123-4567",
            mobile="010-2345-6789",
            email=ADULT["email"],
            email_opt_in=True,
        )
        db.session.commit()
        return made.id


@pytest.fixture
def member_client(app, member):
    """A client signed in as the adult member."""
    client = english(app.test_client())
    assert sign_in(client).status_code == 303
    return client
