"""The Ministry's notice on certificate fees: its items and the upper limit of each, as data.

The list ships in ``notice_items.json``; when the notice changes, the operator puts an updated
copy at ``instance/notice_items.json``, which is read instead (its ``in_force_since`` date is
shown on the fee pages)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask import current_app

from ..platform.hooks import app_state

SHIPPED = Path(__file__).with_name("notice_items.json")


@dataclass(frozen=True)
class Item:
    key: str
    ko: str
    en: str
    cap: int  # whole won; per page where ``unit`` is "page"
    unit: str = ""

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.ko


@dataclass(frozen=True)
class Notice:
    title_ko: str
    title_en: str
    since: date
    items: dict[str, Item]

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_ko


def _read() -> Notice:
    own = Path(current_app.instance_path, "notice_items.json")
    data = json.loads((own if own.exists() else SHIPPED).read_text(encoding="utf-8"))
    items = {row["key"]: Item(**row) for row in data["items"]}
    return Notice(data["notice"], data["notice_en"], date.fromisoformat(data["in_force_since"]),
                  items)  # fmt: skip


def notice() -> Notice:
    """The notice, read once per worker."""
    return app_state("fee_notice", _read)
