"""How fast the pages a patient reads are, measured the way a clinic serves them.

    python benchmarks/site.py                       # everything, on SQLite (about 10 minutes)
    python benchmarks/site.py --database postgresql+psycopg://postgres@127.0.0.1/postgres
    python benchmarks/site.py --only pages --workers gthread --seconds 8 --json result.json

Three parts, each on a fresh database (a PostgreSQL URL names the server: the benchmark creates
its own database there and drops it):

pages   Seeds 100,000 inquiries, 10,000 members, 50,000 reservations and 20 policy versions
        (``benchmarks/seed.py``), serves them with gunicorn (2 workers, rate limits off), loads
        each page with wrk (2 threads, 16 connections) and prints requests per second, p50, p99,
        each page's ratio to /healthz in the same run, and the SQL statements one request runs,
        both for a page served from the kept copy and for one rendered afresh. The public forms
        are loaded as a visitor; the pages marked "(member)" with the session cookie of a seeded
        member signed in once through /account/login (with its CSRF token). Two POSTs follow:
        a new inquiry (which hashes the inquiry's password with argon2, here at the tests' low
        cost, so it is no target) and a booking of a time already taken (the refusal, 409; no
        password hashed).
scale   The board's list at 1,000, 100,000 and 1,000,000 inquiries with page keeping off (what
        rendering costs): the first page, ?page=N in the middle and at the end, and the last
        page reached by the "older" links; ratios to the first page at 1,000.
purge   1,000,000 inquiries past their retention period, destroyed by ``flask purge`` while wrk
        loads the list (2 connections, one per worker): how long the purge takes, and the list's
        latency before and during it.

Compare ratios from one run, not absolute figures across machines.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed  # noqa: E402 - the benchmark's own helper, beside it

PAGES = [
    ("/healthz", "/healthz"),
    ("/", "/"),
    ("/policy", "/policy"),
    ("/policy/20/changes", "/policy/20/changes"),
    ("/cookies", "/cookies"),
    ("/fees", "/fees"),
    ("/notices", "/notices"),
    ("/consultations (first)", "/consultations"),
    ("/consultations (middle)", "/consultations?page=2500"),
    ("/consultations (last)", "/consultations?page=5000"),
    ("/consultations/new", "/consultations/new"),
    ("/consultations/1 (password)", "/consultations/1"),
    ("/account/register", "/account/register"),
    ("/account/register/child", "/account/register/child"),
    ("/account/login", "/account/login"),
    ("/reservations/request (guest)", "/reservations/request"),
    ("/rights", "/rights"),
    # A member's pages, signed in: the booking page with its month view, my reservations, my
    # information, my rights requests and my waiting list.
    ("/reservations/new (member)", "/reservations/new"),
    ("/reservations (member)", "/reservations"),
    ("/account (member)", "/account"),
    ("/account/rights (member)", "/account/rights"),
    ("/reservations/waitlist (member)", "/reservations/waitlist"),
]
WSGI = """
from clinic_site import create_app

