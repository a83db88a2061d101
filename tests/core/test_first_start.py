"""A new owner is told what to do, once per start and with the site's full address; the dashboard
lists what to fill in until the site is ready; and until then no form takes personal data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from clinic_site.board.models import ConsultationPost
from clinic_site.extensions import db
from clinic_site.policy.models import PolicyVersion
from tests.fixtures.apps import CLINIC, free_port
from tests.fixtures.board import GOOD
from tests.fixtures.members import ADULT, CHILD
from tests.helpers import csrf_token, login_staff, said, submit

ROOT = Path(__file__).resolve().parents[2]
EN = {"Accept-Language": "en"}


def _run(script: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script],
        capture_output=True, text=True, timeout=120, check=True, env={**os.environ, **env},
    )  # fmt: skip


def test_flask_run_says_where_to_sign_in_and_how_to_make_the_owner(tmp_path):
    database = f"sqlite:///{tmp_path}/clinic.sqlite3"
    script = (
        "import sys; sys.argv = ['flask', 'run', '--port', '5123']\n"
        "from clinic_site import create_app\n"
        f"create_app({{'INSTANCE_PATH': {str(tmp_path)!r}}})\n"
    )
    result = _run(script, {"DATABASE_URL": database})
    said = result.stderr
    assert said.count("create-staff owner") == 1
    assert "http://127.0.0.1:5123/admin/login" in said
    # The command to run elsewhere names the same database, or it would make the account there.
    assert f"DATABASE_URL={database} flask --app clinic_site create-staff owner" in said
    # In the clinic's language, as the dashboard will be.
    assert "2단계 로그인" in said and "원장 계정을 만드세요" in said
    english = _run(script, {"DATABASE_URL": database, "CLINIC_LANGUAGE": "en"}).stderr
    assert "set up two-step sign-in" in english
    assert "CLINIC_LANGUAGE=en flask --app clinic_site create-staff owner" in english


def test_a_command_or_a_worker_says_nothing(tmp_path):
    for argv in (["flask", "purge"], ["gunicorn"]):
        script = (
            f"import sys; sys.argv = {argv!r}\n"
            "from clinic_site import create_app\n"
            f"create_app({{'INSTANCE_PATH': {str(tmp_path)!r}}})\n"
        )
        assert "create-staff" not in _run(script, {}).stderr


def test_gunicorn_says_it_once_whatever_the_number_of_workers(tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/clinic.sqlite3"}
    with log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
             "-w", "3", "-b", f"127.0.0.1:{port}", "clinic_site:create_app()"],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and log.read_text().count("Booting worker") < 3:
                time.sleep(0.2)
            time.sleep(1)
        finally:
            server.terminate()
            server.wait(timeout=30)
    said = log.read_text()
    assert said.count("Booting worker") == 3
    assert said.count("create-staff owner") == 1
    assert f"http://127.0.0.1:{port}/admin/login" in said


def test_create_staff_says_what_to_do_next(runner):
    result = runner.invoke(
        args=["create-staff", "kim", "--name", "Kim Sora", "--role", "owner"],
        input="long-enough-pw\nlong-enough-pw\n",
    )
    assert result.exit_code == 0
    said = result.output
    assert "kim 계정(원장)을 만들었습니다" in said
    assert "/admin/login" in said and "관리자 첫 화면이 안내합니다" in said


@pytest.mark.new_clinic
def test_nothing_is_collected_until_the_clinic_is_ready(make_app):
    app = make_app("members")
    client = app.test_client()
    for path in ("/consultations/new", "/account/register", "/account/register/child",
                 "/reservations/request"):  # fmt: skip
        page = client.get(path, headers=EN)
        assert page.status_code == 503, path
        assert "does not take requests online yet" in page.get_data(as_text=True)
    token = csrf_token(client, "/consultations/new")
    sent = client.post("/consultations/new", data={**GOOD, "csrf_token": token})
    assert sent.status_code == 503
    for form, data in (("/account/register", ADULT), ("/account/register/child", CHILD)):
        assert client.post(form, data={**data, "csrf_token": token}).status_code == 503
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ConsultationPost.id))) == 0
    # The home page neither invents a clinic nor offers forms that are closed.
    home = client.get("/", headers=EN).get_data(as_text=True)
    assert "Welcome to" not in home and "Clinic website" in home
    assert "does not take requests online yet" in home
    assert 'href="/consultations/new"' not in home


@pytest.mark.new_clinic
def test_the_owner_sets_up_publishes_on_purpose_and_the_forms_open(app, client, staff_factory):
    login_staff(client, *staff_factory("owner"))
    page = client.get("/admin/", headers=EN).get_data(as_text=True)
    assert "Getting the site ready" in page and "takes no inquiries" in page
    for words in ("clinic's name", "privacy manager", "fees", "privacy policy"):
        assert words in page, words
    assert page.count("required</strong>") == 3
    saved = submit(client, "/admin/settings", {
        "clinic_name": CLINIC["name"], "address": CLINIC["address"], "phone": "02 555 1234",
        "privacy_manager_name": "Park", "privacy_manager_phone": "0255551235",
        "privacy_manager_email": "p@example.com", "consultation_retention_days": "365",
        "cookie_revision": "1",
    })  # fmt: skip
    assert saved.status_code in (302, 303)
    # Reading the policy, anywhere, publishes nothing.
    for path in ("/policy", "/admin/policy", "/admin/policy/new"):
        client.get(path)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(PolicyVersion.id))) == 0
    assert client.get("/consultations/new").status_code == 503
    preview = client.get("/admin/policy", headers=EN).get_data(as_text=True)
    assert "Publish this policy now" in preview and 'lang="ko"' in preview
    summary = preview.split("What it says about your clinic")[1].split("</dl>")[0]
    assert "Park" in summary and "365 days after the last reply" in summary
    published = submit(client, "/admin/policy", {}, action="/admin/policy/publish")
    assert published.status_code == 303
    assert client.get("/consultations/new").status_code == 200
    again = submit(client, "/admin/policy", {}, action="/admin/policy/publish")
    assert again.status_code == 409  # a second first version is refused
    footer = client.get("/", headers=EN).get_data(as_text=True)
    assert 'href="tel:025551234"' in footer and "02-555-1234" in footer  # written one way
    submit(client, "/admin/fees", {"kind": "certificate", "name": "진단서", "price": "20000"})
    doctor = {"name_ko": "김하늘", "all_hours": "y", "active": "y"}
    assert submit(client, "/admin/clinic/doctors/1", doctor).status_code == 303
    page = client.get("/admin/", headers=EN).get_data(as_text=True)
    assert "takes no inquiries" not in page
    # What a site needs besides what the law asks: the list stays until it is done too.
    assert "Getting the site ready" in page and "Describe your treatments" in page
    submit(client, "/admin/treatments/new", {"title_ko": "스케일링", "body_ko": "치석 제거"})
    submit(client, "/admin/notices/new", {"title_ko": "개원 안내", "body_ko": "3월 2일 개원"})
    texts = client.get("/admin/pages").get_data(as_text=True)
    fields = dict.fromkeys(
        re.findall(
            r'name="((?:slogan|greeting|transit|parking|insurance|terms)_(?:ko|en))"', texts
        ),
        "",
    )
    fields["transit_ko"] = "강남역 3번 출구에서 걸어서 3분"
    assert submit(client, "/admin/pages", fields).status_code in (302, 303)
    # Every admin page leads to the next step until the list is done.
    fees = client.get("/admin/fees", headers=EN).get_data(as_text=True)
    assert re.search(r"Getting the site ready: (\d+) of \1 done", fees) is None
    assert 'Next: <a href="/admin/clinic/hours">Check the opening hours' in fees
    hours = client.get("/admin/clinic/hours", headers=EN).get_data(as_text=True)
    assert "This page is the next step: <strong>Check the opening hours" in hours
    page = client.get("/admin/", headers=EN).get_data(as_text=True)
    assert "Getting the site ready" in page and "The site is ready and open" not in page
    # The first week is filled in: the owner looks at it and saves it as it is.
    week = dict(
        re.findall(r'name="(days-\d-(?:opens|closes|lunch_\w+))"[^>]*value="([^"]*)"', hours)
    )
    week.update(dict.fromkeys(re.findall(r'name="(days-\d-open)"[^>]*checked', hours), "y"))
    week["closed_on_public_holidays"] = "y"
    saved = submit(client, "/admin/clinic/hours", week)
    assert saved.status_code == 303, (said(saved), week)
    page = client.get("/admin/", headers=EN).get_data(as_text=True)
    assert "Getting the site ready" not in page
    assert "The site is ready and open: it takes inquiries online." in page
    assert "Getting the site ready" not in client.get("/admin/fees", headers=EN).get_data(
        as_text=True
    )


def test_setup_clinic_makes_a_site_ready_and_is_safe_to_run_twice(make_app):
    app = make_app("anonymous", ready=False)
    args = ["setup-clinic", *(f"--{k}={v}" for k, v in CLINIC.items()), "--publish-policy"]
    runner = app.test_cli_runner()
    first = runner.invoke(args=args)
    assert first.exit_code == 0 and "Published privacy policy version 1" in first.output
    second = runner.invoke(args=args)
    assert second.exit_code == 0 and "published already" in second.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(PolicyVersion.id))) == 1
    bad = runner.invoke(args=[*args[:-1], "--phone=not a phone"])
    assert bad.exit_code != 0 and "not a Korean telephone number" in bad.output
    assert app.test_client().get("/consultations/new").status_code == 200
