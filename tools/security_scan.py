"""Two security scans of the running site: sqlmap (SQL injection) against the forms and queries
a visitor, a member and staff send, and the Mozilla HTTP Observatory (headers, cookies, HTTPS)
against the public pages, served over HTTPS as in production.

    pip install sqlmap                              # a dev tool, not a dependency of the site
    python tools/security_scan.py                   # both, about 3 minutes (at most 10)
    python tools/security_scan.py --only sqlmap     # or --only observatory
    python tools/security_scan.py --seconds 60 --budget 300 --keep

Run from the repository root, in the project's venv. Needs sqlmap (above), node >= 20 with npm
(the Observatory, ``@mdn/mdn-http-observatory``, pinned below, is installed with npm into the temp
folder on each run) and openssl.

Each scan starts the site with ``benchmarks/site.py`` (its ``fresh``, ``site_config``, ``serve``):
gunicorn with 2 workers on 127.0.0.1, members mode, a fresh SQLite database in a temp folder,
seeded by ``benchmarks/seed.py`` (30 inquiries, 3 members, the clinic's settings), plus a staff
account (owner) for the admin targets.

sqlmap   ``--batch --level 2 --risk 1 --dbms SQLite`` with ``--flush-session`` and an output
         folder of its own for each target: the staff and member sign-in forms, the new-inquiry
         form, an inquiry's password form, the inquiry list's query parameters, a member's booking
         form (signed in), and the staff's searches of members and inquiries (signed in as staff).
         Forms carry their CSRF token (``--csrf-token``/``--csrf-url``: sqlmap fetches a fresh one
         and keeps the session cookie); signed-in targets are given the session cookie, and ``-p``
         names the fields so the cookie itself is not tested. Each target runs until sqlmap is done
         or ``--time-limit`` (``--seconds``, 150) ends it, all of them within ``--budget`` (540 s).
         Prints target, parameters, result, HTTP requests (CSRF-token fetches included), seconds.
observatory  The package's own retriever, tests and grading (``tools/observatory_scan.mjs``) on /,
         /consultations/new, /account/login, /admin/login, /policy and /fees, over HTTPS through
         a TLS-terminating proxy as in production. Prints page, grade, score, failed tests.
         gunicorn warns there that rate limits are counted per worker (memory://): expected.

``--keep`` leaves the temp folder (sqlmap's logs and traffic, the database, the Observatory's
JSON with each page's response headers) in place.
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import importlib.util
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
OBSERVATORY = "@mdn/mdn-http-observatory@1.4.8"
OBSERVATORY_PAGES = ["/", "/consultations/new", "/account/login", "/admin/login", "/policy",
                     "/fees"]  # fmt: skip
STAFF = ("scanner", "scan-password-1")  # an owner account on a throwaway database


def _bench_site():
    """benchmarks/site.py, imported under another name: ``site`` is a module of Python's own."""
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "benchmarks" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # it puts benchmarks/ on sys.path, for ``import seed``
    return module


bench = _bench_site()
import seed  # noqa: E402 - benchmarks/seed.py, on sys.path once bench_site is loaded


class Site:
    """The site under gunicorn on a fresh, seeded SQLite database in ``folder``, with a staff
    account; ``stop()`` ends it."""

    def __init__(self, folder: Path, **config):
        self.url, self._drop = bench.fresh(SimpleNamespace(database=None), folder)
        seed.seed(self.url, 30, 3, 0, 1)
        self.config = bench.site_config(self.url, folder, **config)
        self._staff()
        self.process, self.base = bench.serve(self.config, folder, "sync")

    def _staff(self) -> None:
        from clinic_site import create_app
        from clinic_site.extensions import db
        from clinic_site.staff.services import create_staff

        with create_app(self.config).app_context():
            create_staff(STAFF[0], "Scanner", "owner", STAFF[1])
            db.session.commit()

    def signed_in(self, path: str, username: str, password: str) -> bench.Browser:
        browser = bench.Browser(self.base)
        browser.post(path, {"username": username, "password": password,
                            "csrf_token": browser.token(path)})  # fmt: skip
        return browser

    def stop(self) -> None:
        bench.stop(self.process)
        self._drop()


# ---------------------------------------------------------------------------------------------
# sqlmap


