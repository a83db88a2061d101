import email
import email.policy
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site.board.models import ConsultationPost, ConsultationReply
from clinic_site.extensions import db
from clinic_site.settings.services import update_settings
from tests.fixtures.apps import free_port
from tests.fixtures.board import GOOD, write
from tests.helpers import english, login_staff, submit

T0 = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)


def _set_email(app, address="desk@clinic.example"):
    with app.app_context():
        update_settings(email=address)
        db.session.commit()


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationPost))


def test_new_inquiry_mails_the_clinic_without_personal_data(make_app, smtp):
    controller, inbox = smtp
    app = make_app(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_SENDER="site@clinic.example"
    )
    _set_email(app)
    client = english(app.test_client())
    response = write(client)
    assert response.status_code == 303
    for _ in range(50):
        if inbox.messages:
            break
        time.sleep(0.05)
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["desk@clinic.example"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    text = message["Subject"] + "\n" + message.get_content()
    raw = envelope.content.decode("utf-8", "replace")
    post_id = response.headers["Location"].rsplit("/", 1)[1]
    assert f"/admin/consultations/{post_id}" in text
    for secret in (
        "홍길동",
        "Hong",
        "010-1234-5678",
        "01012345678",
        "hong@example.com",
        GOOD["title"],
        GOOD["body"],
        "molar",
    ):
        assert secret not in text and secret not in raw


def test_without_smtp_configuration_nothing_breaks(app, en_client):
    _set_email(app)
    assert write(en_client).status_code == 303
    assert _count(app) == 1


def test_smtp_down_still_saves_and_shows_success(make_app):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_SENDER="s@clinic.example")
    _set_email(app)
    client = english(app.test_client())
    response = write(client)
    assert response.status_code == 303
    assert "Your inquiry has been sent" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert _count(app) == 1


def _post_at(app, when, client):
    app.config["CLOCK_FROZEN_AT"] = when
    response = write(client)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_purge_destroys_posts_after_the_retention_period(
    app, en_client, runner, staff_factory, set_now
):
    never_answered = _post_at(app, T0, en_client)
    answered = _post_at(app, T0, en_client)
    set_now(T0 + timedelta(days=200))
    staff = english(app.test_client())
    login_staff(staff, *staff_factory("staff"))
    url = f"/admin/consultations/{answered}"
    submit(staff, url, {"body": "answer"}, action=f"{url}/reply")

    set_now(T0 + timedelta(days=364))
    assert "consultation: 0" in runner.invoke(args=["purge"]).output
    set_now(T0 + timedelta(days=366))
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "consultation: 1" in result.output
    with app.app_context():
        assert db.session.get(ConsultationPost, never_answered) is None
        assert db.session.get(ConsultationPost, answered) is not None
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ConsultationReply.id))) == 1
    set_now(T0 + timedelta(days=200 + 366))
    assert "consultation: 1" in runner.invoke(args=["purge"]).output
    assert _count(app) == 0
    with app.app_context():
        # The reply went with its inquiry.
        assert db.session.scalar(sa.select(sa.func.count(ConsultationReply.id))) == 0


def test_purge_follows_the_retention_setting(app, en_client, runner, set_now):
    _post_at(app, T0, en_client)
    with app.app_context():
        update_settings(consultation_retention_days=30)
        db.session.commit()
    set_now(T0 + timedelta(days=29))
    assert "consultation: 0" in runner.invoke(args=["purge"]).output
    set_now(T0 + timedelta(days=31))
    assert "consultation: 1" in runner.invoke(args=["purge"]).output


def test_honeypot_filled_is_refused_quietly(app, en_client):
    response = write(en_client, website="http://spam.example")
    assert response.status_code == 400
    assert _count(app) == 0


def _form_shown(text: str) -> str:
    import re

    return re.search(r'name="form_shown"[^>]*value="([^"]+)"', text).group(1)


