"""What patients, staff and the owner do, end to end, in Debian's Chromium against gunicorn: each
journey in Korean and in English, with a screenshot of every step on a phone and a desktop."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from tests.browser.journeys import Journey, cancellable_weekday
from tests.fixtures.board import GOOD
from tests.fixtures.members import ADULT, CHILD
from tests.served import served

STAFF_PASSWORD = "long-enough-pw"
# The clinic's details as an owner fills them in, so the pages look as patients will see them.
CLINIC = {
    "clinic_name": "하늘치과의원", "clinic_name_en": "Haneul Dental Clinic",
    "address": "서울특별시 중구 세종대로 110, 3층",
    "address_en": "3F, 110 Sejong-daero, Jung-gu, Seoul",
    "phone": "02-123-4567", "email": "hello@haneul.example",
    "privacy_manager_name": "김하늘", "privacy_manager_name_en": "Haneul Kim",
    "privacy_manager_position": "원장", "privacy_manager_position_en": "Director",
    "privacy_manager_phone": "02-123-4567",
}  # fmt: skip


@pytest.fixture
def site(make_app, tmp_path):
    """The members' clinic served by gunicorn (two workers), with a staff member and the owner."""
    from clinic_site.settings.services import update_settings
    from clinic_site.staff.services import create_staff

    app = make_app("members")
    with app.app_context():
        update_settings(**CLINIC)
        create_staff("staffer", "Staff Kim", "staff", STAFF_PASSWORD)
        create_staff("owner", "Owner Kim", "owner", STAFF_PASSWORD)
        db.session.commit()
    with served(app, tmp_path / "server", 2) as server:
        yield app, server.base


def _staff(browser, base: str, story: str, language: str, username: str = "staffer") -> Journey:
    staff = Journey(browser, base, story, language)
    staff.go("/admin/login")
    staff.choose_cookies()
    staff.send({"username": username, "password": STAFF_PASSWORD})
    assert staff.path().startswith("/admin"), staff.path()
    return staff


def _member_id(app, username: str) -> int:
    from clinic_site.accounts.models import Member

    with app.app_context():
        return db.session.scalar(sa.select(Member.id).where(Member.username == username.lower()))


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_cookie_bar_accept_refuse_and_change_later(site, browser, javascript):
    _, base = site
    for language in ("ko", "en"):
        story = f"cookies-{'js' if javascript else 'no-js'}"
        visitor = Journey(browser, base, story, language, javascript=javascript)
        visitor.go("/")
        assert visitor.page.locator("#cookie-banner").is_visible()
        visitor.shot("banner")
        visitor.choose_cookies("necessary")
        assert visitor.page.locator("#cookie-banner").count() == 0
        names = {cookie["name"] for cookie in visitor.context.cookies()}
        assert "cookie_consent" in names and "lang" not in names
        visitor.shot("refused")
        visitor.go("/cookies")  # changing the mind later, from the footer's link
        visitor.shot("settings")
        visitor.press(visitor.page.locator('main button[value="all"]'))
        assert visitor.page.locator("#cookie-banner").count() == 0
        visitor.shot("accepted")
        visitor.close()


def test_an_inquiry_is_posted_reopened_with_its_password_and_answered(site, browser):
    _, base = site
    for language in ("ko", "en"):
        author = Journey(browser, base, "inquiry", language)
        author.go("/consultations/new")
        author.choose_cookies()
        author.shot("form")
        title = f"{GOOD['title']} ({language})"
        author.send({**GOOD, "title": title})
        post = author.path()
        assert title in author.text()
        author.shot("posted")

        stranger = Journey(browser, base, "inquiry-reopened", language)
        stranger.go(post)
        stranger.choose_cookies()
        assert title not in stranger.text()
        stranger.shot("password-asked")
        stranger.send({"password": "not-the-password"})
        assert title not in stranger.text()
        stranger.shot("wrong-password")
        stranger.send({"password": GOOD["password"]})
        assert GOOD["body"] in stranger.text()
        stranger.shot("reopened")
        stranger.close()

        staff = _staff(browser, base, "inquiry-answered", language)
        staff.go(f"/admin{post}")
        assert GOOD["mobile"] in staff.text()
        reply = f"Please come in this week ({language})."
        staff.send({"body": reply})
        staff.shot("replied")
        staff.close()

        author.go(post)
        assert reply in author.text()
        author.shot("reply-read")
        author.close()