@dataclass
class Target:
    name: str
    path: str  # with the query string for GET targets
    params: list[str]
    data: dict | None = None  # a POST form (its csrf_token is added)
    who: str = ""  # "member" or "staff": sent with that session cookie
    csrf: bool = False  # the form carries a CSRF token, taken from the same path
    eval: str = ""  # sqlmap's --eval: Python run before each request, on the parameters
    result: dict = field(default_factory=dict)


def booking_eval(fixed: str, note: str, free: list[str]) -> str:
    """A booking is accepted once per time: later ones are refused ("you already have a
    reservation at this time") before anything is written, so the note would reach the INSERT
    only once. While sqlmap tests the note, each request takes the next free time instead,
    so every payload in the note goes through an accepted booking into the database."""
    return ("import sys, types; "
            "box = sys.modules.setdefault('clinic_scan_slots', types.ModuleType('box')); "
            f"box.free = getattr(box, 'free', {free!r}); "
            f"slot = box.free.pop(0) if slot == {fixed!r} and note != {note!r} and box.free "
            "else slot")  # fmt: skip


def targets(slot: str, day: str, free: list[str]) -> list[Target]:
    inquiry = {"name": "홍길동", "password": "secret-123", "mobile": "010-1234-5678",
               "email": "hong@example.com", "title": "Question", "body": "My gums hurt.",
               "agree_privacy": "y", "agree_sensitive": "y", "website": ""}  # fmt: skip
    return [
        Target("staff sign-in", "/admin/login", ["username", "password"], csrf=True,
               data={"username": STAFF[0], "password": "not-the-password"}),
        Target("member sign-in", "/account/login", ["username", "password"], csrf=True,
               data={"username": "member_1", "password": "not-the-password"}),
        Target("new inquiry", "/consultations/new",
               ["name", "password", "mobile", "email", "title", "body"], data=inquiry, csrf=True),
        Target("inquiry password", "/consultations/1", ["password"], csrf=True,
               data={"password": "not-the-password"}),
        # The public list has no search: its query parameters are the page and the keyset edges.
        Target("inquiry list", "/consultations?page=2&older_than=20&newer_than=5",
               ["page", "older_than", "newer_than"]),
        # The note first: sqlmap tests in the order of the form, and the free times are few.
        Target("booking (member)", "/reservations/new",
               ["note", "service", "doctor", "date", "slot"], who="member", csrf=True,
               data={"note": "Checkup", "service": "1", "doctor": "any", "date": day,
                     "slot": slot},
               eval=booking_eval(slot, "Checkup", free)),
        Target("member search (staff)", "/admin/members?q=member&status=waiting",
               ["q", "status"], who="staff"),
        Target("inquiry search (staff)", "/admin/consultations?number=5&status=waiting",
               ["number", "status"], who="staff"),
    ]  # fmt: skip


def sqlmap_command() -> list[str]:
    if importlib.util.find_spec("sqlmap") is None:
        raise SystemExit("sqlmap is not installed: run `pip install sqlmap` in this venv.")
    script = Path(sys.executable).parent / "sqlmap"
    return [str(script)] if script.exists() else [sys.executable, "-m", "sqlmap.sqlmap"]


