"""Fill a migrated database with a busy clinic's data, fast (bulk inserts), all dated recently so
that retention keeps it: consultations, members, reservations and policy versions.

    python benchmarks/seed.py DATABASE_URL [--posts N] [--members N] [--reservations N]
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time, timedelta

from clinic_site import create_app
from clinic_site.extensions import db

BATCH = 5_000
# Every seeded member signs in with this (hashed with argon2id at test cost).
PASSWORD = "bench-password-1"  # noqa: S105 - a benchmark account on a throwaway database


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _insert(table: str, rows) -> None:
    """Insert ``rows`` (any iterable of dicts, a generator for millions) a batch at a time."""
    target = db.metadata.tables[table]
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            db.session.execute(target.insert(), batch)
            db.session.commit()
            batch = []
    if batch:
        db.session.execute(target.insert(), batch)
    db.session.commit()


def posts(count: int, now: datetime, password: str, days_ago: int = 300):
    """``count`` inquiries spread evenly over the ``days_ago`` days before now (retention keeps a
    year from the last reply; more than 365 days ago makes them expired)."""
    step = timedelta(days=min(days_ago, 300)) / max(count, 1)
    start = now - timedelta(days=days_ago)
    for i in range(count):
        yield {"name": f"환자{i}", "password_hash": password, "mobile": "010-0000-0000",
               "title": f"문의 {i}", "body": "잇몸이 붓고 아파요. " * 8, "agree_privacy": True,
               "agree_sensitive": True, "created_at": start + step * i,
               "last_reply_at": None}  # fmt: skip


def seed(
    url: str, posts_count: int, members: int, reservations: int, versions: int, expired: int = 0
) -> None:
    """Seed a migrated database; ``expired`` adds inquiries past their retention period, for
    the purge to destroy."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "DAILY_PURGE": "off",
                      "PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_COST": 8,
                      "PASSWORD_HASH_PARALLELISM": 1, "CLINIC_MODE": "members"})  # fmt: skip
    with app.test_request_context():
        from clinic_site.platform.passwords import hash_password

        now = _now()
        password = hash_password(PASSWORD)
        _settings(now)
        _policy(versions, now)
        _insert("consultation_post", posts(expired, now, password, days_ago=800))
        _insert("consultation_post", posts(posts_count, now, password))
        _insert("member", [
            {"username": f"member_{i}", "name": f"회원{i}", "password_hash": password,
             "phone": "02-123-4567", "mobile": "010-1111-2222", "email": None,
             "email_opt_in": False, "is_child": False, "agreed_at": now, "created_at": now,
             "session_token": f"{i:032x}", "consent_policy_version": versions}
            for i in range(members)
        ])  # fmt: skip
        _reservations(reservations, members)
    _analyze(url)


def _analyze(url: str) -> None:
    """Vacuum and analyze, as a live database is: fresh bulk inserts leave PostgreSQL without
    statistics or a visibility map, and every index scan then visits the table too."""
    import sqlalchemy as sa

    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(
            sa.text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
        )
    engine.dispose()


def _settings(now: datetime) -> None:
    from clinic_site.settings.services import update_settings

    update_settings(clinic_name="하늘치과의원", address="서울특별시 중구 세종대로 110",
                    phone="02-555-0100", privacy_manager_name="박지영",
                    privacy_manager_phone="02-555-0101",
                    privacy_manager_email="privacy@clinic.example")  # fmt: skip
    db.session.commit()


def _policy(versions: int, now: datetime) -> None:
    from clinic_site.policy.generated import first_version_draft

    draft = first_version_draft("members")
    today = now.date()
    rows = []
    for n in range(1, versions + 1):
        day = today - timedelta(days=(versions - n + 1) * 30)
        rows.append({"number": n, "body_ko": draft.body_ko + f"\n\n개정 {n}.\n",
                     "body_en": draft.body_en + f"\n\nRevision {n}.\n",
                     "summary": f"Revision {n}", "announced_on": day, "effective_on": day,
                     "origin": "import", "created_at": now})  # fmt: skip
    _insert("policy_version", rows)


def _reservations(total: int, members: int) -> None:
    """Past visits over the last 300 days (kept a year after the visit), spread over the slots of
    each day; past visits hold no seat."""
    from zoneinfo import ZoneInfo

    seoul = ZoneInfo("Asia/Seoul")
    first = date.today() - timedelta(days=300)
    rows = []
    for n in range(total):
        day = first + timedelta(days=n % 300)
        start = datetime.combine(day, time(9), tzinfo=seoul) + timedelta(
            minutes=30 * (n // 300 % 16)
        )
        rows.append({"member_id": 1 + n % max(members, 1), "service_id": 1, "doctor_id": 1,
                     "starts_at": start.astimezone(UTC),
                     "ends_at": (start + timedelta(minutes=30)).astimezone(UTC), "day": day,
                     "status": "completed", "created_at": _now(), "changed_by": ""})  # fmt: skip
    _insert("reservation", rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--reservations", type=int, default=50_000)
    parser.add_argument("--versions", type=int, default=20)
    parser.add_argument("--expired", type=int, default=0, help="inquiries past retention")
    args = parser.parse_args()
    seed(args.url, args.posts, args.members, args.reservations, args.versions, args.expired)


if __name__ == "__main__":
    main()
