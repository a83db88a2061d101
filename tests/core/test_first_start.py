"""A new owner is told what to do: the server's first start prints the next steps, and the
dashboard lists what to fill in until the site is ready."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import login_staff, submit


def test_the_first_start_says_how_to_make_the_owner_account(tmp_path):
    script = (
        "import sys; sys.argv = ['gunicorn']\n"
        "from clinic_site import create_app\n"
        f"create_app({{'INSTANCE_PATH': {str(tmp_path)!r}}})\n"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert "create-staff owner" in result.stderr and "/admin/login" in result.stderr
    assert "two-step sign-in" in result.stderr


def test_the_dashboard_lists_the_first_steps_until_they_are_done(app, client, staff_factory):
    login_staff(client, *staff_factory("owner"))
    page = client.get("/admin/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Getting the site ready" in page
    for words in ("clinic's name", "privacy manager", "fees", "privacy policy"):
        assert words in page, words
    submit(client, "/admin/settings", {
        "clinic_name": "Haneul", "privacy_manager_name": "Park", "privacy_manager_phone": "02-1",
        "privacy_manager_email": "p@example.com", "consultation_retention_days": "365",
        "cookie_revision": "1",
    })  # fmt: skip
    submit(client, "/admin/fees", {"kind": "certificate", "name": "진단서", "price": "20000"})
    client.get("/policy")  # version 1 is announced the first time the policy is needed
    page = client.get("/admin/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Getting the site ready" not in page