def run_sqlmap(target: Target, base: str, cookie: str, out: Path, seconds: int) -> dict:
    slug = re.sub(r"\W+", "-", target.name).strip("-")
    log, traffic = out / f"{slug}.log", out / f"{slug}.traffic.txt"
    command = [
        *sqlmap_command(), "-u", base + target.path, "--batch", "--level", "2", "--risk", "1",
        # The site runs on SQLite here (PostgreSQL in production, through the same SQLAlchemy
        # statements): SQLite's payloads and the generic ones, none for other databases.
        "--dbms", "SQLite", "-p", ",".join(target.params), "--time-limit", str(seconds),
        "--flush-session", "--output-dir", str(out / slug), "-t", str(traffic),
        "--disable-coloring", "--csrf-retries", "2",
        # No WAF here: its heuristic misreads a form whose answer changes once data is stored
        # (a booking taken) and would then switch to a disguised User-Agent and tamper scripts.
        "--skip-waf",
        # After a form is accepted the site answers 303: follow it with a GET, as a browser does,
        # rather than send the form again to the page it points to.
        "--answers", "resend=N",
    ]  # fmt: skip
    if target.data is not None:
        fields = {"csrf_token": "x", **target.data} if target.csrf else target.data
        command += ["--data", urllib.parse.urlencode(fields)]
    if target.csrf:
        command += ["--csrf-token", "csrf_token", "--csrf-url", base + target.path]
    if cookie:
        command += ["--cookie", cookie]
    env = dict(os.environ)
    if target.eval:
        command += ["--eval", target.eval]
        env["SQLMAP_UNSAFE_EVAL"] = "1"  # sqlmap's consent to run --eval: the code is ours, above
    started = time.monotonic()
    with log.open("w") as handle:
        subprocess.run(  # noqa: S603 - sqlmap against our own server on loopback
            command, stdout=handle, stderr=subprocess.STDOUT, check=False, cwd=out, env=env
        )
    seconds_taken = time.monotonic() - started
    text = log.read_text(errors="replace")
    requests = (
        len(re.findall(r"^HTTP request \[#", traffic.read_text(errors="replace"), re.M))
        if traffic.exists()
        else 0
    )
    return {**verdict(text, target.params), "requests": requests, "seconds": seconds_taken,
            "log": str(log)}  # fmt: skip


def verdict(text: str, params: list[str]) -> dict:
    """What sqlmap concluded, from its console output. A parameter is injectable when sqlmap
    reports an injection point it confirmed; one it first took for injectable and then dropped
    after its own false-positive check (a form that answers differently to a value that is too
    long, say) counts as not injectable, and is named in a note. ``--time-limit`` ends a run
    without a word: the parameters it had not finished are named."""
    param = r"(?:\w+ )?parameter '([^']+)'"
    confirmed = set()
    if "identified the following injection point" in text:
        confirmed = set(re.findall(r"^Parameter: (\S+) \(", text, re.M))
    confirmed |= set(re.findall(param + r" is vulnerable\.", text))
    clean = set(re.findall(param + r" does not seem to be injectable", text))
    suspected = set(re.findall(param + r" appears to be .* injectable", text)) - clean - confirmed
    checked = r"checking if the injection point on " + param + " is a false positive"
    dropped = set(re.findall(checked, text)) & clean
    hint = r"heuristic \(basic\) test shows that " + param + " might be injectable"
    hints = set(re.findall(hint, text)) - confirmed
    finished = "all tested parameters do not appear to be injectable" in text
    critical = [line for line in re.findall(r"\[CRITICAL\] (.*)", text)
                if "all tested parameters do not appear" not in line]  # fmt: skip
    if confirmed:
        result = "INJECTABLE: " + ", ".join(sorted(confirmed))
    elif suspected:
        result = "SUSPECTED, not confirmed before the run ended: " + ", ".join(sorted(suspected))
    elif finished:
        result = "not injectable"
    elif critical:
        result = "error: " + critical[0][:120]
    else:
        unfinished = [p for p in params if p not in clean]
        result = "time limit reached; not finished: " + ", ".join(unfinished)
    notes = []
    if dropped:
        dropped_on = ", ".join(sorted(dropped))
        notes.append(f"sqlmap's false-positive check dropped a first hit on {dropped_on}")
    if hints:
        notes.append("heuristic hint on " + ", ".join(sorted(hints)))
    if notes:
        result += " (" + "; ".join(notes) + ")"
    return {"result": result, "clean": sorted(clean), "injectable": sorted(confirmed)}


def free_times(member: bench.Browser) -> list[str]:
    """Every time the member can book (the first treatment, any doctor), day by day over the
    booking horizon as the booking page shows them."""
    found: list[str] = []
    day = time.strftime("%Y-%m-%d")
    for _ in range(60):
        page = member.get(f"/reservations/new?date={day}")
        found += [t for t in re.findall(r'name="slot" type="radio" value="([^"]+)"', page)
                  if t not in found]  # fmt: skip
        following = re.search(r'href="[^"]*date=([0-9-]+)[^"]*" rel="next"', page)
        if following is None:
            break
        day = following.group(1)
    return found


