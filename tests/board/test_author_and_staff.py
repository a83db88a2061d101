import re

import sqlalchemy as sa

from clinic_site.board.models import ConsultationPost, ConsultationReply
from clinic_site.extensions import db
from clinic_site.records.models import AccessRecord, DestructionLog
from tests.fixtures.board import GOOD, open_post, write
from tests.helpers import CSRF, csrf_token, english, login_staff, submit

EDIT = {k: v for k, v in GOOD.items() if k != "password"}


def _post(app, post_id):
    with app.app_context():
        return db.session.get(ConsultationPost, post_id)


def _reply(app, staff_factory, post_id, body="Please come in on Monday."):
    staff = english(app.test_client())
    login_staff(staff, *staff_factory("staff"))
    url = f"/admin/consultations/{post_id}"
    return staff, submit(staff, url, {"body": body}, action=f"{url}/reply")


def test_author_edits_before_a_reply(app, en_client, make_post):
    post_id = make_post()
    open_post(en_client, post_id)
    url = f"/consultations/{post_id}/edit"
    form = en_client.get(url).get_data(as_text=True)
    assert 'name="password"' not in form and GOOD["mobile"] in form
    response = submit(en_client, url, {**EDIT, "title": "New title", "mobile": "01099998888"})
    assert response.status_code == 303
    post = _post(app, post_id)
    assert (post.title, post.mobile) == ("New title", "010-9999-8888")
    assert post.updated_at is not None


def test_edit_still_needs_both_consents(app, en_client, make_post):
    post_id = make_post()
    open_post(en_client, post_id)
    url = f"/consultations/{post_id}/edit"
    data = {k: v for k, v in EDIT.items() if k != "agree_sensitive"}
    response = submit(en_client, url, {**data, "title": "Changed"})
    assert response.status_code == 422
    assert _post(app, post_id).title == GOOD["title"]


def test_edit_refused_once_answered(app, en_client, make_post, staff_factory):
    post_id = make_post()
    _reply(app, staff_factory, post_id)
    open_post(en_client, post_id)
    url = f"/consultations/{post_id}/edit"
    assert en_client.get(url).status_code == 409
    token_page = en_client.get(f"/consultations/{post_id}").get_data(as_text=True)
    assert "Change</a>" not in token_page
    token = CSRF.search(token_page).group(1)
    response = en_client.post(url, data={**EDIT, "title": "Sneaky", "csrf_token": token})
    assert response.status_code == 409
    assert "can no longer be changed" in response.get_data(as_text=True)
    assert _post(app, post_id).title == GOOD["title"]


def test_edit_and_delete_need_the_allowance(app, en_client, make_post):
    post_id = make_post()
    response = en_client.get(f"/consultations/{post_id}/edit")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/consultations/{post_id}"
    token = csrf_token(en_client, "/consultations/new")
    assert (
        en_client.post(f"/consultations/{post_id}/delete", data={"csrf_token": token}).status_code
        == 403
    )
    assert _post(app, post_id) is not None


def test_author_deletes_at_any_time_and_the_row_is_gone(app, en_client, make_post, staff_factory):
    post_id = make_post()
    _reply(app, staff_factory, post_id)
    open_post(en_client, post_id)
    response = submit(
        en_client, f"/consultations/{post_id}", {}, action=f"/consultations/{post_id}/delete"
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(ConsultationPost, post_id) is None
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationReply)) == 0
        log = db.session.scalar(sa.select(DestructionLog))
        assert (log.kind, log.count) == ("consultation", 1)
    assert en_client.get(f"/consultations/{post_id}").status_code == 404


def test_staff_reply_reaches_the_author(app, en_client, make_post, staff_factory):
    post_id = make_post()
    staff, response = _reply(app, staff_factory, post_id, "First answer")
    assert response.status_code == 303
    url = f"/admin/consultations/{post_id}"
    submit(staff, url, {"body": "Second answer"}, action=f"{url}/reply")
    open_post(en_client, post_id)
    text = en_client.get(f"/consultations/{post_id}").get_data(as_text=True)
    assert "First answer" in text and "Second answer" in text and "Answered" in text
    assert "Answered" in en_client.get("/consultations").get_data(as_text=True)
    with app.app_context():
        actions = db.session.scalars(sa.select(AccessRecord.action)).all()
    assert actions.count("reply") == 2


