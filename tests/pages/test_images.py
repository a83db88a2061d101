"""Uploaded images are re-encoded (metadata and location gone), bounded in size, stored under a
random name and served with their real type; anything else is refused and nothing is stored."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image as PILImage
from PIL import PngImagePlugin

from clinic_site.clinic.models import Doctor
from clinic_site.extensions import db
from clinic_site.pages.models import Image
from tests.helpers import csrf_token, submit


def _jpeg_with_location(size=(3000, 2000)) -> bytes:
    image = PILImage.new("RGB", size, (200, 120, 40))
    exif = PILImage.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 41.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _upload(owner, data: bytes, filename: str, alt: str = "Waiting room", owner_of="clinic"):
    token = csrf_token(owner, "/admin/images")
    return owner.post(
        "/admin/images",
        data={
            "csrf_token": token,
            "file": (io.BytesIO(data), filename),
            "alt_ko": alt,
            "alt_en": "",
            "owner": owner_of,
        },  # fmt: skip
        content_type="multipart/form-data",
    )


def _images(app) -> list[Image]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Image)))


def test_a_photo_is_re_encoded_without_its_location_and_bounded(
    app, en_owner_client, client, tmp_path
):
    original = _jpeg_with_location()
    assert b"CameraMaker" in original
    response = _upload(en_owner_client, original, "holiday.jpg")
    assert response.status_code == 303
    [row] = _images(app)
    assert row.filename.endswith(".jpg") and "holiday" not in row.filename
    assert max(row.width, row.height) == 1600
    with client.get(f"/images/{row.filename}") as served:
        assert served.status_code == 200 and served.mimetype == "image/jpeg"
        assert "immutable" in served.headers["Cache-Control"]
        data = served.get_data()
    assert b"CameraMaker" not in data
    assert not PILImage.open(io.BytesIO(data)).getexif()
    page = client.get("/about").get_data(as_text=True)
    assert f'src="/images/{row.filename}"' in page and 'alt="Waiting room"' in page


def _jpeg_markers(data: bytes) -> set[int]:
    """Every marker type in a JPEG file up to the start of the scan (where metadata lives)."""
    assert data[:2] == b"\xff\xd8"
    found, at = set(), 2
    while at < len(data) - 4:
        assert data[at] == 0xFF, "not at a marker"
        marker = data[at + 1]
        found.add(marker)
        if marker == 0xDA:  # start of scan: the image data follows, no more metadata blocks
            return found
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return found


def test_a_comment_or_text_block_in_the_upload_is_not_stored(app, en_owner_client, client):
    """Pillow keeps a JPEG's comment and a PNG's text chunks when it re-saves; the stored file is
    made from pixels alone, so neither survives, nor any application block but the colour one."""
    jpeg = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 20, 30)).save(jpeg, "JPEG", comment=b"SECRET-COMMENT")
    assert b"SECRET-COMMENT" in jpeg.getvalue()
    png = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "SECRET-TEXT")
    PILImage.new("RGB", (40, 30), (10, 20, 30)).save(png, "PNG", pnginfo=info)
    assert b"SECRET-TEXT" in png.getvalue()
    assert _upload(en_owner_client, jpeg.getvalue(), "a.jpg").status_code == 303
    assert _upload(en_owner_client, png.getvalue(), "b.png").status_code == 303
    stored = {}
    for row in _images(app):
        with client.get(f"/images/{row.filename}") as served:
            stored[row.filename.rsplit(".", 1)[1]] = served.get_data()
    assert b"SECRET" not in stored["jpg"] and b"SECRET" not in stored["png"]
    markers = _jpeg_markers(stored["jpg"])
    assert 0xFE not in markers  # COM
    assert not {m for m in markers if 0xE1 <= m <= 0xEF}  # APP1..APP15: EXIF, XMP, Adobe, ...
    assert b"tEXt" not in stored["png"] and b"iTXt" not in stored["png"]


@pytest.mark.parametrize("fmt, mimetype", [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_keep_their_type(app, en_owner_client, client, fmt, mimetype):
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), (1, 2, 3)).save(out, fmt)
    assert _upload(en_owner_client, out.getvalue(), f"a.{fmt.lower()}").status_code == 303
    [row] = _images(app)
    with client.get(f"/images/{row.filename}") as served:
        assert served.mimetype == mimetype


@pytest.mark.parametrize(
    "data, filename",
    [
        (b"<?php echo 'hi'; ?>", "photo.jpg"),
        (b"GIF89a" + b"\x00" * 100, "photo.gif"),
        (_jpeg_with_location((50, 50))[:200], "truncated.jpg"),
        (b"", "empty.png"),
    ],
)
def test_what_is_not_a_real_image_is_refused_and_nothing_stored(
    app, en_owner_client, data, filename
):
    response = _upload(en_owner_client, data, filename)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "not a JPEG, PNG or WebP image" in text or "Choose an image file" in text
    assert _images(app) == []


def test_a_decompression_bomb_is_refused_before_decoding(app, en_owner_client):
    out = io.BytesIO()
    PILImage.new("1", (10_000, 10_000)).save(out, "PNG")  # small file, 100 million pixels
    response = _upload(en_owner_client, out.getvalue(), "bomb.png")
    assert response.status_code == 422 and "too many pixels" in response.get_data(as_text=True)
    assert _images(app) == []


def test_the_text_for_people_who_cannot_see_it_is_required(app, en_owner_client):
    out = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(out, "PNG")
    assert _upload(en_owner_client, out.getvalue(), "a.png", alt="").status_code == 422
    assert _images(app) == []


def test_a_doctor_s_photo_shows_beside_the_doctor(app, en_owner_client, client):
    # The doctor a first start makes is a placeholder, shown nowhere until the owner names it.
    named = {"name_ko": "김하늘", "all_hours": "y", "active": "y"}
    assert submit(en_owner_client, "/admin/clinic/doctors/1", named).status_code == 303
    out = io.BytesIO()
    PILImage.new("RGB", (300, 400), (9, 9, 9)).save(out, "JPEG")
    assert (
        _upload(
            en_owner_client, out.getvalue(), "me.jpg", alt="원장 사진", owner_of="1"
        ).status_code
        == 303
    )
    [row] = _images(app)
    with app.app_context():
        assert db.session.get(Doctor, 1).photo_id == row.id
    assert f'src="/images/{row.filename}"' in client.get("/about").get_data(as_text=True)


def test_deleting_an_image_removes_its_file(app, en_owner_client, client):
    out = io.BytesIO()
    PILImage.new("RGB", (10, 10)).save(out, "PNG")
    _upload(en_owner_client, out.getvalue(), "a.png")
    [row] = _images(app)
    token = csrf_token(en_owner_client, "/admin/images")
    en_owner_client.post(f"/admin/images/{row.id}/delete", data={"csrf_token": token})
    assert _images(app) == []
    assert client.get(f"/images/{row.filename}").status_code == 404