app = create_app({config!r})
"""
TEST_COST = {"PASSWORD_HASH_TIME_COST": 1, "PASSWORD_HASH_MEMORY_COST": 8,
             "PASSWORD_HASH_PARALLELISM": 1}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database(url: str | None, folder: Path) -> tuple[str, Callable[[], None]]:
    """A fresh database URL and a function that removes it."""
    if url is None:
        return f"sqlite:///{folder / 'clinic.sqlite3'}", lambda: None
    name = f"clinic_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    return sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False), drop


def site_config(url: str, folder: Path, **extra) -> dict:
    return {"DATABASE_URL": url, "SECRET_KEY": "bench", "CLINIC_MODE": "members",
            "INSTANCE_PATH": str(folder / "instance"), "RATELIMIT_ENABLED": False,
            "DAILY_PURGE": "off", "CLINIC_FORM_MIN_SECONDS": 0, "CLINIC_STAFF_2FA": "optional",
            **TEST_COST, **extra}  # fmt: skip


def fresh(args, folder: Path) -> tuple[str, Callable[[], None]]:
    """A new, migrated database."""
    from clinic_site import create_app

    folder = Path(tempfile.mkdtemp(dir=folder))  # each database its own
    url, drop = database(args.database, folder)
    create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "INSTANCE_PATH": str(folder / "m")})
    return url, drop


def serve(config: dict, folder: Path, worker_class: str) -> tuple[subprocess.Popen, str]:
    (folder / "bench_wsgi.py").write_text(WSGI.format(config=config))
    port = free_port()
    workers = ["--workers", "2"]
    if worker_class == "gthread":
        workers += ["--worker-class", "gthread", "--threads", "4"]
    process = subprocess.Popen(  # noqa: S603 - our own server on loopback
        [sys.executable, "-m", "gunicorn", *workers, "--bind", f"127.0.0.1:{port}",
         "--chdir", str(folder), "--log-level", "warning", "bench_wsgi:app"],
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).close()  # noqa: S310
            return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(30)


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> None:
        body = urllib.parse.urlencode(data).encode()
        self.opener.open(self.base + path, body, timeout=30).close()

    def token(self, path: str) -> str:
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(path)).group(1)

    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def _wrk_figures(out: str) -> dict:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(value: str, unit: str) -> float:
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]

    def latency(percent: str) -> float:
        return ms(*re.search(rf"{percent}%\s+([\d.]+)(us|ms|s)", out).groups())

    worst = re.search(r"Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rate, "p50": latency("50"), "p99": latency("99"),
            "max": ms(*worst.groups()) if worst else 0.0,
            "non_2xx_3xx": int(errors.group(1)) if errors else 0}  # fmt: skip


def wrk_command(url: str, seconds: int, connections: int = 16, cookie: str = "",
                script: Path | None = None) -> list[str]:  # fmt: skip
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", str(script)]
    return command


def wrk(
    url: str, seconds: int, cookie: str = "", script: Path | None = None, connections: int = 16
) -> dict:
    # A second's warm-up first: each worker's first requests compile templates and read settings.
    warm = wrk_command(url, 1, connections, cookie, script)
    subprocess.run(warm, capture_output=True, check=True)  # noqa: S603
    command = wrk_command(url, seconds, connections, cookie, script)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return _wrk_figures(out)


def post_script(folder: Path, name: str, cookie: str, body: dict) -> Path:
    path = folder / f"{name}.lua"
    encoded = urllib.parse.urlencode(body)
    path.write_text(
        'wrk.method = "POST"\n'
        f"wrk.body = {json.dumps(encoded)}\n"
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = {json.dumps(cookie)}\n'
    )
    return path


def counted_app(config: dict):
    """An app whose SQL statements are counted, and the counter."""
    from clinic_site import create_app
    from clinic_site.extensions import db

    app = create_app({**config, "VISIT_RECORDS_ENABLED": False})
    counted: list[int] = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a, **k: counted.append(1))
    return app, counted


def queries(config: dict) -> dict[str, tuple[int, int]]:
    """SQL statements of one request of each page: served from the kept copy, and rendered."""
    found: dict[str, list[int]] = {}
    for keep in (300, 0):
        app, counted = counted_app({**config, "PAGE_CACHE_SECONDS": keep})
        client, member = app.test_client(), app.test_client()
        page = member.get("/account/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        signed = member.post("/account/login", data={
            "username": "member_1", "password": seed.PASSWORD, "csrf_token": token})  # fmt: skip
        assert signed.status_code == 303, signed.status_code
        for label, path in PAGES:
            who = member if "(member)" in label else client
            who.get(path)  # the first request reads the settings, as a running site has them
            counted.clear()
            response = who.get(path)
            assert response.status_code == 200, (label, response.status_code)
            found.setdefault(label, []).append(len(counted))
    return {label: (kept, rendered) for label, (kept, rendered) in found.items()}


def pages(args, folder: Path) -> dict:
    url, drop = fresh(args, folder)
    try:
        seed.seed(url, args.posts, args.members, args.reservations, 20)
        config = site_config(url, folder)
        counts = queries(config)
        process, base = serve(config, folder, args.workers)
        try:
            return measure(base, folder, args.seconds, counts)
        finally:
            stop(process)
    finally:
        drop()


def measure(base: str, folder: Path, seconds: int, counts: dict[str, tuple[int, int]]) -> dict:
    member = Browser(base)
    member.post("/account/login", {"username": "member_1", "password": seed.PASSWORD,
                                   "csrf_token": member.token("/account/login")})  # fmt: skip
    visitor = Browser(base)
    results = {}
    for label, path in PAGES:
        cookie = member.cookie() if "(member)" in label else ""
        kept, rendered = counts[label]
        results[label] = {
            **wrk(base + path, seconds, cookie),
            "sql": kept,
            "sql_rendered": rendered,
        }
    token = visitor.token("/consultations/new")  # first: the visit sets the session cookie
    inquiry = post_script(folder, "inquiry", visitor.cookie(), {
        "csrf_token": token, "name": "홍길동", "password": "secret-123",
        "mobile": "010-1234-5678", "title": "Bench", "body": "A question.",
        "agree_privacy": "y", "agree_sensitive": "y",
    })  # fmt: skip
    results["POST /consultations/new (argon2)"] = wrk(
        base + "/consultations/new", seconds, script=inquiry
    )
    page = member.get("/reservations/new")
    slot = re.search(r'name="slot" type="radio" value="([^"]+)"', page).group(1)
    booking = post_script(folder, "booking", member.cookie(), {
        "csrf_token": member.token("/reservations/new"), "service": "1", "doctor": "any",
        "slot": slot, "note": "",
    })  # fmt: skip
    # One booking takes the slot; every later one is the refusal a second patient meets.
    results["POST /reservations/new (taken)"] = wrk(
        base + "/reservations/new", seconds, script=booking
    )
    health = results["/healthz"]["rps"]
    for row in results.values():
        row["ratio"] = round(row["rps"] / health, 2)
    return results


def _edge_links(url: str, total: int) -> dict[str, str]:
    """The list's addresses at ``total`` inquiries: by page number, and the last page as the
    "older" links reach it (beside the inquiry at the edge of the page before)."""
    engine = sa.create_engine(url)
    last = (total + 19) // 20
    with engine.connect() as conn:
        edge = conn.execute(sa.text(
            "SELECT id FROM consultation_post ORDER BY created_at DESC, id DESC "
            "LIMIT 1 OFFSET :n"), {"n": (last - 1) * 20 - 1}).scalar()  # fmt: skip
    engine.dispose()
    return {
        "first": "/consultations",
        "last (older link)": f"/consultations?page={last}&older_than={edge}",
        "middle (?page=N)": f"/consultations?page={max(last // 2, 1)}",
        "last (?page=N)": f"/consultations?page={last}",
    }


def drained(base: str) -> None:
    """Wait until the workers have finished what the last load left queued: a slow page leaves
    requests behind that the next measurement would otherwise pay for."""
    quick = 0
    for _ in range(600):
        started = time.monotonic()
        urllib.request.urlopen(base + "/healthz", timeout=60).close()  # noqa: S310
        quick = quick + 1 if time.monotonic() - started < 0.05 else 0
        if quick == 5:
            return
        time.sleep(0.1)


def scale(args, folder: Path) -> dict:
    results: dict = {}
    for total in (1_000, 100_000, 1_000_000):
        url, drop = fresh(args, folder)
        try:
            seed.seed(url, total, 10, 0, 1)
            config = site_config(url, folder, PAGE_CACHE_SECONDS=0)
            process, base = serve(config, folder, args.workers)
            try:
                for label, path in _edge_links(url, total).items():
                    drained(base)
                    results[f"{total:,} posts, {label}"] = wrk(base + path, args.seconds)
            finally:
                stop(process)
        finally:
            drop()
    first = results["1,000 posts, first"]["rps"]
    for row in results.values():
        row["ratio"] = round(row["rps"] / first, 2)
    return results


def purge(args, folder: Path) -> dict:
    url, drop = fresh(args, folder)
    try:
        seed.seed(url, 10_000, 10, 0, 1, expired=args.expired)
        config = site_config(url, folder)
        process, base = serve(config, folder, args.workers)
        try:
            # Two connections, one per worker: what a request meets, without a queue of others.
            quiet = wrk(base + "/consultations", args.seconds, connections=2)
            load = subprocess.Popen(  # noqa: S603
                wrk_command(base + "/consultations", 3600, connections=2),
                stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            time.sleep(1)
            env = {**os.environ, "PYTHONPATH": os.getcwd(), "DATABASE_URL": url,
                   "SECRET_KEY": "bench", "CLINIC_MODE": "members"}  # fmt: skip
            started = time.monotonic()
            done = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "flask", "--app", "clinic_site", "purge"],
                env=env, capture_output=True, text=True, check=True, cwd=folder,
            )  # fmt: skip
            seconds = time.monotonic() - started
            load.send_signal(signal.SIGINT)  # wrk prints its figures when interrupted
            during = _wrk_figures(load.communicate(timeout=30)[0])
        finally:
            stop(process)
        destroyed = int(re.search(r"consultation: (\d+)", done.stdout).group(1))
        return {"destroyed": destroyed, "seconds": round(seconds, 1), "quiet": quiet,
                "during": during}  # fmt: skip
    finally:
        drop()


def pages_table(results: dict) -> str:
    lines = ["| page | req/s | ratio to /healthz | p50 ms | p99 ms | SQL kept / rendered |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for label, row in results.items():
        sql = f"{row['sql']} / {row['sql_rendered']}" if "sql" in row else ""
        lines.append(f"| {label} | {row['rps']:,.0f} | {row['ratio']:.2f} | {row['p50']:.1f} | "
                     f"{row['p99']:.1f} | {sql} |")  # fmt: skip
    return "\n".join(lines)


def scale_table(results: dict) -> str:
    lines = ["| list page (rendered, no keeping) | req/s | ratio to 1,000 posts, first | p99 ms |",
             "|---|---|---|---|"]  # fmt: skip
    for label, row in results.items():
        lines.append(f"| {label} | {row['rps']:,.0f} | {row['ratio']:.2f} | {row['p99']:.1f} |")
    return "\n".join(lines)


def purge_table(row: dict) -> str:
    lines = [
        f"flask purge destroyed {row['destroyed']:,} expired inquiries in {row['seconds']} s "
        "while wrk loaded the list (2 connections):",
        "",
        "| list page | req/s | p50 ms | p99 ms | slowest request ms |",
        "|---|---|---|---|---|",
    ]
    for label, words in (("quiet", "before the purge"), ("during", "during the purge")):
        f = row[label]
        lines.append(
            f"| {words} | {f['rps']:,.0f} | {f['p50']:.1f} | {f['p99']:.1f} | {f['max']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", help="a PostgreSQL server URL; SQLite when left out")
    parser.add_argument("--only", choices=["pages", "scale", "purge"], action="append")
    parser.add_argument("--workers", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--reservations", type=int, default=50_000)
    parser.add_argument("--expired", type=int, default=1_000_000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    parts = args.only or ["pages", "scale", "purge"]
    found: dict = {}
    for part, run, table in (("pages", pages, pages_table), ("scale", scale, scale_table),
                             ("purge", purge, purge_table)):  # fmt: skip
        if part not in parts:
            continue
        folder = Path(tempfile.mkdtemp(prefix="clinic-bench-"))
        try:
            found[part] = run(args, folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        print(table(found[part]) + "\n", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