def sqlmap_scan(folder: Path, seconds: int, budget: int) -> list[Target]:
    """Each target runs until sqlmap is done or its time limit: ``seconds``, or less when the
    targets after it would otherwise not keep 20 s each of the ``budget``."""
    sqlmap_command()  # say at once when it is missing
    # Rate limits off for this run only: sqlmap sends thousands of requests from one address, and
    # the limits would answer 429 after a few sign-in attempts, so sqlmap would test the limiter's
    # refusal rather than the form. The limits have their own tests (tests/security/
    # test_limits_served.py). CLINIC_FORM_MIN_SECONDS 0: sqlmap sends a form as soon as it has
    # fetched it, which the anti-spam check would otherwise refuse as too fast.
    site = Site(folder, RATELIMIT_ENABLED=False, CLINIC_FORM_MIN_SECONDS=0)
    try:
        member = site.signed_in("/account/login", "member_1", seed.PASSWORD)
        staff = site.signed_in("/admin/login", *STAFF)
        free = free_times(member)
        slot, day = free[0], free[0].split("T")[0]
        out = folder / "sqlmap"
        out.mkdir()
        found = targets(slot, day, free[1:])
        deadline = time.monotonic() + budget
        for done, target in enumerate(found):
            cookie = {"member": member, "staff": staff}[target.who].cookie() if target.who else ""
            after = len(found) - done - 1
            limit = max(20, min(seconds, int(deadline - time.monotonic()) - 20 * after))
            print(f"sqlmap: {target.name} ({target.path.split('?')[0]}), at most {limit} s",
                  flush=True)  # fmt: skip
            target.result = run_sqlmap(target, site.base, cookie, out, limit)
        return found
    finally:
        site.stop()


def sqlmap_table(found: list[Target]) -> str:
    lines = ["| target | parameters tested | result | HTTP requests | seconds |",
             "|---|---|---|---|---|"]  # fmt: skip
    for t in found:
        method = "POST" if t.data is not None else "GET"
        who = f", as {t.who}" if t.who else ""
        r = t.result
        lines.append(f"| {t.name}: {method} {t.path.split('?')[0]}{who} | {', '.join(t.params)} | "
                     f"{r['result']} | {r['requests']:,} | {r['seconds']:.0f} |")  # fmt: skip
    total = sum(t.result["requests"] for t in found)
    lines.append(f"\n{len(found)} targets, {total:,} requests.")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Mozilla HTTP Observatory


class TLSProxy(http.server.ThreadingHTTPServer):
    """The reverse proxy of the README's Production section, reduced to what a scan needs: it
    terminates TLS on 127.0.0.1 and hands each request to gunicorn with X-Forwarded-For, -Proto
    and -Host, which the app believes from 127.0.0.1 (CLINIC_PROXY_COUNT=1, TRUSTED_PROXIES). So
    the app decides by its own rules, as in production, that the request came over HTTPS: HSTS,
    the Secure ``__Host-session`` cookie."""

    daemon_threads = True
    HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection",
           "content-length", "date", "server"}  # fmt: skip

    def __init__(self, backend: str, cert: Path, key: Path):
        self.backend = urllib.parse.urlsplit(backend)
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self.socket = context.wrap_socket(self.socket, server_side=True)
        self.port = self.server_address[1]
        threading.Thread(target=self.serve_forever, daemon=True).start()


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: TLSProxy

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in TLSProxy.HOP}
        if body is not None:
            headers["Content-Length"] = str(len(body))
        headers.update({"X-Forwarded-For": self.client_address[0], "X-Forwarded-Proto": "https",
                        "X-Forwarded-Host": self.headers.get("Host", "")})  # fmt: skip
        backend = http.client.HTTPConnection(self.server.backend.hostname,
                                             self.server.backend.port, timeout=30)  # fmt: skip
        try:
            backend.request(self.command, self.path, body, headers)
            response = backend.getresponse()
            content = response.read()
        finally:
            backend.close()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():  # each Set-Cookie on its own line
            if name.lower() not in TLSProxy.HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    do_GET = do_POST = do_HEAD = do_OPTIONS = _forward

    def log_message(self, *args) -> None:
        pass


