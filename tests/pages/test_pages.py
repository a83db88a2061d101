"""The clinic's pages as a patient reads them and as the owner fills them, in both modes."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.pages.models import Notice
from clinic_site.settings.services import update_settings
from tests.helpers import login_staff, submit

EN = {"Accept-Language": "en"}
KO = {"Accept-Language": "ko"}
MONDAY_10AM = datetime(2026, 3, 9, 1, 0, tzinfo=UTC)  # 10:00 in Seoul


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/about", "/consultations", "/policy", "/no-such-page"])
def test_the_fee_list_is_linked_from_every_page(client, path):
    assert 'href="/fees"' in _text(client.get(path))


@pytest.mark.parametrize("mode", ["anonymous", "members"])
def test_the_home_page_leads_to_every_clinic_page(make_app, mode):
    page = _text(make_app(mode).test_client().get("/"))
    for path in ("/about", "/treatments", "/fees", "/notices", "/location"):
        assert f'href="{path}"' in page, path


def test_the_home_page_says_whether_the_clinic_is_open_now(app, client, set_now):
    with app.app_context():
        update_settings(phone="02-555-0100")
        db.session.commit()
    set_now(MONDAY_10AM)
    page = _text(client.get("/", headers=EN))
    assert "Open now" in page and "09:00–18:00" in page and "lunch 13:00–14:00" in page
    assert 'href="tel:025550100"' in page
    set_now(datetime(2026, 3, 9, 4, 30, tzinfo=UTC))  # 13:30, lunch
    assert "Closed now" in _text(client.get("/", headers=EN))
    set_now(datetime(2026, 3, 1, 1, 0, tzinfo=UTC))  # Sunday, and 삼일절
    assert "Closed today" in _text(client.get("/", headers=EN))


def test_closed_days_appear_on_the_home_page_and_in_the_notices(app, client, set_now):
    from datetime import date

    from clinic_site.clinic import services as clinic

    set_now(MONDAY_10AM)
    with app.test_request_context():
        clinic.close_day(date(2026, 3, 13), "학회 참석", "Conference")
        db.session.commit()
    home = _text(client.get("/", headers=EN))
    assert "Next closed days" in home
    assert re.search(r'<time datetime="2026-03-13">Fri 13 Mar 2026</time> \(Conference\)', home)
    notices = _text(client.get("/notices", headers=KO))
    assert "2026년 3월 13일 (금)" in notices and "학회 참석" in notices


def test_new_years_day_is_called_what_patients_call_it(client, set_now):
    set_now(datetime(2026, 12, 20, 1, 0, tzinfo=UTC))
    notices = _text(client.get("/notices", headers=KO))
    assert "2027년 1월 1일 (금)" in notices and "신정" in notices
    assert "신정연휴" not in notices  # the name of a two-day holiday abolished in 1999
    assert "New Year&#39;s Day" in _text(client.get("/notices", headers=EN))


def test_notices_and_treatments_in_both_languages_and_sanitised(app, en_owner_client, client):
    notice = {"title_ko": "설 연휴 안내", "title_en": "Seollal holidays",
              "body_ko": "**휴진** 합니다.<script>alert(1)</script>", "body_en": ""}  # fmt: skip
    assert submit(en_owner_client, "/admin/notices/new", notice).status_code == 303
    with app.app_context():
        notice_id = db.session.scalar(sa.select(Notice.id))
    page = _text(client.get(f"/notices/{notice_id}", headers=EN))
    assert "Seollal holidays" in page and "<strong>휴진</strong>" in page  # Korean body shown
    assert "<script>alert" not in page
    # The English reader is told why the text is in Korean; a Korean reader is not.
    untranslated = "have no English version yet; they are shown in Korean"
    assert untranslated in page
    assert untranslated not in _text(client.get("/notices", headers=EN))  # titles are in English
    assert "번역" not in _text(client.get(f"/notices/{notice_id}", headers=KO))
    assert "설 연휴 안내" in _text(client.get("/notices", headers=KO))
    for title in ("Scaling", "Implants"):
        submit(
            en_owner_client,
            "/admin/treatments/new",
            {"title_ko": title, "body_ko": f"About {title}."},
        )
    listing = _text(client.get("/treatments"))
    assert listing.index("Scaling") < listing.index("Implants")
    with app.app_context():
        from clinic_site.pages.models import Treatment

        implants = db.session.scalar(
            sa.select(Treatment.id).where(Treatment.title_ko == "Implants")
        )
    submit(en_owner_client, "/admin/treatments", {}, action=f"/admin/treatments/{implants}/up")
    listing = _text(client.get("/treatments"))
    assert listing.index("Implants") < listing.index("Scaling")


def test_the_about_page_shows_the_greeting_and_the_doctors(app, en_owner_client, client):
    texts = {"greeting_ko": "환자 한 분 한 분께 **정성**을 다합니다.", "greeting_en": "",
             "transit_ko": "시청역 3번 출구", "transit_en": "", "parking_ko": "",
             "parking_en": ""}  # fmt: skip
    assert submit(en_owner_client, "/admin/pages", texts).status_code == 303
    page = _text(client.get("/about", headers=KO))
    assert "<strong>정성</strong>" in page and "원장" in page
    location = _text(client.get("/location", headers=KO))
    assert "시청역 3번 출구" in location


def test_the_location_page_links_the_address_in_kakao_and_naver_maps(app, client):
    with app.app_context():
        update_settings(address="서울특별시 중구 세종대로 110")
        db.session.commit()
    page = _text(client.get("/location", headers=EN))
    assert "https://map.kakao.com/link/search/%EC%84%9C%EC%9A%B8" in page
    assert "https://map.naver.com/p/search/%EC%84%9C%EC%9A%B8" in page
    # Plain links: nothing is loaded from the map services.
    assert "<iframe" not in page and not re.search(r'src="https?://', page)


def test_english_pages_show_the_english_details(app, client):
    with app.app_context():
        update_settings(clinic_name="하늘치과의원", clinic_name_en="Haneul Dental Clinic",
                        address="서울 중구", address_en="Jung-gu, Seoul")  # fmt: skip
        db.session.commit()
    english = _text(client.get("/", headers=EN))
    assert "Haneul Dental Clinic" in english and "Jung-gu, Seoul" in english
    korean = _text(client.get("/", headers=KO))
    assert "하늘치과의원" in korean and "Haneul Dental Clinic" not in korean


def test_staff_and_visitors_cannot_edit_the_pages(app, client, staff_factory):
    assert client.get("/admin/fees").status_code == 302
    staff = app.test_client()
    login_staff(staff, *staff_factory("staff"))
    for path in ("/admin/fees", "/admin/pages", "/admin/notices", "/admin/images"):
        assert staff.get(path).status_code == 403, path
