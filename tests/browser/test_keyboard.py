"""The site with a keyboard alone: every link, field and button is reached with Tab, shows where
the focus is, and lets the focus go on (no trap); an inquiry is written and a time is booked
without a mouse."""

from __future__ import annotations

from tests.browser.journeys import Journey, cancellable_weekday
from tests.browser.tools import served_in_thread
from tests.fixtures.board import GOOD
from tests.fixtures.members import ADULT, join
from tests.helpers import english

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    what: `${element.localName} ${element.name || element.textContent.trim().slice(0, 30)}`,
    name: element.name || "",
    value: element.value || "",
    visible: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
             || style.boxShadow !== "none",
    body: element === document.body,
  };
}"""
# What Tab should reach: every control shown, and the summary of a folded menu, but not what
# a folded menu holds until it is opened.
REACHABLE = """() => [...document.querySelectorAll(
    "a[href], button, input, select, textarea, summary")]
  .filter(e => !e.disabled && e.type !== "hidden" && e.getClientRects().length
               && getComputedStyle(e).visibility !== "hidden" && !e.closest("[aria-hidden=true]")
               && !e.closest(".antispam-trap")
               && !(e.closest("details:not([open])") && e.localName !== "summary"))
  .map(e => `${e.localName} ${e.name || e.textContent.trim().slice(0, 30)}`)"""


def _tab_through(page, limit: int = 300) -> list[dict]:
    """Press Tab from the top of the page until the focus leaves the page; what it stopped on."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["body"] or (stops and focused["what"] == stops[0]["what"]):
            return stops
        stops.append(focused)
    raise AssertionError(f"the focus never left the page after {limit} presses of Tab")


def _tab_to(page, name: str, value: str | None = None) -> None:
    for _ in range(100):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["name"] == name and value in (None, focused["value"]):
            return
    raise AssertionError(f"Tab never reached {name}")


def test_every_control_is_reached_with_tab_and_shows_the_focus(members_app, browser):
    with served_in_thread(members_app) as base:
        for path in ("/", "/consultations/new", "/account/register", "/fees", "/cookies"):
            visitor = Journey(browser, base, "keyboard", "ko")
            visitor.go(path)
            stops = _tab_through(visitor.page)
            assert stops[0]["what"].startswith("a "), "the skip link comes first"
            reached = {stop["what"] for stop in stops}
            missed = [what for what in visitor.page.evaluate(REACHABLE) if what not in reached]
            assert missed == [], (path, missed)
            assert [stop["what"] for stop in stops if not stop["visible"]] == [], path
            visitor.close()


def test_the_folded_menu_opens_with_the_keyboard(members_app, browser):
    with served_in_thread(members_app) as base:
        visitor = Journey(browser, base, "keyboard", "ko")
        visitor.go("/")
        for _ in range(40):
            visitor.page.keyboard.press("Tab")
            if visitor.page.evaluate("document.activeElement.localName") == "summary":
                break
        visitor.page.keyboard.press("Enter")
        reached = {stop["what"] for stop in _tab_through(visitor.page)}
        for link in ("a 오시는 길", "a 공지사항", "a 온라인 상담"):
            assert link in reached, link
        visitor.shot("menu-open")
        visitor.close()


def test_an_inquiry_written_and_a_time_booked_with_the_keyboard_alone(members_app, browser):
    join(english(members_app.test_client()))
    with served_in_thread(members_app) as base:
        visitor = Journey(browser, base, "keyboard", "en")
        visitor.go("/consultations/new")
        _tab_to(visitor.page, "choice", "necessary")
        visitor.page.keyboard.press("Enter")
        visitor.page.locator("#cookie-banner").wait_for(state="detached")
        for name in ("name", "password", "mobile", "title", "body"):
            _tab_to(visitor.page, name)
            visitor.page.keyboard.type(GOOD[name])
        for name in ("agree_privacy", "agree_sensitive"):
            _tab_to(visitor.page, name)
            visitor.page.keyboard.press("Space")
        visitor.page.keyboard.press("Tab")
        with visitor.page.expect_navigation():
            visitor.page.keyboard.press("Enter")
        assert GOOD["body"] in visitor.text()
        visitor.shot("inquiry-sent")
        visitor.close()

        patient = Journey(browser, base, "keyboard", "en")
        patient.go("/account/login")
        _tab_to(patient.page, "username")
        patient.page.keyboard.type(ADULT["username"])
        _tab_to(patient.page, "password")
        patient.page.keyboard.type(ADULT["password"])
        with patient.page.expect_navigation():
            patient.page.keyboard.press("Enter")
        patient.go(f"/reservations/new?date={cancellable_weekday().isoformat()}")
        _tab_to(patient.page, "slot")
        patient.page.keyboard.press("ArrowRight")  # the next free time
        chosen = patient.page.evaluate(FOCUSED)["value"]
        for _ in range(100):
            patient.page.keyboard.press("Tab")
            if patient.page.evaluate("document.activeElement.type") == "submit":
                break
        with patient.page.expect_navigation():
            patient.page.keyboard.press("Enter")
        assert patient.path() == "/reservations"
        assert patient.page.locator(f'time[datetime^="{chosen[:10]}"]').count() >= 1
        patient.shot("booked")
        patient.close()