def test_empty_reply_is_refused(app, make_post, staff_factory):
    post_id = make_post()
    _, response = _reply(app, staff_factory, post_id, "   ")
    assert response.status_code == 422
    assert _post(app, post_id).last_reply_at is None


def test_staff_view_shows_contact_and_writes_the_access_record(app, en_staff_client, make_post):
    post_id = make_post()
    text = en_staff_client.get(f"/admin/consultations/{post_id}").get_data(as_text=True)
    for value in (GOOD["name"], GOOD["mobile"], GOOD["email"], GOOD["body"]):
        assert value in text
    with app.app_context():
        record = db.session.scalar(sa.select(AccessRecord))
    assert (record.action, record.subject_kind, record.subject_id) == (
        "view",
        "consultation",
        post_id,
    )
    assert record.actor_kind == "staff" and record.ip == "127.0.0.1"
    assert GOOD["body"] not in record.detail


def test_staff_list_filters_and_searches_with_masked_names(
    app, en_staff_client, make_post, staff_factory
):
    waiting = make_post(name="Alice")
    answered = make_post(name="Bob")
    _reply(app, staff_factory, answered)
    text = en_staff_client.get("/admin/consultations").get_data(as_text=True)
    assert "A****" in text and "B**" in text and "Alice" not in text
    only_waiting = en_staff_client.get("/admin/consultations?status=waiting").get_data(as_text=True)
    assert f'/admin/consultations/{waiting}"' in only_waiting
    assert f'/admin/consultations/{answered}"' not in only_waiting
    only_answered = en_staff_client.get("/admin/consultations?status=answered").get_data(
        as_text=True
    )
    assert f'/admin/consultations/{answered}"' in only_answered
    assert f'/admin/consultations/{waiting}"' not in only_answered
    found = en_staff_client.get(f"/admin/consultations?number={answered}").get_data(as_text=True)
    assert f'/admin/consultations/{answered}"' in found
    assert f'/admin/consultations/{waiting}"' not in found
    assert en_staff_client.get("/admin/consultations?number=abc&page=x").status_code == 404
    assert en_staff_client.get("/admin/consultations?number=abc").status_code == 200


def _count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_staff_destroys_with_a_reason_from_the_list(app, en_staff_client, make_post, staff_factory):
    post_id = make_post()
    _reply(app, staff_factory, post_id)
    url = f"/admin/consultations/{post_id}"
    form = en_staff_client.get(url).get_data(as_text=True)
    assert '<select id="reason" name="reason"' in form
    assert 'value="author_request"' in form and "The author asked for it to be deleted" in form
    for reason, message in (
        ("", "Choose the reason."),
        ("asked by phone: 010-1234-5678", "Choose one of the reasons in the list."),
    ):
        refused = submit(en_staff_client, url, {"reason": reason}, action=f"{url}/destroy")
        assert refused.status_code == 422
        text = refused.get_data(as_text=True)
        assert f'<p class="error" id="reason-error">{message}</p>' in text
        assert 'aria-invalid="true"' in text
    assert _post(app, post_id) is not None
    response = submit(en_staff_client, url, {"reason": "author_request"}, action=f"{url}/destroy")
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(ConsultationPost, post_id) is None
        record = db.session.scalar(sa.select(AccessRecord).where(AccessRecord.action == "destroy"))
        log = db.session.scalar(sa.select(DestructionLog))
    assert _count(app, ConsultationReply) == 0
    assert record.detail == "author_request" and record.subject_id == post_id
    assert (log.rule, log.count) == ("deleted on request: author_request", 1)
    assert en_staff_client.get(url).status_code == 404


