from datetime import UTC, datetime, timedelta

from tests.fixtures.board import GOOD, open_post, write
from tests.helpers import english, submit

SECRET_BODY = "Bleeding gums since March"
SECRET_MOBILE = "010-9876-5432"
SECRET_EMAIL = "private-person@example.com"


def _secret_post(make_post) -> int:
    return make_post(
        name="김비밀",
        body=SECRET_BODY,
        mobile=SECRET_MOBILE,
        email=SECRET_EMAIL,
        password="pw-one-1",
    )


def _assert_nothing_private(text: str) -> None:
    for secret in (SECRET_BODY, SECRET_MOBILE, SECRET_EMAIL, "김비밀"):
        assert secret not in text


def test_list_shows_masked_names_and_never_body_or_contact(en_client, make_post):
    _secret_post(make_post)
    make_post(name="John")
    make_post(name="이")
    text = en_client.get("/consultations").get_data(as_text=True)
    _assert_nothing_private(text)
    assert "김**" in text and "J***" in text
    assert "Private inquiry" in text
    assert GOOD["title"] not in text
    assert "Waiting" in text


def test_titles_show_only_when_the_owner_chooses_and_the_author_agrees(app, en_client, make_post):
    """A title reaches the public list only where the clinic shows titles and its author, told
    so on the form, did not keep it out; a title written while titles were hidden stays so."""
    from clinic_site.extensions import db
    from clinic_site.settings.services import update_settings

    make_post(title="Written while hidden")
    form = en_client.get("/consultations/new").get_data(as_text=True)
    assert 'name="title_private"' not in form and "Only you and the clinic see it." in form
    with app.app_context():
        update_settings(show_consultation_titles=True)
        db.session.commit()
    form = en_client.get("/consultations/new").get_data(as_text=True)
    assert 'name="title_private"' in form and "where anyone can read them" in form
    make_post(title="Opening hours question")
    make_post(title="Implant question", title_private=True)
    listing = en_client.get("/consultations").get_data(as_text=True)
    assert "Opening hours question" in listing
    assert "Implant question" not in listing and "Written while hidden" not in listing
    assert listing.count("Private inquiry") == 2


def test_another_visitor_sees_only_the_password_form(en_client, make_post):
    post_id = _secret_post(make_post)
    response = en_client.get(f"/consultations/{post_id}")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    _assert_nothing_private(text)
    assert 'name="password"' in text and f'action="/consultations/{post_id}"' in text


def test_right_password_opens_that_post_only(en_client, make_post):
    first = _secret_post(make_post)
    second = make_post(password="pw-two-2", body="Other body text")
    response = open_post(en_client, second, "pw-two-2")
    assert (
        response.status_code == 303 and response.headers["Location"] == f"/consultations/{second}"
    )
    assert "Other body text" in en_client.get(f"/consultations/{second}").get_data(as_text=True)
    # Holding another post's password opens nothing else.
    _assert_nothing_private(en_client.get(f"/consultations/{first}").get_data(as_text=True))
    refused = open_post(en_client, first, "pw-two-2")
    assert refused.status_code == 422
    _assert_nothing_private(refused.get_data(as_text=True))
    assert "The password is not correct." in refused.get_data(as_text=True)


