"""`pip install .` gives a wheel that carries the pages, styles, catalogs and migrations, and a site
installed from it alone serves a page in Korean."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("clinic_site-*.whl"))


def test_wheel_carries_templates_static_catalogs_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "clinic_site/templates/base.html",
        "clinic_site/templates/errors/error.html",
        "clinic_site/static/css/site.css",
        "clinic_site/translations/ko/LC_MESSAGES/messages.mo",
        "clinic_site/translations/en/LC_MESSAGES/messages.mo",
        "clinic_site/migrations/env.py",
        "clinic_site/migrations/versions/0001_foundation.py",
    ):
        assert required in names, required
    assert not any(name.startswith("tests/") for name in names)


def test_a_site_installed_from_the_wheel_alone_serves_pages(wheel, tmp_path):
    target = tmp_path / "site-packages"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # -S: skip site-packages' .pth files, so the development checkout cannot stand in for the wheel.
    paths = [str(target), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    script = f"""
import sys
sys.path[:0] = {paths!r}
import clinic_site
assert clinic_site.__file__.startswith({str(target)!r}), clinic_site.__file__
app = clinic_site.create_app({{"INSTANCE_PATH": {str(tmp_path / "instance")!r}}})
client = app.test_client()
page = client.get("/", headers={{"Accept-Language": "ko"}}).get_data(as_text=True)
assert "본문 바로가기" in page, page[:500]
assert client.get("/static/css/site.css").status_code == 200
with app.app_context():
    from clinic_site.accounts.services import password_problem
    # The list of common passwords travels in the wheel.
    assert password_problem("1q2w3e4r5t", "someone") is not None
print("ok")
"""
    result = subprocess.run(
        [sys.executable, "-S", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.strip() == "ok", result.stderr
