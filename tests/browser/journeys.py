"""A person going through the site in a real browser, one step after another, with a screenshot
of each step on a phone (390×844) and on a desktop (1280×900), kept where a person can look at
them: CLINIC_SCREENSHOTS, or clinic-screenshots in the system's temporary folder."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LOCALES = {"ko": "ko-KR", "en": "en-US"}
SHOTS = Path(
    os.environ.get("CLINIC_SCREENSHOTS") or Path(tempfile.gettempdir(), "clinic-screenshots")
)


def cancellable_weekday() -> date:
    """A weekday far enough ahead that a time booked on it can still be cancelled online (the
    deadline is a day before the visit)."""
    day = date.today() + timedelta(days=3)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


class Journey:
    """One person's browser on the served site, in one language."""

    def __init__(self, browser, base: str, story: str, language: str, javascript: bool = True):
        self.base, self.story, self.language = base, story, language
        self.context = browser.new_context(
            locale=LOCALES[language], viewport=PHONE, java_script_enabled=javascript
        )
        self.context_javascript = javascript
        self.page = self.context.new_page()
        self.script_errors: list[str] = []
        self.page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        self.steps = 0

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return response

    def menu_link(self, href: str):
        """A link of the site's menu, as a patient reaches it: on a phone the menu is folded
        into one button, which is pressed first."""
        menu = self.page.locator("header details.site-menu")
        toggle = menu.locator("summary")
        if toggle.is_visible() and menu.get_attribute("open") is None:
            toggle.click()
        return menu.locator(f'a[href="{href}"]').first

    def form(self, field: str):
        """The form on the page that has a field named ``field``."""
        return self.page.locator("form").filter(has=self.page.locator(f'[name="{field}"]')).first

    def fill(self, data: dict[str, str]):
        form = self.form(next(iter(data)))
        for name, value in data.items():
            field = form.locator(f'[name="{name}"]')
            kind = field.first.evaluate("element => element.type")
            if kind == "checkbox":
                field.check()
            elif kind == "radio":
                form.locator(f'[name="{name}"][value="{value}"]').check()
            elif kind.startswith("select"):
                field.select_option(value)
            else:
                field.fill(value)
        return form

    def send(self, data: dict[str, str], button: str = 'button[type="submit"]'):
        """Fill a form, press its button, and return the answer the browser ended on."""
        form = self.fill(data)
        return self.press(form.locator(button).last)

    def press(self, button):
        with self.page.expect_navigation() as navigation:
            button.click()
        return navigation.value

    def shot(self, step: str) -> None:
        """Screenshots of the page as it is, on the phone and on the desktop."""
        self.steps += 1
        folder = SHOTS / self.story
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{self.steps:02d}-{step}-{self.language}"
        self.page.screenshot(path=folder / f"{stem}-phone.png", full_page=True)
        self.page.set_viewport_size(DESKTOP)
        self.page.screenshot(path=folder / f"{stem}-desktop.png", full_page=True)
        self.page.set_viewport_size(PHONE)

    def text(self) -> str:
        return self.page.locator("main").inner_text()

    def path(self) -> str:
        return re.sub(r"^https?://[^/]+", "", self.page.url)

    def close(self) -> None:
        assert self.script_errors == []
        self.context.close()

    def choose_cookies(self, choice: str = "necessary") -> None:
        """Answer the cookie bar (in the background with JavaScript, by a page load without)."""
        button = self.page.locator(f'#cookie-banner button[value="{choice}"]')
        if self.context_javascript:
            button.click()
            self.page.locator("#cookie-banner").wait_for(state="detached")
        else:
            self.press(button)
