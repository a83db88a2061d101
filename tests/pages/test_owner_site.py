"""The owner makes the site theirs: a line and a photo on the home page, the representative and
the business registration number in the footer, terms of use for members, doctors with their
careers as lists (and no placeholder doctor shown), fee lines changed in place and reordered."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image as PILImage

from tests.helpers import csrf_token, english, login_staff, submit

EN = {"Accept-Language": "en"}
SETTINGS = {
    "clinic_name": "Haneul Clinic", "address": "서울특별시 강남구 테헤란로 1",
    "phone": "02-555-1234", "privacy_manager_name": "Lee Minji",
    "privacy_manager_phone": "02-555-1235", "privacy_manager_email": "privacy@haneul.example",
    "consultation_retention_days": "365", "cookie_revision": "1",
}  # fmt: skip


def test_the_home_page_says_the_owner_s_line_and_shows_the_clinic_s_photo(en_owner_client):
    texts = {"slogan_ko": "아이도 어른도 편안한 치과", "slogan_en": "A calm clinic for all ages"}
    assert submit(en_owner_client, "/admin/pages", texts).status_code == 303
    out = io.BytesIO()
    PILImage.new("RGB", (400, 300), (30, 90, 120)).save(out, "JPEG")
    token = csrf_token(en_owner_client, "/admin/images")
    en_owner_client.post(
        "/admin/images",
        data={
            "csrf_token": token,
            "file": (io.BytesIO(out.getvalue()), "room.jpg"),
            "alt_ko": "대기실",
            "alt_en": "The waiting room",
            "owner": "clinic",
        },  # fmt: skip
        content_type="multipart/form-data",
    )
    home = en_owner_client.get("/", headers=EN).get_data(as_text=True)
    assert "A calm clinic for all ages" in home
    assert 'class="hero-photo"' in home and 'alt="The waiting room"' in home
    korean = en_owner_client.get("/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "아이도 어른도 편안한 치과" in korean
    # The fixed sentence a new site once showed is no one's words.
    assert "We listen first" not in home


def test_the_footer_names_the_representative_and_the_business_number(app, en_owner_client):
    page = en_owner_client.get("/admin/settings").get_data(as_text=True)
    for name in ("representative", "representative_en", "business_number"):
        assert f'name="{name}"' in page, name  # the owner can type it, not only a test post it
    details = {**SETTINGS, "representative": "김하늘", "business_number": "2208162517"}
    assert submit(en_owner_client, "/admin/settings", details).status_code in (302, 303)
    footer = app.test_client().get("/", headers=EN).get_data(as_text=True)
    assert "Representative 김하늘" in footer and "220-81-62517" in footer
    wrong = submit(en_owner_client, "/admin/settings", {**details, "business_number": "1234567890"})
    assert wrong.status_code == 422
    assert "its check digit does not match" in wrong.get_data(as_text=True)
    # The folded part with the field to fix opens by itself; the others stay folded.
    assert wrong.get_data(as_text=True).count('class="settings-fold" open') == 1
    short = submit(en_owner_client, "/admin/settings", {**details, "business_number": "12345"})
    assert short.status_code == 422
    assert "10-digit business registration number" in short.get_data(as_text=True)


def test_clinic_phone_numbers_are_written_one_way_and_dialled(app, en_owner_client):
    typed = {**SETTINGS, "phone": "02 555 9999", "privacy_manager_phone": "0255559998"}
    assert submit(en_owner_client, "/admin/settings", typed).status_code in (302, 303)
    page = app.test_client().get("/", headers=EN).get_data(as_text=True)
    assert '<a href="tel:025559999">02-555-9999</a>' in page
    assert '<a href="tel:0255559998">02-5555-9998</a>' in page
    wrong = submit(en_owner_client, "/admin/settings", {**SETTINGS, "phone": "call us"})
    assert wrong.status_code == 422


def test_members_read_the_terms_of_use_the_site_wrote_or_the_owner_s(
    members_app, members_staff_factory
):
    visitor = english(members_app.test_client())
    terms = visitor.get("/terms")
    assert terms.status_code == 200 and "Children under 14 join" in terms.get_data(as_text=True)
    assert 'href="/terms"' in visitor.get("/", headers=EN).get_data(as_text=True)
    owner = english(members_app.test_client())
    login_staff(owner, *members_staff_factory("owner"))
    own = {"terms_ko": "## 우리 병원 약관\n\n내용", "terms_en": "## Our own terms\n\nText"}
    assert submit(owner, "/admin/pages", own).status_code == 303
    assert "Our own terms" in visitor.get("/terms").get_data(as_text=True)


def test_a_clinic_without_membership_has_no_terms(app, en_owner_client):
    assert app.test_client().get("/terms").status_code == 404
    assert "terms_ko" not in en_owner_client.get("/admin/pages").get_data(as_text=True)


def test_the_placeholder_doctor_is_shown_nowhere_until_the_owner_saves_it(app, en_owner_client):
    about = app.test_client().get("/about", headers=EN).get_data(as_text=True)
    assert "Director" not in about and "원장" not in about
    dashboard = en_owner_client.get("/admin/", headers=EN).get_data(as_text=True)
    assert "Introduce your doctors" in dashboard
    listing = en_owner_client.get("/admin/clinic/doctors").get_data(as_text=True)
    assert "placeholder: open it, write the doctor's name and save" in listing.replace("&#39;", "'")
    form = en_owner_client.get("/admin/clinic/doctors/1").get_data(as_text=True)
    assert 'value="Director"' not in form and 'value="원장"' not in form  # nothing to clear
    doctor = {
        "name_ko": "김하늘", "name_en": "Kim Haneul", "title_en": "Director", "all_hours": "y",
        "active": "y", "career_en": "- Seoul National University\n· Board-certified\n\n",
    }  # fmt: skip
    assert submit(en_owner_client, "/admin/clinic/doctors/1", doctor).status_code == 303
    about = app.test_client().get("/about", headers=EN).get_data(as_text=True)
    assert "Kim Haneul" in about
    assert (
        '<ul class="career"><li>Seoul National University</li><li>Board-certified</li></ul>'
        in about
    )


@pytest.mark.parametrize("path", ["/admin/", "/admin/fees", "/admin/settings"])
def test_admin_pages_have_their_own_menu(en_owner_client, path):
    page = en_owner_client.get(path, headers=EN).get_data(as_text=True)
    menu = page.split("admin-nav")[1].split("</nav>")[0]
    assert '<a href="/admin/">Dashboard</a>' in menu or 'aria-current="page">Dashboard' in menu
    assert "/admin/consultations" in menu
    # Not the patients' menu, and on a phone it folds into one button like theirs.
    assert 'href="/treatments"' not in menu and 'href="/location"' not in menu
    assert "<summary>Menu</summary>" in menu


def test_recovery_codes_are_offered_only_to_whom_has_a_second_factor(en_owner_client):
    page = en_owner_client.get("/admin/", headers=EN).get_data(as_text=True)
    assert "Recovery codes" not in page


def test_treatments_are_written_one_after_another(app, en_owner_client):
    first = submit(
        en_owner_client, "/admin/treatments/new", {"title_ko": "스케일링", "another": "1"}
    )
    assert first.status_code == 303 and first.headers["Location"] == "/admin/treatments/new"
    page = en_owner_client.get("/admin/treatments/new").get_data(as_text=True)
    assert "Saved." in page and 'value="스케일링"' not in page  # an empty form, the first kept
    last = submit(en_owner_client, "/admin/treatments/new", {"title_ko": "임플란트"})
    assert last.headers["Location"] == "/admin/treatments"
    listing = en_owner_client.get("/admin/treatments").get_data(as_text=True)
    assert "스케일링" in listing and "임플란트" in listing
    # Changing one goes back to the list: there is nothing "another" about it.
    one = re.search(r'href="(/admin/treatments/\d+)"', listing).group(1)
    assert "Save and write another" not in en_owner_client.get(one).get_data(as_text=True)
