import pytest
import sqlalchemy as sa

from clinic_site.board.models import ConsultationPost
from clinic_site.extensions import db
from tests.fixtures.board import GOOD, write
from tests.helpers import english


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationPost))


def _stored(app) -> ConsultationPost:
    with app.app_context():
        return db.session.scalar(sa.select(ConsultationPost))


def test_new_inquiry_redirects_to_the_post_and_the_author_reads_it(app, en_client):
    response = write(en_client)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/consultations/")
    page = en_client.get(response.headers["Location"])
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert GOOD["body"] in text and GOOD["title"] in text
    post = _stored(app)
    assert post.mobile == "010-1234-5678"
    assert post.password_hash != GOOD["password"] and post.password_hash.startswith("$argon2id$")
    assert post.agree_privacy and post.agree_sensitive


def test_form_shows_what_each_consent_covers(en_client):
    text = en_client.get("/consultations/new").get_data(as_text=True)
    for name in ("name", "password", "mobile", "email", "title", "body"):
        assert f'name="{name}"' in text
    assert 'name="agree_privacy"' in text and 'name="agree_sensitive"' in text
    assert "365 days after the last reply" in text
    assert "You may refuse to agree" in text
    assert "Health information described in the inquiry" in text


def test_form_in_korean(en_client):
    text = en_client.get("/consultations/new", headers={"Accept-Language": "ko"}).get_data(
        as_text=True
    )
    assert '<html lang="ko">' in text


@pytest.mark.parametrize("box", ["agree_privacy", "agree_sensitive"])
def test_each_consent_is_required(app, en_client, box):
    response = write(en_client, **{box: None})
    assert response.status_code == 422
    assert "Please agree, or call the clinic instead." in response.get_data(as_text=True)
    assert _count(app) == 0


@pytest.mark.parametrize(
    ("mobile", "stored"),
    [
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        ("011-123-4567", "011-123-4567"),
        ("016 123 4567", "016-123-4567"),
        ("019-9876-5432", "019-9876-5432"),
    ],
)
def test_mobile_numbers_are_stored_in_one_form(app, en_client, mobile, stored):
    assert write(en_client, mobile=mobile).status_code == 303
    assert _stored(app).mobile == stored


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mobile": "02-123-4567"}, "Enter a Korean mobile number"),
        ({"mobile": "010-12-34"}, "Enter a Korean mobile number"),
        ({"mobile": "012-1234-5678"}, "Enter a Korean mobile number"),
        ({"mobile": "010-1234-56789"}, "Enter a Korean mobile number"),
        ({"mobile": "phone"}, "Enter a Korean mobile number"),
        ({"email": "not-an-email"}, "Enter an email address"),
        ({"email": "a@b"}, "Enter an email address"),
        ({"name": ""}, "Enter your name."),
        ({"name": "   "}, "Enter your name."),
        ({"title": " \t "}, "Enter a title."),
        ({"body": "\n\n  "}, "Write your question."),
        ({"password": ""}, "Choose a password."),
        ({"password": "12345"}, "The password must be 6 to 100 characters."),
        ({"title": "t" * 101}, "The title can be at most 100 characters."),
        ({"body": "x" * 10_001}, "The question can be at most 10000 characters"),
        ({"name": "n" * 51}, "The name can be at most 50 characters."),
    ],
)
def test_odd_input_is_refused_clearly_and_nothing_is_stored(app, en_client, changes, message):
    response = write(en_client, **changes)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert message in text
    assert 'aria-invalid="true"' in text
    assert _count(app) == 0


def test_korean_emoji_and_a_10000_character_body_are_accepted(app, en_client):
    body = ("이가 아파요 😭 " * 2000)[:10_000]
    assert len(body.strip()) == 10_000
    response = write(en_client, name="김😀", title="치통 문의 🦷", body=body, email="")
    assert response.status_code == 303
    post = _stored(app)
    assert (post.name, post.title, post.body, post.email) == ("김😀", "치통 문의 🦷", body, None)
    text = en_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "치통 문의 🦷" in text


def test_without_csrf_token_nothing_is_stored(app, en_client):
    response = en_client.post("/consultations/new", data=GOOD)
    assert response.status_code == 400
    assert _count(app) == 0


def test_new_inquiry_works_in_members_mode(members_app):
    client = english(members_app.test_client())
    assert write(client).status_code == 303
    assert _count(members_app) == 1


def test_posting_is_rate_limited_per_ip(make_app):
    app = make_app(BOARD_POST_LIMIT="2 per 10 minutes")
    client = english(app.test_client())
    assert write(client).status_code == 303
    assert write(client).status_code == 303
    response = write(client)
    assert response.status_code == 429
    assert "try again" in response.get_data(as_text=True)
    assert _count(app) == 2


def test_line_breaks_count_once_towards_the_limit(app, en_client):
    body = "a\r\n" * 5000  # 10,000 characters as the browser shows them
    assert write(en_client, body=body).status_code == 303
    assert _stored(app).body == ("a\n" * 5000).strip()
