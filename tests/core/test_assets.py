"""Static files: a name that follows the content, a year in the browser's cache, gzip once."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from clinic_site.core.assets import _scan

STATIC = Path(__file__).resolve().parents[2] / "clinic_site" / "static"


def _stylesheet(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return re.search(r'href="(/static/css/site\.[0-9a-f]{10}\.css)"', page).group(1)


def test_pages_link_the_current_name_kept_for_a_year(client):
    url = _stylesheet(client)
    with client.get(url) as response:  # a file: closed when read
        assert response.status_code == 200
        assert response.get_data() == (STATIC / "css" / "site.css").read_bytes()
    cache = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache and "public" in cache


def test_browsers_that_accept_gzip_get_it_compressed(client):
    url = _stylesheet(client)
    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    packed = response.get_data()
    assert gzip.decompress(packed) == (STATIC / "css" / "site.css").read_bytes()
    assert len(packed) < len((STATIC / "css" / "site.css").read_bytes()) / 2
    again = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_the_plain_name_still_works_without_the_long_lifetime(client):
    with client.get("/static/css/site.css") as response:
        assert response.status_code == 200
    assert "immutable" not in response.headers.get("Cache-Control", "")
    assert client.get("/static/css/nothing.css").status_code == 404
    assert client.get("/static/css/site.0000000000.css").status_code == 404


def test_the_name_changes_with_the_content(tmp_path):
    (tmp_path / "a.css").write_text("body { color: black }")
    before = _scan(tmp_path)["a.css"].hashed
    (tmp_path / "a.css").write_text("body { color: navy }")
    after = _scan(tmp_path)["a.css"].hashed
    assert before != after and before.startswith("a.") and before.endswith(".css")