def test_an_adult_joins_books_a_time_moves_it_and_cancels_it(site, browser):
    _, base = site
    for language in ("ko", "en"):
        patient = Journey(browser, base, "booking", language)
        patient.go("/account/register")
        patient.choose_cookies()
        patient.shot("join-form")
        username = f"{ADULT['username']}_{language}"
        patient.send({**ADULT, "username": username, "mobile": f"010-2345-67{len(language)}9"})
        assert patient.path() == "/account", patient.path()
        patient.shot("joined")

        patient.go("/")
        patient.press(patient.page.locator('main a[href="/reservations/new"]').first)
        patient.shot("booking-page")
        day = cancellable_weekday()
        patient.go(f"/reservations/new?date={day.isoformat()}")
        patient.shot("free-times")
        # Another day from the date field: its times come without a page load.
        later = day + timedelta(days=1 if day.weekday() < 4 else 3)
        patient.page.locator('input[name="date"]').fill(later.isoformat())
        patient.page.locator('input[name="date"]').dispatch_event("change")
        patient.page.wait_for_selector(f'input[name="slot"][value^="{later.isoformat()}"]')
        patient.shot("times-refreshed")
        first = patient.page.locator('input[name="slot"]').first
        slot = first.get_attribute("value")
        first.check()
        patient.shot("time-chosen")
        patient.press(patient.page.locator("main form button.book-button"))
        assert patient.path() == "/reservations"
        assert patient.page.locator(f'time[datetime^="{slot[:10]}"]').count() >= 1
        patient.shot("booked")

        # Moving it: a day from the month, a time, one button.
        patient.press(patient.page.locator('main a[href$="/move"]').first)
        patient.shot("move-page")
        patient.press(patient.page.locator(f'table.month a[href*="date={day.isoformat()}"]'))
        other = patient.page.locator('input[name="slot"]').last
        moved_to = other.get_attribute("value")
        other.check()
        patient.press(patient.page.locator("main form button.book-button"))
        assert patient.path() == "/reservations"
        assert patient.page.locator(f'time[datetime^="{moved_to[:10]}"]').count() >= 1
        patient.shot("moved")

        patient.page.locator("details.confirm summary").first.click()
        patient.shot("cancel-asked")
        patient.press(patient.page.locator("details.confirm button").first)
        assert patient.page.locator("details.confirm").count() == 0  # nothing left to cancel
        patient.shot("cancelled")
        patient.close()


def test_a_child_joins_with_a_representative_and_books_once_staff_confirm(site, browser):
    app, base = site
    for language in ("ko", "en"):
        child = Journey(browser, base, "child", language)
        child.go("/account/register/child")
        child.choose_cookies()
        child.shot("form")
        username = f"{CHILD['username']}_{language}"
        child.send({**CHILD, "username": username})
        child.go("/reservations/new")
        assert child.page.locator('input[name="slot"]').count() == 0
        child.shot("waiting")

        staff = _staff(browser, base, "child-confirmed", language)
        staff.go(f"/admin/members/{_member_id(app, username)}")
        staff.shot("member")
        staff.press(staff.page.locator('form[action$="/confirm"] button'))
        staff.shot("confirmed")
        staff.close()

        child.go("/reservations/new")
        assert child.page.locator('input[name="slot"]').count() > 0
        child.shot("can-book")
        child.close()


def test_the_owner_fills_the_clinics_pages_and_a_visitor_reads_them(site, browser):
    _, base = site
    for language in ("ko", "en"):
        owner = _staff(browser, base, "owner-pages", language, "owner")
        greeting = f"어서 오세요 ({language})"
        owner.go("/admin/pages")
        owner.send({"greeting_ko": greeting, "greeting_en": f"Welcome ({language})"})
        owner.shot("greeting-saved")
        owner.go("/admin/fees")
        fee = f"임플란트 {language}"
        owner.send({"kind": "non_covered", "name": fee, "price": "1,200,000", "note": "1개"})
        owner.shot("fee-added")
        owner.go("/admin/notices/new")
        notice = f"12월 31일 휴진 {language}"
        owner.send({"title_ko": notice, "body_ko": "연말 휴진입니다."})
        owner.shot("notice-added")
        owner.close()

        visitor = Journey(browser, base, "clinic-pages", language)
        visitor.go("/")
        visitor.choose_cookies()
        assert notice in visitor.text()
        visitor.shot("home")
        visitor.press(visitor.menu_link("/fees"))
        assert fee in visitor.text() and "1,200,000" in visitor.text()
        visitor.shot("fees")
        visitor.go("/about")
        assert (greeting if language == "ko" else f"Welcome ({language})") in visitor.text()
        visitor.shot("about")
        for path in ("/treatments", "/notices", "/location"):
            visitor.go(path)
            visitor.shot(path.strip("/"))
        visitor.close()


def test_the_owner_announces_a_revision_and_visitors_see_the_notice(site, browser):
    _, base = site
    effective = date.today() + timedelta(days=10)
    for language in ("ko", "en"):
        owner = _staff(browser, base, "policy", language, "owner")
        owner.go("/admin/policy/new")
        owner.shot("editor")
        change = {"summary": f"보유 기간 안내 ({language})", "effective_on": effective.isoformat()}
        owner.send(change, button='button[name="announce"]')
        owner.shot("announced")
        owner.close()

        visitor = Journey(browser, base, "policy-notice", language)
        visitor.go("/")
        assert visitor.page.locator(f'time[datetime="{effective.isoformat()}"]').count() >= 1
        visitor.shot("home-notice")
        visitor.go("/policy")
        visitor.shot("policy")
        visitor.close()


def test_a_member_withdraws_and_cannot_sign_in_again(site, browser):
    _, base = site
    for language in ("ko", "en"):
        member = Journey(browser, base, "withdrawal", language)
        member.go("/account/register")
        member.choose_cookies()
        username = f"leaving_{language}"
        member.send({**ADULT, "username": username, "mobile": f"010-5555-000{len(language)}"})
        member.go("/account/edit")
        member.press(member.page.locator('main a[href="/account/withdraw"]'))
        member.shot("withdraw-form")
        member.send({"password": ADULT["password"], "confirm": "y"})
        member.shot("receipt")
        member.go("/account/login")
        member.send({"username": username, "password": ADULT["password"]})
        assert member.path() == "/account/login"
        member.shot("sign-in-refused")
        member.close()