def program(name: str, why: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is needed {why}.")
    return found


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1. The scanner trusts it (NODE_EXTRA_CA_CERTS), so
    it judges the site as it would one with a real certificate; with an untrusted one it would
    grade HSTS and the redirection as 'invalid certificate' instead of reading them."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        [program("openssl", "for the test certificate"), "req", "-x509", "-newkey", "rsa:2048",
         "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def install_observatory(folder: Path) -> Path:
    """npm-installs the Observatory into ``folder``. ``--ignore-scripts``: the install scripts
    download Chromium's HSTS preload list, the list of top-level domains and Mozilla's
    intermediate certificates (a dependency's), which this machine cannot reach and a scan of
    127.0.0.1 does not use; the preload list is written empty (127.0.0.1 is on no such list)."""
    subprocess.run(  # noqa: S603
        [program("npm", "to install the Observatory"), "install", "--prefix", str(folder),
         "--no-audit", "--no-fund", "--no-save", "--ignore-scripts", "--loglevel", "error",
         OBSERVATORY],
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    package = folder / "node_modules" / "@mdn" / "mdn-http-observatory"
    preload = package / "conf" / "hsts-preload.json"
    if not preload.exists():
        preload.write_text("{}")
    return package


def observatory_scan(folder: Path) -> dict:
    package = install_observatory(folder / "observatory")
    cert, key = certificate(folder)
    # Rate limits on, as in production (the scan sends a few dozen requests).
    site = Site(folder, RATELIMIT_ENABLED=True, CLINIC_FORM_MIN_SECONDS=0, PROXY_COUNT=1)
    proxy = TLSProxy(site.base, cert, key)
    try:
        # Nothing listens for plain HTTP: redirecting http:// to https:// is the proxy's job, not
        # the app's, so the Observatory grades the redirection "not needed, no HTTP".
        no_http = bench.free_port()
        result = subprocess.run(  # noqa: S603
            [program("node", "for the Observatory (node >= 20)"),
             str(ROOT / "tools" / "observatory_scan.mjs"), str(package), "127.0.0.1",
             str(proxy.port), str(no_http), *OBSERVATORY_PAGES],
            check=True, capture_output=True, text=True,
            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)},
        )  # fmt: skip
    finally:
        proxy.shutdown()
        site.stop()
    found = json.loads(result.stdout)
    (folder / "observatory.json").write_text(json.dumps(found, indent=2))
    return found


def observatory_table(found: dict) -> str:
    lines = ["| page | grade | score | tests passed | failed tests (result) | extra credit |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for page, row in found.items():
        if "error" in row:
            lines.append(f"| {page} | error | | | {row['error']} | |")
            continue
        failed = [f"{name} ({t['result']}, {t['scoreModifier']:+d})"
                  for name, t in row["tests"].items() if not t["pass"]]  # fmt: skip
        extra = [f"{name} {t['scoreModifier']:+d}" for name, t in row["tests"].items()
                 if t["pass"] and t["scoreModifier"] > 0]  # fmt: skip
        scheme = "" if row["https"] else " (over plain HTTP!)"
        lines.append(f"| {page}{scheme} | {row['grade']} | {row['score']} | "
                     f"{row['testsPassed']}/{row['testsQuantity']} | {'; '.join(failed) or 'none'}"
                     f" | {', '.join(extra) or 'none'} |")  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["sqlmap", "observatory"])
    parser.add_argument(
        "--seconds", type=int, default=150, help="sqlmap's time limit per target (150)"
    )
    parser.add_argument(
        "--budget", type=int, default=540, help="sqlmap's time for all targets together (540)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    os.chdir(ROOT)  # serve() gives gunicorn PYTHONPATH=cwd: the repository root, wherever run from
    folder = Path(tempfile.mkdtemp(prefix="clinic-scan-"))
    timings = {}
    try:
        if args.only in (None, "sqlmap"):
            started = time.monotonic()
            found = sqlmap_scan(folder, args.seconds, args.budget)
            timings["sqlmap"] = time.monotonic() - started
            print("\n" + sqlmap_table(found) + "\n", flush=True)
        if args.only in (None, "observatory"):
            started = time.monotonic()
            pages = observatory_scan(folder)
            timings["observatory"] = time.monotonic() - started
            print("\n" + observatory_table(pages) + "\n", flush=True)
        print(", ".join(f"{name}: {seconds:.0f} s" for name, seconds in timings.items()))
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
