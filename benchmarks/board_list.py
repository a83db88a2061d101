"""How the consultation list costs as the board grows: 100 posts, then 100,000.

    python benchmarks/board_list.py                       # SQLite in a temporary folder
    python benchmarks/board_list.py postgresql+psycopg://postgres@127.0.0.1/clinic_bench

Prints the median and worst time of 100 requests (in-process test client, so the figures are the
app's own cost without a network) for the first, a middle and the last page. The target: a deep
page at 100,000 posts within about 1.5x of the first page at 100 posts. Run it on a quiet machine;
compare figures from one run, not across machines. The PostgreSQL database must exist and be empty.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from clinic_site import create_app
from clinic_site.board.models import ConsultationPost
from clinic_site.extensions import db

T0 = datetime(2025, 1, 1, tzinfo=UTC)
PER_PAGE = 20


def measure(client, path: str, runs: int = 100) -> tuple[float, float]:
    client.get(path)  # warm caches once
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(samples), max(samples)


def fill(app, total: int) -> None:
    """Bulk-insert posts up to ``total`` (a third of them answered)."""
    with app.app_context():
        have = db.session.scalar(sa.select(sa.func.count()).select_from(ConsultationPost))
        rows = [
            {
                "name": f"Patient {i}", "password_hash": "x", "mobile": "010-0000-0000",
                "title": f"Question {i}", "body": "b" * 500, "agree_privacy": True,
                "agree_sensitive": True, "created_at": T0 + timedelta(minutes=i),
                "last_reply_at": T0 + timedelta(minutes=i + 5) if i % 3 == 0 else None,
            }
            for i in range(have, total)
        ]  # fmt: skip
        for start in range(0, len(rows), 5000):
            db.session.execute(sa.insert(ConsultationPost), rows[start : start + 5000])
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("VACUUM ANALYZE consultation_post"))


def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = create_app({
        "DATABASE_URL": url, "SECRET_KEY": "benchmark", "RATELIMIT_ENABLED": False,
        "INSTANCE_PATH": tempfile.mkdtemp(), "VISIT_RECORDS_ENABLED": False,
    })  # fmt: skip
    client = app.test_client()
    for total in (100, 100_000):
        fill(app, total)
        last = (total + PER_PAGE - 1) // PER_PAGE
        for page in (1, last // 2 or 1, last):
            median, worst = measure(client, f"/consultations?page={page}")
            print(f"{total:>7} posts  page {page:>5}  median {median:6.1f} ms", end="  ")
            print(f"worst {worst:6.1f} ms")


if __name__ == "__main__":
    main()
