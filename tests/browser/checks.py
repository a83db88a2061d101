"""What the browser checks on a page: axe-core's WCAG 2.1 A and AA rules, and at a phone's width
that nothing scrolls sideways and no word is broken across lines; and the Nu HTML Checker over the
HTML the server sent."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from tests.browser.tools import AXE, VNU

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => `${v.id}: ${v.help} at ` +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""

# Words (runs of letters and digits) broken across two lines, cells narrower than their content,
# and the page wider than the screen. Korean is kept whole by `word-break: keep-all`; a line may
# still break at punctuation, and a long web or mail address anywhere.
LAYOUT = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`scrolls sideways: ${root.scrollWidth} px wide at ${root.clientWidth} px`);
  }
  const skip = "SCRIPT,STYLE,NOSCRIPT,TEXTAREA,SELECT,OPTION,TEMPLATE";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const box = parent.getBoundingClientRect();
    if (box.width < 2 || box.right <= 0) continue;  // hidden, or off screen for people
    for (const token of node.textContent.matchAll(/\\S+/g)) {
      // A web or mail address may break anywhere; it can be longer than a phone is wide.
      if (/@|:\\/\\/|^\\S{41,}$/.test(token[0])) continue;
      for (const match of token[0].matchAll(/[\\p{L}\\p{N}]{2,}/gu)) {
        const start = token.index + match.index;
        range.setStart(node, start);
        range.setEnd(node, start + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0)
                                                          .map(r => Math.round(r.bottom)));
        if (lines.size > 1) problems.push(`"${match[0]}" broken in <${parent.localName}>`);
      }
    }
  }
  for (const cell of document.querySelectorAll("td, th")) {
    if (cell.getClientRects().length && cell.scrollWidth > cell.clientWidth + 1) {
      problems.push(`a cell is narrower than its content: ${cell.textContent.trim().slice(0, 40)}`);
    }
  }
  return problems;
}"""


# What a person reads on the page, without names the site shows as they are (a cookie's name in
# <code>, a member's ID marked translate="no") and without the clinic's own texts (Markdown the
# owner or a visitor wrote is theirs to word).
VISIBLE_WORDS = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll(
    "code, [translate=no], .policy-text, .prose, textarea, input, .antispam-trap")
    .forEach(e => e.remove());
  return body.innerText;
}"""
# A program's code: lower-case words joined by underscores ("representative_confirmed").
CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def codes(page) -> list[str]:
    """Program codes a Korean page shows where words belong."""
    return sorted(set(CODE.findall(page.evaluate(VISIBLE_WORDS))))


def accessibility(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, WCAG)


def layout(page) -> list[str]:
    return page.evaluate(LAYOUT)


def html_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """Errors the Nu HTML Checker finds in each page's HTML, as '<page>: <message>'."""
    folder.mkdir(parents=True, exist_ok=True)
    names = {}
    for n, (name, html) in enumerate(pages.items()):
        path = folder / f"page{n:03d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.resolve().as_uri()] = name
    run = subprocess.run(  # noqa: S603 - the checker on our own files
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
         *sorted(str(path) for path in folder.glob("page*.html"))],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        f"{names.get(m.get('url', ''), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
