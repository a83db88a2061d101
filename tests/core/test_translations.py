"""Every string shown to people has a Korean translation, and the shipped catalogs are compiled
from the current sources."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "clinic_site" / "translations"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "-o",
            str(pot),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    return _read(pot)


def _read(path: Path, lang: str | None = None):
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_string_is_translated(template, lang):
    catalog = _read(CATALOGS / lang / "LC_MESSAGES" / "messages.po", lang)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = (
            found.string
            if found and isinstance(found.string, tuple)
            else ((found.string,) if found else ("",))
        )
        if not found or found.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_compiled_catalog_matches_its_source(lang):
    folder = CATALOGS / lang / "LC_MESSAGES"
    source = _read(folder / "messages.po", lang)
    compiled = read_mo(io.BytesIO((folder / "messages.mo").read_bytes()))
    # Entries not translated yet are reported by the test above, not here.
    translated = {
        _key(m.id): _key(m.string)
        for m in source
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    compiled_strings = {_key(m.id): _key(m.string) for m in compiled if m.id}
    assert {key: compiled_strings.get(key) for key in translated} == translated
    assert set(compiled_strings) <= {_key(m.id) for m in source if m.id}


def _key(value):
    # Plural entries come back as a tuple from .po files and a list from .mo files.
    return tuple(value) if isinstance(value, list | tuple) else value
