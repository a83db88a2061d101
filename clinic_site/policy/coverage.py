"""Does a policy text mention what the site collects? The editor warns, it does not refuse: the
owner may word things differently, but should look again when an item seems to be missing.

An item counts as mentioned when any of its words (Korean or English) appears in the text.
``states_consultation_days`` answers a narrower question for the retention setting: does the text
state a given number of days for consultations?
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from ..privacy.inventory import DataItem, cookies_for, items_for

# Words that show an item is covered: by inventory key first, then by form field name.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "name": ("이름", "성명", "name"),
    "password": ("비밀번호", "password"),
    "mobile": ("휴대전화", "휴대폰", "mobile"),
    "phone": ("전화번호", "phone"),
    "email": ("이메일", "전자우편", "email", "e-mail"),
    "email_opt_in": ("수신", "opt-in", "receive"),
    "title": ("제목", "title"),
    "title_private": ("제목", "title"),
    "rights_request.details": ("권리", "요청", "rights", "request"),
    "body": ("건강", "증상", "상담 내용", "health", "symptom"),
    "username": ("아이디", "username", "user id"),
    "guardian_name": ("법정대리인", "보호자", "legal representative", "guardian"),
    "guardian_mobile": ("법정대리인", "보호자", "legal representative", "guardian"),
    "guardian_consent": ("법정대리인", "보호자", "legal representative", "guardian"),
    "slot": ("예약 일시", "예약", "date and time", "reservation", "booking"),
    "service": ("진료 항목", "진료 과목", "treatment"),
    "note": ("요청 사항", "메모", "note"),
    "doctor": ("의료진", "담당 의사", "doctor"),
    "preferred_date": ("희망", "preferred"),
    "patient_name": ("이름", "name"),
    "patient_mobile": ("휴대전화", "mobile"),
    "preferred_time": ("희망", "preferred"),
    "waitlist.date": ("대기", "waiting list", "waited for"),
    "notify": ("알림", "문자", "how to be told", "text message"),
    "automatic.visit_record": ("방문 기록", "접속 기록", "visit record"),
    "automatic.sign_in_record": ("본인 확인", "로그인 기록", "identity verification", "sign-in"),
    "automatic.access_record": ("열람 기록", "접근 기록", "access record"),
    "automatic.consent_record": ("동의 기록", "consent record"),
    "automatic.complaint_record": ("파기 기록", "파기 대장", "destruction log"),
    "automatic.message_log": ("발송 기록", "message log"),
    "automatic.limit_counter": ("시도 횟수", "attempt counter"),
    "automatic.access_rights_record": ("접근권한", "access-rights", "access rights"),
}


def _plain(text: str | None) -> str:
    # Markdown escapes (cookie\\_consent) are not part of the words.
    return (text or "").replace("\\", "")


def _words(item: DataItem) -> tuple[str, ...]:
    return KEYWORDS.get(item.key) or KEYWORDS.get(item.field or "") or (item.field or item.key,)


def missing_items(text: str, mode: str) -> list[DataItem]:
    """Inventory items of ``mode`` that ``text`` does not seem to mention."""
    haystack = _plain(text).lower()
    return [
        item
        for item in items_for(mode)
        if item.group != "staff" and not any(w.lower() in haystack for w in _words(item))
    ]


def missing_cookies(text: str, mode: str) -> list[str]:
    """Names of cookies the site sets in ``mode`` that ``text`` does not name."""
    haystack = _plain(text)
    names = dict.fromkeys(cookie.name for cookie in cookies_for(mode))
    return [name for name in names if name not in haystack]


# What the policy-writing guideline (작성지침) asks every policy to state, and words that show a
# text states it: (words for the owner, words to look for).
STATEMENTS: tuple[tuple[object, tuple[str, ...]], ...] = (
    (_l("A summary (label) at the top"), ("한눈에", "at a glance", "요약", "summary")),
    (_l("Items processed without consent, with their legal basis"),
     ("법적 근거", "legal basis")),
    (_l("Outsourcing (위탁): who processes data for the clinic, or that no one does"),
     ("위탁", "outsourc", "entrust")),
    (_l("Transfer abroad (none, or to whom)"), ("국외", "abroad")),
    (_l("Automated decisions (none, or which)"), ("자동화된 결정", "automated decision")),
    (_l("How long backups are kept"), ("백업", "backup")),
)  # fmt: skip


def missing_statements(text: str) -> list[str]:
    """What the guideline asks a policy to state that ``text`` does not seem to state."""
    haystack = _plain(text).lower()
    return [
        str(words)
        for words, needles in STATEMENTS
        if not any(needle.lower() in haystack for needle in needles)
    ]


# Words that place a line of the policy about the consultation board.
_CONSULTATION_WORDS = re.compile(r"상담|문의|consultation|inquir", re.IGNORECASE)


def states_consultation_days(text: str, days: int) -> bool:
    """Whether a line of ``text`` names consultations or inquiries and states ``days`` as a number
    of days ("365 days", "365-day", "365일", "1,095 days")."""
    return any(
        _CONSULTATION_WORDS.search(line) and days in _stated_days(line)
        for line in text.replace("\\", "").splitlines()
    )


# A number on its own (not the end of 1365 or 3.65), then a unit: days, months or years.
_PERIOD = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\s*-?\s*(days?\b|일|months?\b|개월|years?\b|년)",
    re.IGNORECASE,
)


def _stated_days(line: str) -> set[int]:
    """Every period a line states, in days: a year is 365 days, a month 30 or 31."""
    found: set[int] = set()
    for number, unit in _PERIOD.findall(line):
        n, unit = int(number.replace(",", "")), unit.lower()
        if unit.startswith(("day", "일")):
            found.add(n)
        elif unit.startswith(("month", "개월")):
            found.update({30 * n, 31 * n})
        else:
            found.add(365 * n)
    return found
