"""`flask policy import`: bringing an existing announcement history over."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clinic_site.policy import queries

# These tests follow a clinic's policy history from its first start.
pytestmark = pytest.mark.new_clinic


@pytest.fixture
def policy_file(tmp_path):
    path = tmp_path / "policy.md"
    path.write_text("# 개인정보 처리방침\n\n예전 방침입니다.\n", encoding="utf-8")
    return path


def _run(runner, path, announced, effective, summary="Old policy."):
    return runner.invoke(
        args=[
            "policy",
            "import",
            str(path),
            "--announced",
            announced,
            "--effective",
            effective,
            "--summary",
            summary,
        ]  # fmt: skip
    )


def test_import_adds_history(app, runner, policy_file, client):
    result = _run(runner, policy_file, "2023-12-01", "2023-12-01")
    assert result.exit_code == 0, result.output
    assert "Imported policy version 1" in result.output
    result = _run(runner, policy_file, "2024-06-01", "2024-06-08", "Second.")
    assert result.exit_code == 0, result.output
    with app.app_context():
        versions = queries.versions()
        assert [v.number for v in versions] == [2, 1]
        assert versions[1].announced_on == date(2023, 12, 1)
        assert versions[1].body_ko.startswith("# 개인정보")
        assert versions[1].origin == "import" and versions[1].announced_by is None
    page = client.get("/policy", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "예전 방침입니다." in page and '<time datetime="2023-12-01">' in page


@pytest.mark.parametrize(
    ("announced", "effective"),
    [
        ("2023-12-01", "2023-11-30"),
        ("2023-13-01", "2023-12-01"),
        ("yesterday", "2023-12-01"),
        ("2023-12-01", ""),
    ],  # fmt: skip
)
def test_invalid_dates_are_refused(app, runner, policy_file, announced, effective):
    result = _run(runner, policy_file, announced, effective)
    assert result.exit_code != 0
    with app.app_context():
        assert queries.versions() == []


def test_out_of_order_import_is_refused(app, runner, policy_file):
    assert _run(runner, policy_file, "2024-06-01", "2024-06-08").exit_code == 0
    result = _run(runner, policy_file, "2023-12-01", "2023-12-01")
    assert result.exit_code != 0
    assert "version 1" in result.output and "oldest first" in result.output
    result = _run(runner, policy_file, "2024-06-02", "2024-06-07")  # takes effect earlier
    assert result.exit_code != 0
    with app.app_context():
        assert len(queries.versions()) == 1


def test_empty_file_is_refused(app, runner, tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    assert _run(runner, empty, "2023-12-01", "2023-12-01").exit_code != 0


def test_a_version_announced_after_today_or_effective_over_a_year_on_is_refused(
    app, runner, policy_file, set_now
):
    set_now(datetime(2026, 5, 1, 3, tzinfo=UTC))
    future = _run(runner, policy_file, "2026-05-02", "2026-05-09")
    assert future.exit_code != 0 and "after today (2026-05-01)" in future.output
    far = _run(runner, policy_file, "2026-04-01", "9999-12-31")
    assert far.exit_code != 0 and "366 days after today: 2027-05-02 at the latest" in far.output
    with app.app_context():
        assert queries.versions() == []
    assert _run(runner, policy_file, "2026-05-01", "2027-05-02").exit_code == 0