def test_every_staff_page_showing_the_inquiry_writes_a_view_record(app, en_staff_client, make_post):
    post_id = make_post()
    url = f"/admin/consultations/{post_id}"
    pages = [
        en_staff_client.get(url),
        submit(en_staff_client, url, {"body": " "}, action=f"{url}/reply"),
        submit(en_staff_client, url, {"reason": ""}, action=f"{url}/destroy"),
    ]
    assert [page.status_code for page in pages] == [200, 422, 422]
    for page in pages:
        text = page.get_data(as_text=True)
        assert all(v in text for v in (GOOD["name"], GOOD["mobile"], GOOD["email"], GOOD["body"]))
    # One for each page above, and the submit() helper's own GET of the form before each POST.
    views = AccessRecord.action == "view", AccessRecord.subject_id == post_id
    assert _count(app, AccessRecord, *views) == 5


def test_edit_form_leaves_both_consent_boxes_unticked(en_client, make_post):
    post_id = make_post()
    open_post(en_client, post_id)
    text = en_client.get(f"/consultations/{post_id}/edit").get_data(as_text=True)
    boxes = re.findall(r"<input[^>]*name=\"agree_(?:privacy|sensitive)\"[^>]*>", text)
    assert len(boxes) == 2
    assert not any("checked" in box for box in boxes)
    assert GOOD["title"] in text and GOOD["body"] in text  # the rest is filled in


def test_a_reply_arriving_during_an_edit_is_a_clear_409(app, en_client, make_post, monkeypatch):
    from types import SimpleNamespace

    from clinic_site.board import services

    post_id = make_post()
    open_post(en_client, post_id)
    real_update = services.update_post

    def reply_first(post, **values):
        # The route has checked "not answered"; a staff reply lands before the change does.
        services.add_reply(post, SimpleNamespace(id=None, name="Kim"), "Come on Monday")
        return real_update(post, **values)

    monkeypatch.setattr(services, "update_post", reply_first)
    url = f"/consultations/{post_id}/edit"
    response = submit(en_client, url, {**EDIT, "title": "Changed"})
    assert response.status_code == 409
    assert "can no longer be changed" in response.get_data(as_text=True)
    assert _post(app, post_id).title == GOOD["title"]


def test_a_rule_broken_behind_the_form_is_a_409_and_nothing_is_stored(app, en_client, monkeypatch):
    from clinic_site.board import services
    from clinic_site.board.refusals import BoardRefused

    def refuse(**values):
        raise BoardRefused("consents")

    monkeypatch.setattr(services, "create_post", refuse)
    response = write(en_client)
    assert response.status_code == 409
    assert "The inquiry could not be saved" in response.get_data(as_text=True)
    assert _count(app, ConsultationPost) == 0


def test_visitors_and_the_author_cannot_enter_admin(app, en_client, make_post):
    post_id = make_post()
    open_post(en_client, post_id)
    for url in ("/admin/consultations", f"/admin/consultations/{post_id}"):
        response = en_client.get(url)
        assert response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_dashboard_links_the_board(en_staff_client):
    assert "/admin/consultations" in en_staff_client.get("/admin/").get_data(as_text=True)


def test_new_inquiry_then_answer_then_author_reads_it_in_members_mode(members_app, staff_factory):
    visitor = english(members_app.test_client())
    location = write(visitor).headers["Location"]
    post_id = int(location.rsplit("/", 1)[1])
    # staff_factory is bound to the anonymous app; both share one database.
    staff = english(members_app.test_client())
    login_staff(staff, *staff_factory("staff"))
    url = f"/admin/consultations/{post_id}"
    assert submit(staff, url, {"body": "Come on Monday"}, action=f"{url}/reply").status_code == 303
    assert "Come on Monday" in visitor.get(location).get_data(as_text=True)


def test_a_deleted_number_is_never_given_to_a_new_inquiry(app, en_client):
    first = write(en_client).headers["Location"]
    submit(en_client, first, {}, action=f"{first}/delete")
    second = write(en_client).headers["Location"]
    assert second != first
    # The browser that deleted the first inquiry holds no allowance for anything else.
    stranger = english(app.test_client())
    assert GOOD["body"] not in stranger.get(second).get_data(as_text=True)
