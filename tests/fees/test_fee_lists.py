"""The fee lists as Korean law and practice lay them out: the contract's fields, whole won, the
non-covered list in its columns with each line's date, certificate fees within the Ministry's
caps and changed only with 14 days' notice, the owner's CSV file, the clinic's other channels
and its note on insurance claims."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from clinic_site.extensions import db
from clinic_site.fees.models import Fee, FeeChange
from tests.helpers import english, login_staff, said, submit

EN = {"Accept-Language": "en"}
KO = {"Accept-Language": "ko"}
TODAY = datetime(2026, 3, 9, 3, 0, tzinfo=UTC)  # Monday 9 March 2026, noon in Seoul
SETTINGS = {
    "clinic_name": "Haneul Clinic", "address": "서울특별시 강남구 테헤란로 1",
    "phone": "02-555-1234", "privacy_manager_name": "Lee Minji",
    "privacy_manager_phone": "02-555-1235", "privacy_manager_email": "privacy@haneul.example",
    "consultation_retention_days": "365", "cookie_revision": "1",
}  # fmt: skip


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def owner_at(app, set_now, staff_factory):
    """The owner signed in afresh at ``when`` (a session does not outlive a jump in time)."""
    account = staff_factory("owner")

    def at(when: datetime):
        set_now(when)
        client = english(app.test_client())
        login_staff(client, *account)
        return client

    return at


def _lines(app, kind: str) -> list[tuple[str, int]]:
    with app.app_context():
        rows = db.session.scalars(
            db.select(Fee).where(Fee.kind == kind).order_by(Fee.position, Fee.id)
        )
        return [(row.name, row.price) for row in rows]


def _count(app, model=Fee) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_owner_adds_fee_lines_with_the_contract_s_fields(app, en_owner_client, client):
    for data in (
        {"kind": "non_covered", "name": "임플란트", "price": "1,200,000", "note": "1개당"},
        {"kind": "certificate", "name": "진단서", "price": "20000", "note": ""},
    ):
        assert submit(en_owner_client, "/admin/fees", data).status_code == 303
    page = _text(client.get("/fees", headers=KO))
    assert "1,200,000" in page and "20,000" in page and "임플란트" in page and "진단서" in page
    assert "비급여" in page and "제증명" in page
    assert re.search(r'<time datetime="[^"]+">', page)  # the date the lists were last updated
    with app.app_context():
        assert db.session.scalar(sa.select(Fee.price).where(Fee.name == "임플란트")) == 1_200_000


@pytest.mark.parametrize("price", ["1.5", "-300", "12만", "", "9" * 12, "１２０００"])
def test_a_price_that_is_not_whole_won_is_refused_and_nothing_stored(app, en_owner_client, price):
    response = submit(
        en_owner_client, "/admin/fees", {"kind": "non_covered", "name": "X", "price": price}
    )
    assert response.status_code == 422 and 'id="price-error"' in _text(response)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Fee)) == 0


def test_a_range_and_an_unknown_list(app, en_owner_client, client):
    ok = {"kind": "non_covered", "name": "Whitening", "price": "300000", "price_max": "500,000"}
    assert submit(en_owner_client, "/admin/fees", ok).status_code == 303
    shown = re.sub(r"<[^>]+>", "", _text(client.get("/fees")))
    assert "300,000 – 500,000" in shown
    backwards = {**ok, "price_max": "100000"}
    assert submit(en_owner_client, "/admin/fees", backwards).status_code == 422
    assert submit(en_owner_client, "/admin/fees", {**ok, "kind": "other"}).status_code == 422


def test_a_fee_line_is_changed_in_place_and_reordered(app, en_owner_client):
    for name, price in (("Crown", "500000"), ("Implant", "1200000")):
        line = {"kind": "non_covered", "name": name, "price": price}
        submit(en_owner_client, "/admin/fees", line)
    with app.app_context():
        crown = db.session.scalar(db.select(Fee.id).where(Fee.name == "Crown"))
    changed = {"kind": "non_covered", "name": "Crown", "price": "550,000"}
    assert submit(en_owner_client, f"/admin/fees/{crown}", changed).status_code == 303
    assert _lines(app, "non_covered") == [("Crown", 550000), ("Implant", 1200000)]
    moved = submit(en_owner_client, "/admin/fees", {}, action=f"/admin/fees/{crown}/down")
    assert moved.status_code == 303
    assert _lines(app, "non_covered") == [("Implant", 1200000), ("Crown", 550000)]
    wrong = submit(en_owner_client, f"/admin/fees/{crown}", {**changed, "price": "5.5"})
    assert wrong.status_code == 422
    assert _lines(app, "non_covered")[1] == ("Crown", 550000)


def test_the_non_covered_list_shows_the_familiar_columns_by_category_with_each_lines_date(
    app, owner_at, client
):
    en_owner_client = owner_at(TODAY)
    lines = [
        {"kind": "non_covered", "category": "임플란트", "name": "임플란트(오스템)", "code": "UA001",
         "price": "1,200,000", "materials": "included", "note": "1개당"},
        {"kind": "non_covered", "category": "미백", "name": "전문가 미백", "price": "300000",
         "price_max": "500000"},
        {"kind": "non_covered", "category": "임플란트", "name": "뼈이식", "price": "400000",
         "materials": "separate"},
    ]  # fmt: skip
    for line in lines:
        assert submit(en_owner_client, "/admin/fees", line).status_code == 303
    en_owner_client = owner_at(TODAY + timedelta(days=3))
    with app.app_context():
        whitening = db.session.scalar(sa.select(Fee.id).where(Fee.name == "전문가 미백"))
    change = {**lines[1], "price": "350000"}
    assert submit(en_owner_client, f"/admin/fees/{whitening}", change).status_code == 303
    page = _text(client.get("/fees", headers=KO))
    body = page[page.index('id="non-covered"') : page.index('id="certificates"')]
    # Grouped by category in the owner's order: both implant lines before whitening.
    assert body.index("임플란트(오스템)") < body.index("뼈이식") < body.index("전문가 미백")
    assert '<th scope="rowgroup" colspan="6">임플란트</th>' in body
    assert "UA001" in body and "포함" in body and "별도" in body
    assert '<time datetime="2026-03-09">' in body and '<time datetime="2026-03-12">' in body
    assert body.count('class="empty"') >= 3  # remarks and codes left empty are hidden on phones


def test_columns_no_line_fills_are_left_out(app, en_owner_client, client):
    line = {"kind": "non_covered", "name": "Scaling", "price": "50000"}
    assert submit(en_owner_client, "/admin/fees", line).status_code == 303
    page = _text(client.get("/fees", headers=EN))
    assert "Scaling" in page and ">Code<" not in page and "Materials and drugs" not in page


def test_a_certificate_of_the_notice_is_capped_and_named(app, en_owner_client, client):
    page = _text(en_owner_client.get("/admin/fees"))
    assert re.search(r'<select[^>]*name="item"', page) and 'value="general_diagnosis"' in page
    over = {"kind": "certificate", "item": "general_diagnosis", "name": "", "price": "30000"}
    refused = submit(en_owner_client, "/admin/fees", over)
    assert refused.status_code == 422 and "caps 일반진단서 at 20,000 won" in said(refused)
    assert _count(app) == 0
    assert submit(en_owner_client, "/admin/fees", {**over, "price": "20,000"}).status_code == 303
    copies = {"kind": "certificate", "item": "records_copy_more_pages", "price": "100"}
    assert submit(en_owner_client, "/admin/fees", copies).status_code == 303
    shown = _text(client.get("/fees", headers=KO))
    assert "일반진단서" in shown and "20,000" in shown and "진료기록 사본(6매 이상)" in shown
    assert "2017년 9월 21일" in shown  # the notice the caps come from
    unknown = {"kind": "certificate", "item": "no_such_item", "price": "1000"}
    assert submit(en_owner_client, "/admin/fees", unknown).status_code == 422


def test_a_certificate_fee_changes_only_with_fourteen_days_notice_and_keeps_its_history(
    app, owner_at, client
):
    en_owner_client = owner_at(TODAY)
    line = {"kind": "certificate", "item": "treatment_confirmation", "price": "2000"}
    assert submit(en_owner_client, "/admin/fees", line).status_code == 303
    with app.app_context():
        fee = db.session.scalar(sa.select(Fee.id))
    url = f"/admin/fees/{fee}"
    change = {**line, "name": "진료확인서", "price": "3000"}
    for starts_on in ("", "2026-03-15", "2026-03-22"):  # 14 days ahead is the 23rd
        refused = submit(en_owner_client, url, {**change, "starts_on": starts_on})
        assert refused.status_code == 422 and "at least 14 days ahead" in said(refused)
    assert _count(app, FeeChange) == 0
    assert submit(en_owner_client, url, {**change, "starts_on": "2026-03-23"}).status_code == 303
    page = _text(client.get("/fees", headers=EN))
    cert = page[page.index('id="certificates"') :]
    assert "2,000" in cert and "From Mon 23 Mar 2026:" in cert and "3,000" in cert
    en_owner_client = owner_at(datetime(2026, 3, 23, 3, tzinfo=UTC))
    page = _text(client.get("/fees", headers=EN))
    cert = page[page.index('id="certificates"') :]
    assert "3,000" in cert and "2,000" not in cert and '<time datetime="2026-03-23">' in cert
    edit = _text(en_owner_client.get(url))
    assert "Earlier fees" in edit and "2,000" in edit
    over = submit(en_owner_client, url, {**change, "price": "5000", "starts_on": "2026-04-30"})
    assert over.status_code == 422 and "caps" in said(over)


def test_an_announced_certificate_fee_can_be_withdrawn(app, owner_at, client):
    en_owner_client = owner_at(TODAY)
    line = {"kind": "certificate", "item": "general_diagnosis", "price": "15000"}
    assert submit(en_owner_client, "/admin/fees", line).status_code == 303
    with app.app_context():
        fee = db.session.scalar(sa.select(Fee.id))
    change = {**line, "name": "일반진단서", "price": "20000", "starts_on": "2026-04-01"}
    assert submit(en_owner_client, f"/admin/fees/{fee}", change).status_code == 303
    with app.app_context():
        announced = db.session.scalar(sa.select(FeeChange.id))
    action = f"/admin/fees/changes/{announced}/withdraw"
    assert submit(en_owner_client, f"/admin/fees/{fee}", {}, action=action).status_code == 303
    assert _count(app, FeeChange) == 0
    assert "From " not in _text(client.get("/fees", headers=EN)).split('id="certificates"')[1]


CSV_HEAD = "category,name,name_en,code,price,price_max,materials,note\n"


def _upload(client, text: str | bytes):
    from io import BytesIO

    data = text.encode("utf-8") if isinstance(text, str) else text
    return submit(client, "/admin/fees", {"file": (BytesIO(data), "fees.csv")},
                  action="/admin/fees/import", content_type="multipart/form-data")  # fmt: skip


def test_the_owner_keeps_the_non_covered_list_as_a_csv_file(app, owner_at, client):
    en_owner_client = owner_at(TODAY)
    first = (
        CSV_HEAD
        + '임플란트,임플란트,Implant,UA001,"1,200,000",,included,1개당\n'
        + "미백,미백,,,300000,500000,,\n"
    )
    assert _upload(en_owner_client, "\ufeff" + first).status_code == 303
    assert _lines(app, "non_covered") == [("임플란트", 1200000), ("미백", 300000)]
    exported = en_owner_client.get("/admin/fees/non-covered.csv")
    assert exported.mimetype == "text/csv"
    text = exported.get_data(as_text=True)
    assert text.startswith("\ufeff" + CSV_HEAD.strip()) and "UA001" in text
    en_owner_client = owner_at(TODAY + timedelta(days=5))
    second = text.replace("300000", "320000")  # the owner changes one line in the spreadsheet
    assert _upload(en_owner_client, second).status_code == 303
    page = _text(client.get("/fees", headers=KO))
    assert '<time datetime="2026-03-09">' in page  # the implant line kept its date
    assert '<time datetime="2026-03-14">' in page and "320,000" in page


def test_the_spreadsheet_speaks_the_clinic_s_language_for_materials(app, en_owner_client):
    lines = CSV_HEAD + "검사,갑상선 초음파,,,50000,,포함,\n검사,복부 초음파,,,80000,,별도,\n"
    assert _upload(en_owner_client, lines).status_code == 303
    with app.app_context():
        kept = db.session.execute(sa.select(Fee.name, Fee.materials).order_by(Fee.position)).all()
    assert kept == [("갑상선 초음파", "included"), ("복부 초음파", "separate")]
    exported = en_owner_client.get("/admin/fees/non-covered.csv").get_data(as_text=True)
    assert ",포함," in exported and ",별도," in exported  # CLINIC_LANGUAGE is ko
    assert "included" not in exported.split("\n", 1)[1]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (CSV_HEAD + "a,Crown,,,5.5,,,\n", "Line 2: “5.5” is not a price in whole won."),
        (CSV_HEAD + "a,Crown,,,500,,,\na,,,,100,,,\n", "Line 3: the item's name is missing."),
        (CSV_HEAD + "a,Crown,,,500,100,,\n", "Line 2: the upper price is below the price."),
        (CSV_HEAD + "a,Crown,,,500,,maybe,\n", "Line 2: materials must be empty"),
        ("name,price\nCrown,500\n", "must name the columns"),
        (CSV_HEAD, "no fee lines"),
        ("\xff\xfe".encode("latin-1") + "가".encode("utf-16-le"), "not a CSV text file in UTF-8"),
    ],
)
def test_a_file_with_a_wrong_line_changes_nothing_and_names_the_line(
    app, en_owner_client, content, says
):
    line = {"kind": "non_covered", "name": "Scaling", "price": "50000"}
    assert submit(en_owner_client, "/admin/fees", line).status_code == 303
    response = _upload(en_owner_client, content)
    assert response.status_code == 422 and says in said(response), said(response)
    assert _lines(app, "non_covered") == [("Scaling", 50000)]


def test_the_clinics_other_channels_and_its_note_on_insurance_claims(app, en_owner_client, client):
    channels = {"kakao_channel_url": "https://pf.kakao.com/_abc", "silson24": "y",
                "naver_place_url": "https://naver.me/xyz", "social_url": ""}  # fmt: skip
    assert submit(en_owner_client, "/admin/settings", {**SETTINGS, **channels}).status_code in (
        302, 303,
    )  # fmt: skip
    bad = {**SETTINGS, **channels, "social_url": "javascript:alert(1)"}
    refused = submit(en_owner_client, "/admin/settings", bad)
    assert refused.status_code == 422 and "starting with https://" in said(refused)
    for path in ("/", "/location"):
        page = _text(client.get(path, headers=EN))
        assert 'href="https://pf.kakao.com/_abc"' in page and 'href="https://naver.me/xyz"' in page
        assert "Blog or Instagram" not in page
    texts = {"insurance_ko": "보험금 청구에는 **진료비 영수증**과 세부내역서가 필요합니다."}
    assert submit(en_owner_client, "/admin/pages", texts).status_code in (302, 303)
    fees = _text(client.get("/fees", headers=KO))
    assert "<strong>진료비 영수증</strong>" in fees and "실손24" in fees
    assert 'href="#certificates"' in fees