def test_form_sent_too_fast_is_refused_and_can_be_sent_after_waiting(make_app):
    from tests.helpers import CSRF

    app = make_app(CLINIC_FORM_MIN_SECONDS=2)
    app.config["CLOCK_FROZEN_AT"] = T0
    client = english(app.test_client())
    page = client.get("/consultations/new").get_data(as_text=True)
    data = {**GOOD, "csrf_token": CSRF.search(page).group(1), "form_shown": _form_shown(page)}
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(seconds=1)
    response = client.post("/consultations/new", data=data)
    assert response.status_code == 422
    assert "sent very quickly" in response.get_data(as_text=True)
    assert _count(app) == 0
    # The re-shown form keeps the time it was first shown: a person who waited need not wait again.
    assert _form_shown(response.get_data(as_text=True)) == data["form_shown"]
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(seconds=2, milliseconds=100)
    assert client.post("/consultations/new", data=data).status_code == 303
    assert _count(app) == 1


def test_a_form_kept_open_too_long_must_be_sent_again(make_app):
    from tests.helpers import CSRF

    app = make_app(CLINIC_FORM_MIN_SECONDS=2, CLINIC_FORM_MAX_SECONDS=3600)
    app.config["CLOCK_FROZEN_AT"] = T0
    client = english(app.test_client())
    page = client.get("/consultations/new").get_data(as_text=True)
    data = {**GOOD, "csrf_token": CSRF.search(page).group(1), "form_shown": _form_shown(page)}
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(hours=1, seconds=1)
    response = client.post("/consultations/new", data=data)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "This form was open for too long" in text and "send the form again" in text
    assert GOOD["body"] in text  # what the person wrote is kept
    assert _count(app) == 0
    # The re-shown form carries a fresh stamp: sending it again after a short wait works.
    fresh = _form_shown(text)
    assert fresh != data["form_shown"]
    assert client.post("/consultations/new", data=data).status_code == 422  # the old one stays bad
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(hours=1, seconds=4)
    assert client.post("/consultations/new", data={**data, "form_shown": fresh}).status_code == 303
    assert _count(app) == 1


def test_a_form_time_stamp_is_good_for_a_day_by_default(make_app):
    from tests.helpers import CSRF

    app = make_app(CLINIC_FORM_MIN_SECONDS=2)
    app.config["CLOCK_FROZEN_AT"] = T0
    client = english(app.test_client())
    page = client.get("/consultations/new").get_data(as_text=True)
    data = {**GOOD, "csrf_token": CSRF.search(page).group(1), "form_shown": _form_shown(page)}
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(days=1, seconds=1)
    assert client.post("/consultations/new", data=data).status_code == 422
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(hours=23)
    assert client.post("/consultations/new", data=data).status_code == 303


def test_forged_or_missing_form_time_counts_as_too_fast(make_app):
    from tests.helpers import csrf_token

    app = make_app(CLINIC_FORM_MIN_SECONDS=2)
    client = english(app.test_client())
    token = csrf_token(client, "/consultations/new")
    for stamp in ("", "1700000000", "MTcwMDAwMDAwMA.forged"):
        data = {**GOOD, "csrf_token": token, "form_shown": stamp}
        assert client.post("/consultations/new", data=data).status_code == 422
    assert _count(app) == 0


def test_consent_names_the_policy_version_in_effect(app, en_client):
    from datetime import timedelta

    from clinic_site.policy.models import PolicyVersion
    from clinic_site.settings.services import update_settings

    app.config["CLOCK_FROZEN_AT"] = T0
    with app.test_request_context():
        update_settings(privacy_manager_name="Lee Minji")
        db.session.commit()
    assert write(en_client).status_code == 303  # version 1 is announced for this consent
    with app.app_context():
        db.session.add(PolicyVersion(
            number=2, body_en="Revised.", summary="Revised.", origin="import",
            announced_on=T0.date(), effective_on=T0.date() + timedelta(days=8),
            created_at=T0,
        ))  # fmt: skip
        db.session.commit()
    app.config["CLOCK_FROZEN_AT"] = T0 + timedelta(days=8)  # 12:00 in Seoul, its effective day
    assert write(app.test_client()).status_code == 303
    with app.app_context():
        versions = db.session.scalars(
            sa.select(ConsultationPost.consent_policy_version).order_by(ConsultationPost.id)
        ).all()
    assert versions == [1, 2]
