"""A readable comparison of two policy texts: passages added, removed, and changed word by word.

The texts are Markdown; people read the comparison, so it compares what they read: headings,
list items, table rows and paragraphs, without the markup (no "##", no "|---|") and without the
blank lines between them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

CONTEXT = 2  # unchanged lines shown around each change
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Row:
    """One passage of the comparison. ``kind``: same | added | removed | changed | skipped.
    ``parts`` are (op, text) with op in same | ins | del; ``skipped`` counts hidden passages;
    ``style`` is what the passage is: heading | item | text."""

    kind: str
    parts: tuple[tuple[str, str], ...] = ()
    skipped: int = 0
    style: str = "text"


_HEADING = re.compile(r"^#{1,6}\s+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_ESCAPES = re.compile(r"\\([\\`*_\[\]<>|#])")


def passages(text: str) -> list[tuple[str, str]]:
    """(style, words) for each heading, list item, table row and paragraph line of ``text``."""
    found = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _TABLE_RULE.match(line):
            continue
        style = "text"
        if _HEADING.match(line):
            style, line = "heading", _HEADING.sub("", line)
        elif _ITEM.match(line):
            style, line = "item", _ITEM.sub("", line)
        elif line.startswith("|"):
            line = " · ".join(cell.strip() for cell in line.strip("|").split("|"))
        line = _ESCAPES.sub(r"\1", line.replace("**", ""))
        found.append((style, line))
    return found


def _words(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("del", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("ins", "".join(b[j1:j2])))
    return parts


def _same_rows(lines: list[tuple[str, str]], first: bool, last: bool) -> list[Row]:
    keep_head = 0 if first else CONTEXT
    keep_tail = 0 if last else CONTEXT
    if len(lines) <= keep_head + keep_tail + 1:
        return [Row("same", (("same", text),), style=style) for style, text in lines]
    rows = [Row("same", (("same", text),), style=style) for style, text in lines[:keep_head]]
    rows.append(Row("skipped", skipped=len(lines) - keep_head - keep_tail))
    rows += [
        Row("same", (("same", text),), style=style)
        for style, text in lines[len(lines) - keep_tail :]
    ]
    return rows


# Announced versions never change, so each comparison is worked out once and kept.
@lru_cache(maxsize=32)
def compare(old: str, new: str) -> tuple[Row, ...]:
    """The rows that turn ``old`` into ``new``, passage by passage; long unchanged stretches are
    folded."""
    a, b = passages(old), passages(new)
    opcodes = difflib.SequenceMatcher(
        None, [text for _s, text in a], [text for _s, text in b], autojunk=False
    ).get_opcodes()
    rows: list[Row] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            rows += _same_rows(a[i1:i2], index == 0, index == len(opcodes) - 1)
        elif op == "replace" and i2 - i1 == j2 - j1:
            rows += [
                Row("changed", tuple(_words(x[1], y[1])), style=y[0])
                for x, y in zip(a[i1:i2], b[j1:j2], strict=True)
            ]
        else:
            rows += [Row("removed", (("del", text),), style=style) for style, text in a[i1:i2]]
            rows += [Row("added", (("ins", text),), style=style) for style, text in b[j1:j2]]
    return tuple(rows)


def counts(rows: tuple[Row, ...]) -> dict[str, int]:
    """How many lines were added, removed and changed."""
    tally = {"added": 0, "removed": 0, "changed": 0}
    for row in rows:
        if row.kind in tally:
            tally[row.kind] += 1
    return tally
