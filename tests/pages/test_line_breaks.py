"""The clinic's own short texts keep the lines the owner typed (directions read like a text
message); a policy keeps Markdown's paragraphs."""

from __future__ import annotations

from clinic_site.core.markdown import render, render_lines
from tests.helpers import submit


def test_directions_keep_each_line_the_owner_typed(app, en_owner_client, client):
    texts = en_owner_client.get("/admin/pages").get_data(as_text=True)
    assert "Each line you type stays a line" in texts
    directions = "강남역 3번 출구에서 걸어서 3분\n버스 7011번 강남역 하차"
    sent = submit(en_owner_client, "/admin/pages", {"transit_ko": directions})
    assert sent.status_code in (302, 303)
    page = client.get("/location").get_data(as_text=True)
    assert "걸어서 3분<br>" in page or "걸어서 3분<br />" in page


def test_only_owner_texts_keep_single_line_breaks():
    assert "<br" in render_lines("one\ntwo") and "<br" not in render("one\ntwo")
    assert "<script" not in render_lines("<script>alert(1)</script>\nx")
