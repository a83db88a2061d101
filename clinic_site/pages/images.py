"""Images the owner uploads. Never served as uploaded: each is decoded with Pillow, turned upright,
shrunk to a bounded size, and written anew from its pixels alone (no EXIF, no location, no comment,
no text chunk; the colour profile only) under the instance folder with a random name. Only JPEG,
PNG and WebP are taken; anything Pillow cannot read as one of them is refused and nothing is
stored."""

from __future__ import annotations

import io
import secrets
import warnings
from pathlib import Path

from flask import current_app
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from ..extensions import db
from ..platform import clock
from .models import Image
from .refusals import PagesRefused

FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
MAX_BYTES = 8 * 1024 * 1024  # what one upload may weigh (within MAX_CONTENT_LENGTH)
LONGEST_SIDE = 1600
# A decompression bomb (a small file that unpacks to gigapixels) is refused from its header,
# before any pixel is decoded.
MAX_PIXELS = 40_000_000


def folder() -> Path:
    path = Path(current_app.config.get("IMAGE_DIR") or Path(current_app.instance_path) / "images")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _decode(data: bytes) -> tuple[PILImage.Image, str]:
    try:
        with warnings.catch_warnings():
            # Pillow only warns of a likely bomb below twice its own limit: refuse it all the same.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            probe = PILImage.open(io.BytesIO(data))
        with probe:
            kind = probe.format or ""
            if kind not in FORMATS:
                raise PagesRefused("not_image", "file")
            if probe.width * probe.height > MAX_PIXELS:
                raise PagesRefused("too_large", "file")
            probe.verify()  # a truncated or corrupt file fails here
        image = PILImage.open(io.BytesIO(data))
        image.load()
    except PagesRefused:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise PagesRefused("too_large", "file") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PagesRefused("not_image", "file") from exc
    return image, kind


def _pixels_only(image: PILImage.Image) -> tuple[PILImage.Image, bytes | None]:
    """A new image made of the pixels alone, and the colour profile they need: no comment, text
    chunk, XMP, EXIF or any other block of the upload can ride along into the stored file."""
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
    return PILImage.frombytes(image.mode, image.size, image.tobytes()), image.info.get(
        "icc_profile"
    )


def store(data: bytes, alt_ko: str, alt_en: str = "", kind: str = "clinic") -> Image:
    """Re-encode ``data`` and keep it; raises PagesRefused (nothing stored) for anything else than
    a real JPEG, PNG or WebP image, or one too large."""
    if len(data) > MAX_BYTES:
        raise PagesRefused("too_large", "file")
    image, source = _decode(data)
    image = ImageOps.exif_transpose(image)  # upright, before the EXIF goes
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    image, profile = _pixels_only(image)
    colour = {"icc_profile": profile} if profile else {}
    mimetype, suffix = FORMATS[source]
    out = io.BytesIO()
    if source == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, **colour)
    elif source == "PNG":
        image.save(out, "PNG", optimize=True, **colour)
    else:
        image.save(out, "WEBP", quality=85, **colour)
    name = f"{secrets.token_hex(16)}.{suffix}"
    (folder() / name).write_bytes(out.getvalue())
    row = Image(
        filename=name,
        mimetype=mimetype,
        width=image.width,
        height=image.height,
        alt_ko=alt_ko,
        alt_en=alt_en,
        kind=kind,
        created_at=clock.now(),
    )
    db.session.add(row)
    db.session.flush()
    return row


def remove(image: Image) -> None:
    """Delete the image and its file."""
    (folder() / image.filename).unlink(missing_ok=True)
    db.session.delete(image)
    db.session.flush()
