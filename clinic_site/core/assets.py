"""Static files under names that change with their content ("css/site.3f2a9c1b7d.css"), kept by
browsers for a year, and sent gzip-compressed to browsers that accept it, compressed once when the
app starts. ``url_for("static", filename="css/site.css")`` gives the current name; the plain
name is still served, without the long lifetime, for anything that asks for it."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, request

from ..platform.hooks import app_state

ASSETS = "assets"
COMPRESSIBLE = {".css", ".js", ".svg", ".txt"}  # text; images and fonts are compressed already
YEAR = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Asset:
    path: str  # under static/, as templates name it
    hashed: str  # the name served for a year
    mimetype: str
    gzipped: bytes | None  # None: not worth compressing


def _scan(folder: Path) -> dict[str, Asset]:
    found = {}
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = file.read_bytes()
        path = file.relative_to(folder).as_posix()
        digest = hashlib.sha256(data).hexdigest()[:10]
        stem, dot, suffix = path.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot else f"{path}.{digest}"
        packed = gzip.compress(data, 9, mtime=0) if file.suffix in COMPRESSIBLE else None
        mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        found[path] = Asset(
            path, hashed, mimetype, packed if packed and len(packed) < len(data) else None
        )
    return found


def _serve(filename: str):
    by_name: dict[str, Asset] = app_state(ASSETS, dict[str, Asset])
    asset = by_name.get(filename)
    if asset is None:
        return current_app.send_static_file(filename)  # a plain name, or nothing: 404
    if asset.gzipped is not None and "gzip" in request.accept_encodings:
        response = Response(asset.gzipped, mimetype=asset.mimetype)
        response.headers["Content-Encoding"] = "gzip"
        response.set_etag(asset.hashed + ".gz")
    else:
        response = current_app.send_static_file(asset.path)
    response.vary.add("Accept-Encoding")
    response.cache_control.public = True
    response.cache_control.max_age = YEAR
    response.cache_control.immutable = True
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    assert app.static_folder is not None
    assets = _scan(Path(app.static_folder))
    app_state(ASSETS, dict[str, Asset], app).update(
        {asset.hashed: asset for asset in assets.values()}
    )

    @app.url_defaults
    def _current_name(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in assets:
            values["filename"] = assets[values["filename"]].hashed

    app.view_functions["static"] = _serve
