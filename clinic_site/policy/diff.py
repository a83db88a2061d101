"""A readable comparison of two policy texts: lines added, removed, and changed word by word."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

CONTEXT = 2  # unchanged lines shown around each change
_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass
class Row:
    """One line of the comparison. ``kind``: same | added | removed | changed | skipped.
    ``parts`` are (op, text) with op in same | ins | del; ``skipped`` counts hidden same lines."""

    kind: str
    parts: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0


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


def _same_rows(lines: list[str], first: bool, last: bool) -> list[Row]:
    keep_head = 0 if first else CONTEXT
    keep_tail = 0 if last else CONTEXT
    if len(lines) <= keep_head + keep_tail + 1:
        return [Row("same", [("same", line)]) for line in lines]
    rows = [Row("same", [("same", line)]) for line in lines[:keep_head]]
    rows.append(Row("skipped", skipped=len(lines) - keep_head - keep_tail))
    rows += [Row("same", [("same", line)]) for line in lines[len(lines) - keep_tail :]]
    return rows


def compare(old: str, new: str) -> list[Row]:
    """The rows that turn ``old`` into ``new``; long unchanged stretches are folded."""
    a, b = old.splitlines(), new.splitlines()
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    rows: list[Row] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            rows += _same_rows(a[i1:i2], index == 0, index == len(opcodes) - 1)
        elif op == "replace" and i2 - i1 == j2 - j1:
            rows += [Row("changed", _words(x, y)) for x, y in zip(a[i1:i2], b[j1:j2], strict=True)]
        else:
            rows += [Row("removed", [("del", line)]) for line in a[i1:i2]]
            rows += [Row("added", [("ins", line)]) for line in b[j1:j2]]
    return rows


def counts(rows: list[Row]) -> dict[str, int]:
    """How many lines were added, removed and changed."""
    tally = {"added": 0, "removed": 0, "changed": 0}
    for row in rows:
        if row.kind in tally:
            tally[row.kind] += 1
    return tally
