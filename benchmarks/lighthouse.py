"""Lighthouse scores of the pages a patient opens, on a clinic with real content.

    python benchmarks/lighthouse.py [--json FILE] [--reports DIR] [--only /fees --only /about]

Starts the site with gunicorn on 127.0.0.1 in members mode on a fresh SQLite database in a temp
folder (``site.py``: ``fresh``, ``site_config``, ``serve``), seeds it (``seed.py``: the clinic's
details, a policy version, members) and fills the clinic's pages as an owner would: two doctors
with a photo, treatments, both fee lists, notices, a closed day, directions and parking, clinic
photos and a few consultations, some answered. Then runs Lighthouse (npm ``lighthouse``, pinned
below, through ``npx``; nothing is installed in the repository) with Debian's Chromium, mobile form
factor (Lighthouse's default), one page after another, and prints a table of the four scores and,
under it, every audit that kept a score below 100: its id and title, and for accessibility the
selectors of the failing elements.

Needs node and npm (npx fetches Lighthouse into npm's cache on the first run) and Chromium
(``CHROME_PATH``, /usr/bin/chromium by default). Runs take about 20 seconds a page on 2 cores.
Scores move by a few points from run to run (performance most: a run while the machine is busy
with something else loses points; the table's "CPU index" is Lighthouse's measure of the processor
during that run, and a page whose index is far below the others' should be run again with
``--only``). Chromium counts http://127.0.0.1 as a secure context, so "is-on-https" passes here;
were it to fail (another host name), that is expected of a plain-HTTP test server, not the site.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import seed  # noqa: E402 - the benchmark's own helpers, beside it


def _load_site():
    """benchmarks/site.py, by path: ``import site`` would find Python's own ``site`` module."""
    spec = importlib.util.spec_from_file_location("bench_site", HERE / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_site = _load_site()
Browser, fresh, serve, site_config, stop = (
    _site.Browser,
    _site.fresh,
    _site.serve,
    _site.site_config,
    _site.stop,
)

# npm "lighthouse": the current major, pinned. 13 declares node >= 22.19 but runs on Debian's
# node 20 (npm's EBADENGINE warnings are left out of any error shown); 12.8.2 is the fallback.
LIGHTHOUSE = "13.5.0"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = [
    ("/", "/"),
    ("/about", "/about"),
    ("/fees", "/fees"),
    ("/policy", "/policy"),
    ("/consultations", "/consultations"),
    ("/consultations/new", "/consultations/new"),
    ("/account/register", "/account/register"),
    ("/reservations/new (member)", "/reservations/new"),
]
MEMBER = "member_0"  # seeded by seed.py, password seed.PASSWORD
# A throwaway database's accounts and inquiries.
STAFF_PASSWORD = "desk-password-1"  # noqa: S105
QUESTION_PASSWORD = "secret-123"  # noqa: S105
ITEMS_SHOWN = 12  # failing elements or items listed per audit
# Audits expected to fail on this set-up, whatever the site does.
EXPECTED = {"is-on-https": "expected on http://127.0.0.1: production runs behind TLS"}


# --- content --------------------------------------------------------------------------------


def _photo(width: int, height: int, top: tuple, bottom: tuple, label: str) -> bytes:
    """A JPEG that looks like a photo to an image decoder: a gradient with a few shapes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / max(height - 1, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)),
        )
    for n in range(6):
        x = (n * 97 + len(label) * 31) % width
        draw.ellipse([x, height // 3, x + width // 5, height // 3 + width // 5],
                     fill=(240 - n * 20, 235 - n * 10, 220), outline=(60, 60, 60))  # fmt: skip
    draw.text((20, 20), label, fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


DOCTORS = [
    {"name_ko": "김하늘", "name_en": "Kim Haneul", "title_ko": "대표원장", "title_en": "Director",
     "specialties_ko": "보존과 전문의 · 신경치료, 심미 보철",
     "specialties_en": "Board-certified in conservative dentistry · root canals, aesthetic crowns",
     "career_ko": "- 서울대학교 치의학대학원 졸업\n- 서울대학교치과병원 보존과 수련\n"
                  "- 대한치과보존학회 정회원",
     "career_en": "- DDS, Seoul National University School of Dentistry\n"
                  "- Residency in conservative dentistry, SNU Dental Hospital\n"
                  "- Member, Korean Academy of Conservative Dentistry"},
    {"name_ko": "이서준", "name_en": "Lee Seojun", "title_ko": "원장", "title_en": "Dentist",
     "specialties_ko": "치주과 전문의 · 임플란트, 잇몸 치료",
     "specialties_en": "Board-certified in periodontics · implants, gum treatment",
     "career_ko": "- 연세대학교 치과대학 졸업\n- 연세대학교치과병원 치주과 수련",
     "career_en": "- DDS, Yonsei University College of Dentistry\n"
                  "- Residency in periodontics, Yonsei Dental Hospital"},
]  # fmt: skip
TREATMENTS = [
    ("충치 치료", "Fillings", "작은 충치는 레진으로, 큰 충치는 인레이로 치료합니다. 치료 전에 "
     "사진으로 상태를 보여 드립니다.", "Small cavities are filled with resin, larger ones with an "
     "inlay. We show you photos of the tooth before we start."),
    ("신경 치료", "Root canal treatment", "보존과 전문의가 현미경으로 치료합니다. 보통 "
     "2~4회 내원합니다.", "A conservative-dentistry specialist treats the tooth under a "
     "microscope, usually over 2 to 4 visits."),
    ("임플란트", "Implants", "잇몸뼈 상태를 CT로 확인한 뒤 계획을 세웁니다. 수술 후 3~6개월 뒤 "
     "보철을 올립니다.", "We plan from a CT scan of the bone; the crown follows 3 to 6 months "
     "after surgery."),
    ("스케일링과 잇몸 치료", "Scaling and gum care", "만 19세 이상은 1년에 한 번 건강보험이 "
     "적용됩니다.", "Once a year national health insurance covers scaling for adults."),
]  # fmt: skip
FEES = [
    ("non_covered", "임플란트 (1개, 보철 포함)", "Implant (one, crown included)", 1_200_000,
     1_500_000, "뼈이식 별도"),
    ("non_covered", "지르코니아 크라운", "Zirconia crown", 500_000, None, ""),
    ("non_covered", "레진 충전 (1면)", "Resin filling (one surface)", 100_000, 150_000, ""),
    ("non_covered", "치아 미백 (전체)", "Whitening (full)", 300_000, None, "2회 내원"),
    ("non_covered", "투명 교정 상담", "Clear aligner consultation", 0, None, "무료"),
    ("certificate", "일반진단서", "Medical certificate", 20_000, None, ""),
    ("certificate", "진료확인서", "Certificate of treatment", 3_000, None, ""),
    ("certificate", "진료기록 사본 (1~5매)", "Copy of records (1-5 pages)", 1_000, None, "1매당"),
]  # fmt: skip
NOTICES = [
    ("추석 연휴 진료 안내", "Chuseok holiday hours", "추석 연휴 기간에는 휴진합니다. 연휴 "
     "다음 날부터 정상 진료합니다.", "We are closed over the Chuseok holidays and open as usual "
     "the day after."),
    ("토요일 진료 시간 변경", "New Saturday hours", "이번 달부터 토요일은 오후 1시까지 "
     "진료합니다.", "From this month we are open on Saturdays until 1 pm."),
    ("주차장 이용 안내", "Parking", "건물 지하 주차장을 2시간 무료로 이용하실 수 있습니다.",
     "The building's basement car park is free for two hours."),
]  # fmt: skip
TEXTS = {
    "greeting": ("안녕하세요, 하늘치과의원 대표원장 김하늘입니다.\n\n치료보다 설명을 먼저 "
                 "드리는 치과가 되겠습니다. 궁금한 점은 언제든 물어 보세요.",
                 "Welcome to Haneul Dental Clinic.\n\nWe explain before we treat. Ask us "
                 "anything, at any time."),
    "transit": ("- 지하철 1·2호선 시청역 4번 출구에서 도보 3분\n- 버스: 시청앞 정류장 하차",
                "- Subway lines 1 and 2, City Hall station, exit 4, three minutes' walk\n"
                "- Bus: City Hall stop"),
    "parking": ("건물 지하 주차장 2시간 무료 (접수대에서 주차권을 받으세요).",
                "Basement car park, two hours free (ask for a ticket at the desk)."),
}  # fmt: skip
QUESTIONS = [
    ("홍길동", "잇몸에서 피가 나요", "양치할 때마다 잇몸에서 피가 납니다. 스케일링을 받으면 "
     "좋아질까요?", "스케일링과 잇몸 검진을 권해 드립니다. 예약 후 방문해 주세요."),
    ("김민지", "임플란트 비용 문의", "어금니 하나를 임플란트로 하려고 합니다. 뼈이식이 "
     "필요한지 어떻게 알 수 있나요?", "CT 촬영 후 알려 드릴 수 있습니다. 상담은 무료입니다."),
    ("박서연", "아이 충치 치료", "7살 아이의 유치에 충치가 있어요. 치료가 필요할까요?", None),
    ("최준호", "Wisdom tooth", "My lower wisdom tooth hurts when I chew. Can you take it out "
     "on the first visit?", None),
    ("정수아", "미백 후 시림", "미백 후에 이가 시린데 정상인가요?", None),
]  # fmt: skip


def fill(url: str, folder: Path) -> None:
    """The clinic's pages as an owner fills them, through the site's own services."""
    from clinic_site import create_app
    from clinic_site.board import services as board
    from clinic_site.clinic import services as clinic
    from clinic_site.extensions import db
    from clinic_site.pages import images
    from clinic_site.pages import services as pages
    from clinic_site.platform import clock
    from clinic_site.settings.services import update_settings
    from clinic_site.staff.services import create_staff

    app = create_app(site_config(url, folder))
    with app.test_request_context():
        update_settings(
            clinic_name_en="Haneul Dental Clinic", address_en="110 Sejong-daero, Jung-gu, Seoul",
            email="desk@clinic.example", privacy_manager_position="실장",
            privacy_manager_position_en="Office manager", privacy_manager_name_en="Park Jiyoung",
            opening_hours="평일 09:00–18:00 (점심 13:00–14:00)\n토요일 09:00–13:00\n"
                          "일요일·공휴일 휴진",
            opening_hours_en="Weekdays 09:00–18:00 (lunch 13:00–14:00)\nSaturday 09:00–13:00\n"
                             "Closed on Sundays and public holidays",
        )  # fmt: skip
        for key, (ko, en) in TEXTS.items():
            pages.save_text(key, ko, en)
        portrait = images.store(_photo(600, 800, (200, 215, 230), (90, 110, 140), "doctor"),
                                "김하늘 대표원장", "Dr Kim Haneul", kind="doctor")  # fmt: skip
        first = clinic.doctor(1)  # the doctor a first start makes
        clinic.save_doctor(first, active=True, hours=None, photo_id=portrait.id, **DOCTORS[0])
        clinic.save_doctor(None, active=True, hours=None, **DOCTORS[1])
        for name, colours in (("대기실", ((230, 225, 210), (150, 140, 120))),
                              ("진료실", ((220, 235, 240), (100, 130, 150)))):  # fmt: skip
            images.store(_photo(1600, 1067, *colours, name), f"하늘치과 {name}",
                         {"대기실": "Waiting room", "진료실": "Treatment room"}[name])  # fmt: skip
        for title_ko, title_en, body_ko, body_en in TREATMENTS:
            pages.save_treatment(None, title_ko=title_ko, title_en=title_en, body_ko=body_ko,
                                 body_en=body_en)  # fmt: skip
        for kind, name, name_en, price, price_max, note in FEES:
            pages.add_fee(kind, name, price, price_max, note, name_en=name_en)
        for title_ko, title_en, body_ko, body_en in NOTICES:
            pages.save_notice(None, title_ko=title_ko, title_en=title_en, body_ko=body_ko,
                              body_en=body_en)  # fmt: skip
        day = clock.today() + timedelta(days=10)
        while day.weekday() > 4:  # a weekday, so that the closure shows
            day += timedelta(days=1)
        clinic.close_day(day, "학회 참석", "Conference")
        staff = create_staff("desk", "이수진", "staff", STAFF_PASSWORD)
        for name, title, body, answer in QUESTIONS:
            post = board.create_post(name=name, password=QUESTION_PASSWORD,
                                     mobile="010-2345-6789", email=None, title=title, body=body,
                                     agree_privacy=True, agree_sensitive=True)  # fmt: skip
            if answer:
                board.add_reply(post, staff, answer)
        db.session.commit()


# --- Lighthouse -----------------------------------------------------------------------------


def npx() -> list[str]:
    found = shutil.which("npx")
    if not found:
        raise SystemExit("npx (node and npm) is needed to run Lighthouse")
    return [found, "--yes", f"lighthouse@{LIGHTHOUSE}"]


def lighthouse(url: str, out: Path, headers: dict, chrome: str, work: Path) -> dict:
    """One Lighthouse run; the report as a dict."""
    command = [*npx(), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}",
               "--chrome-flags=--headless=new --no-sandbox"]  # fmt: skip
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    done = subprocess.run(  # noqa: S603 - our own command line
        command, cwd=work, env={**os.environ, "CHROME_PATH": chrome},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode != 0 or not out.exists():
        noise = ("EBADENGINE", "npm warn")
        said = "\n".join(line for line in done.stderr.splitlines() if not line.startswith(noise))
        raise SystemExit(f"lighthouse failed on {url} ({done.returncode}):\n{said[-3000:]}")
    return json.loads(out.read_text())


def _item_text(item: dict) -> str:
    """One failing element or item of an audit, in a few words."""
    node = item.get("node") if isinstance(item.get("node"), dict) else None
    if item.get("type") == "node":
        node = item
    if node:
        words = node.get("selector") or node.get("snippet", "")
        label = node.get("nodeLabel")
        return f"`{words}`" + (f" ({label[:60]})" if label and label != words else "")
    for key in ("reason", "url", "source", "description", "label", "value"):
        value = item.get(key)
        if isinstance(value, dict):  # source locations
            value = value.get("url") or value.get("value")
        if isinstance(value, str | int | float) and str(value):
            return str(value)[:160]
    return json.dumps(item, ensure_ascii=False)[:160]


def _details(details: dict) -> list[str]:
    """What an audit's details name: failing elements, URLs, reasons, unmet checks."""
    kind = details.get("type")
    if kind == "list":  # insights: several tables or checklists in one
        return [text for part in details.get("items") or [] if isinstance(part, dict)
                for text in _details(part)]  # fmt: skip
    if kind == "checklist":
        return [c["label"] for c in (details.get("items") or {}).values()
                if isinstance(c, dict) and c.get("value") is False]  # fmt: skip
    if kind not in ("table", "opportunity"):
        return []  # network trees, debug data, screenshots: in the full report (--reports)
    found = []
    for row in details.get("items") or []:
        if not isinstance(row, dict):
            continue
        sub = (row.get("subItems") or {}).get("items") or []
        if row.get("node") is None and sub and any("node" in s for s in sub):
            found += [_item_text(s) for s in sub if isinstance(s, dict)]
        else:
            found.append(_item_text(row))
    return found


def _items(audit: dict) -> list[str]:
    return _details(audit.get("details") or {})


def failing(report: dict) -> dict[str, list[dict]]:
    """Per category below 100: each audit it counts that scored below 1 (weighted ones first)."""
    audits = report["audits"]
    result: dict[str, list[dict]] = {}
    for name in CATEGORIES:
        category = report["categories"][name]
        if category["score"] is None or category["score"] >= 1:
            continue
        rows = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            score = audit.get("score")
            if audit.get("scoreDisplayMode") in ("manual", "notApplicable", "informative"):
                continue
            if score is None or score >= 1:
                continue
            rows.append({
                "id": ref["id"], "title": audit["title"], "score": score,
                "weight": ref.get("weight", 0), "display": audit.get("displayValue", ""),
                "items": _items(audit), "expected": EXPECTED.get(ref["id"], ""),
            })  # fmt: skip
        rows.sort(key=lambda r: (-r["weight"], r["score"]))
        result[name] = rows
    return result


def summarise(report: dict) -> dict:
    scores = {
        name: (None if report["categories"][name]["score"] is None
               else round(report["categories"][name]["score"] * 100))
        for name in CATEGORIES
    }  # fmt: skip
    return {"url": report["finalDisplayedUrl"], "scores": scores, "failing": failing(report),
            "warnings": report.get("runWarnings", []),
            # Lighthouse's measure of the CPU it ran on: far below the others, the machine was
            # busy with something else during that run and its performance score is low by it.
            "cpu_index": round(report["environment"]["benchmarkIndex"])}  # fmt: skip


def table(results: dict) -> str:
    lines = ["| page | performance | accessibility | best practices | SEO | CPU index |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for label, row in results.items():
        cells = [("–" if row["scores"][c] is None else str(row["scores"][c])) for c in CATEGORIES]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {row['cpu_index']} |")
    return "\n".join(lines)


def failures(results: dict) -> str:
    lines = []
    for label, row in results.items():
        if not row["failing"] and not row["warnings"]:
            continue
        lines.append(f"### {label}")
        for warning in row["warnings"]:
            lines.append(f"- run warning: {warning}")
        for category, rows in row["failing"].items():
            lines.append(f"- **{category}** ({row['scores'][category]}):")
            for audit in rows:
                weight = f"weight {audit['weight']}" if audit["weight"] else "not weighted"
                shown = f" — {audit['display']}" if audit["display"] else ""
                note = f" *({audit['expected']})*" if audit["expected"] else ""
                lines.append(f"  - `{audit['id']}`: {audit['title']} (score {audit['score']:.2f},"
                             f" {weight}){shown}{note}")  # fmt: skip
                items = audit["items"]
                for item in items[:ITEMS_SHOWN]:
                    lines.append(f"    - {item}")
                if len(items) > ITEMS_SHOWN:
                    lines.append(f"    - … and {len(items) - ITEMS_SHOWN} more")
        lines.append("")
    return "\n".join(lines) if lines else "Every score is 100."


# --- the run --------------------------------------------------------------------------------


def run(args, folder: Path) -> dict:
    url, drop = fresh(argparse.Namespace(database=None), folder)
    try:
        seed.seed(url, 0, 3, 0, 1)  # clinic details, policy version 1, members member_0..2
        fill(url, folder)
        process, base = serve(site_config(url, folder), folder, "sync")
        try:
            member = Browser(base)
            token = member.token("/account/login")
            member.post(
                "/account/login",
                {"username": MEMBER, "password": seed.PASSWORD, "csrf_token": token},
            )
            if "session" not in member.cookie():
                raise SystemExit("the member could not sign in")
            if "/account/login" in member.opener.open(base + "/reservations/new").url:
                raise SystemExit("the member's session does not reach the booking page")
            reports = Path(args.reports) if args.reports else folder / "reports"
            reports.mkdir(parents=True, exist_ok=True)
            results = {}
            for label, path in PAGES:
                if args.only and path not in args.only and label not in args.only:
                    continue
                headers = {"Cookie": member.cookie()} if "(member)" in label else {}
                if args.accept_language:
                    headers["Accept-Language"] = args.accept_language
                name = path.strip("/").replace("/", "_") or "home"
                started = time.monotonic()
                report = lighthouse(base + path, reports / f"{name}.json", headers,
                                    args.chrome, folder)  # fmt: skip
                results[label] = summarise(report)
                results[label]["seconds"] = round(time.monotonic() - started, 1)
                results[label]["lighthouse"] = report["lighthouseVersion"]
                print(f"{label}: {results[label]['scores']} ({results[label]['seconds']} s)",
                      file=sys.stderr, flush=True)  # fmt: skip
            return results
        finally:
            stop(process)
    finally:
        drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", help="also write scores and failing audits to this file")
    parser.add_argument("--reports", help="keep Lighthouse's full JSON reports in this folder")
    parser.add_argument("--only", action="append", help="a page's path (repeatable)")
    parser.add_argument("--accept-language", help='e.g. "ko" (Chromium sends en-US otherwise)')
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    args = parser.parse_args()
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="clinic-lighthouse-"))
    try:
        results = run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    seconds = round(time.monotonic() - started)
    print(f"Lighthouse {LIGHTHOUSE}, mobile, {len(results)} pages in {seconds} s\n")
    print(table(results) + "\n")
    print(
        "CPU index: Lighthouse's benchmark of the processor during that page's run; a much lower"
        " one than the others' means the machine was busy and performance reads low.\n"
    )
    print(failures(results))
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"lighthouse": LIGHTHOUSE, "seconds": seconds, "pages": results},
            indent=2, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