def test_allowance_ends_after_30_minutes(en_client, make_post, set_now):
    set_now(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    post_id = _secret_post(make_post)
    open_post(en_client, post_id, "pw-one-1")
    set_now(datetime(2026, 3, 2, 1, 29, tzinfo=UTC))
    assert SECRET_BODY in en_client.get(f"/consultations/{post_id}").get_data(as_text=True)
    set_now(datetime(2026, 3, 2, 1, 31, tzinfo=UTC))
    assert SECRET_BODY not in en_client.get(f"/consultations/{post_id}").get_data(as_text=True)


def test_author_reads_own_post_right_after_writing_but_a_new_browser_does_not(app, en_client):
    location = write(en_client).headers["Location"]
    assert GOOD["body"] in en_client.get(location).get_data(as_text=True)
    stranger = english(app.test_client())
    assert GOOD["body"] not in stranger.get(location).get_data(as_text=True)


def test_missing_post_is_404(en_client, make_post):
    assert en_client.get("/consultations/999").status_code == 404
    assert en_client.get("/consultations/999/edit").status_code == 404


def test_wrong_passwords_are_limited_per_post(make_app):
    app = make_app(BOARD_UNLOCK_POST_LIMIT="3 per 15 minutes")
    post_id = _make_in(app)
    # New browsers from one address: clearing cookies does not reset the count.
    for i in range(3):
        assert open_post(english(app.test_client()), post_id, f"guess-{i}").status_code == 422
    blocked = open_post(english(app.test_client()), post_id, "right-password")
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert "You can try again in" in blocked.get_data(as_text=True)
    _assert_nothing_private(blocked.get_data(as_text=True))


def test_a_blocked_author_is_told_to_call_the_clinic(make_app):
    from clinic_site.extensions import db
    from clinic_site.settings.services import update_settings

    app = make_app(BOARD_UNLOCK_POST_LIMIT="1 per 15 minutes")
    with app.app_context():
        update_settings(phone="02-555-0100")
        db.session.commit()
    post_id = _make_in(app)
    open_post(english(app.test_client()), post_id, "guess")
    blocked = open_post(english(app.test_client()), post_id, "right-password")
    text = blocked.get_data(as_text=True)
    assert blocked.status_code == 429
    assert "call the clinic" in text and 'href="tel:025550100"' in text


def test_a_strangers_wrong_passwords_do_not_lock_the_author_out(make_app):
    app = make_app(BOARD_UNLOCK_POST_LIMIT="3 per 15 minutes")
    post_id = _make_in(app)
    attacker = english(app.test_client())
    attacker.environ_base["REMOTE_ADDR"] = "198.51.100.9"
    for i in range(3):
        assert open_post(attacker, post_id, f"guess-{i}").status_code == 422
    assert open_post(attacker, post_id, "guess-3").status_code == 429
    author = english(app.test_client())
    author.environ_base["REMOTE_ADDR"] = "203.0.113.20"
    response = open_post(author, post_id, "right-password")
    assert response.status_code == 303
    assert SECRET_BODY in author.get(f"/consultations/{post_id}").get_data(as_text=True)


def test_guesses_from_many_addresses_never_lock_the_author_out(app, en_client):
    post_id = _make_in(app)
    for n in range(40):
        guesser = english(app.test_client())
        guesser.environ_base["REMOTE_ADDR"] = f"198.51.100.{n}"
        assert open_post(guesser, post_id, f"guess-{n}").status_code == 422
    assert open_post(en_client, post_id, "right-password").status_code == 303


def test_the_shipped_limits_stop_guessing_at_5_per_inquiry_and_20_per_address(app):
    guesser = english(app.test_client())
    first = _make_in(app)
    assert [open_post(guesser, first, "guess").status_code for _ in range(6)] == [422] * 5 + [429]
    others = [_make_in(app) for _ in range(4)]
    statuses = [open_post(guesser, post_id, "guess").status_code for post_id in others
                for _ in range(4)]  # fmt: skip
    # 5 + 15 wrong passwords reach 20 for the address; the 21st waits, on any inquiry.
    assert statuses == [422] * 15 + [429]


def test_wrong_passwords_are_limited_per_ip_across_posts(make_app):
    app = make_app(BOARD_UNLOCK_IP_LIMIT="4 per hour")
    client = english(app.test_client())
    ids = [_make_in(app) for _ in range(3)]
    for attempt in range(4):
        assert open_post(client, ids[attempt % 3], "wrong-pw").status_code == 422
    response = open_post(client, ids[2], "wrong-pw")
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    # Another address is not blocked.
    other = english(app.test_client())
    other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
    assert open_post(other, ids[2], "right-password").status_code == 303


def test_right_passwords_do_not_count_towards_the_limit(make_app):
    app = make_app(BOARD_UNLOCK_POST_LIMIT="2 per 15 minutes")
    post_id = _make_in(app)
    for _ in range(4):
        client = english(app.test_client())
        assert open_post(client, post_id, "right-password").status_code == 303


def _make_in(app) -> int:
    from clinic_site.board import services
    from clinic_site.extensions import db

    with app.app_context():
        post = services.create_post(
            name="김비밀",
            password="right-password",
            mobile=SECRET_MOBILE,
            email=SECRET_EMAIL,
            title="t",
            body=SECRET_BODY,
            agree_privacy=True,
            agree_sensitive=True,
        )
        db.session.commit()
        return post.id


def test_xss_in_every_field_is_escaped_everywhere(app, en_client, staff_factory):
    from tests.helpers import login_staff

    evil = "<script>alert(1)</script>"
    from clinic_site.extensions import db
    from clinic_site.settings.services import update_settings

    with app.app_context():
        update_settings(show_consultation_titles=True)
        db.session.commit()
    response = write(
        en_client, name=evil, title=evil, body=evil, email="x@example.com", mobile="010-1111-2222"
    )
    location = response.headers["Location"]
    pages = [en_client.get(location), en_client.get("/consultations")]
    staff = english(app.test_client())
    login_staff(staff, *staff_factory("staff"))
    post_id = int(location.rsplit("/", 1)[1])
    submit(
        staff,
        f"/admin/consultations/{post_id}",
        {"body": evil},
        action=f"/admin/consultations/{post_id}/reply",
    )
    pages += [
        staff.get("/admin/consultations"),
        staff.get(f"/admin/consultations/{post_id}"),
        en_client.get(location),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "<script>alert" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[-1].get_data(as_text=True)


def test_members_mode_reading(members_app):
    client = english(members_app.test_client())
    location = write(client).headers["Location"]
    assert GOOD["body"] in client.get(location).get_data(as_text=True)
    assert "Private inquiry" in client.get("/consultations").get_data(as_text=True)


def test_allowance_survives_other_posts_and_expired_ones_are_dropped(en_client, make_post, set_now):
    set_now(datetime(2026, 3, 2, 1, 0, tzinfo=UTC))
    first = make_post(password="pw-first")
    open_post(en_client, first, "pw-first")
    set_now(datetime(2026, 3, 2, 1, 0, tzinfo=UTC) + timedelta(minutes=40))
    second = make_post(password="pw-second")
    open_post(en_client, second, "pw-second")
    with en_client.session_transaction() as session:
        assert set(session["allowed_consultation"]) == {str(second)}
