"""Real-browser harness (a pytest plugin, loaded by tests/conftest.py): Playwright's sync API
driving Debian's chromium against `live_server`. Fixtures `browser`, `open_journey`,
`journey` for any test in any folder; checks `assert_accessible`, `assert_fits_narrow_screen`,
`press_tab_until` to import from here. Every test that uses the browser is marked `browser`.

- One chromium for the run of browser tests (stopped after the last one); a fresh browser
  context (cookies, storage) per person in a test.
- Every request to a host other than the live server is aborted and recorded; a test that
  caused one fails. So does a Content-Security-Policy violation or an uncaught script error.
- `journey.step("label")` keeps a screenshot in memory; when the test fails they are all
  written to test-artifacts/<test>/ together with a screenshot of the final state.
- `assert_accessible(page, label)` runs axe-core (shipped inside axe-playwright-python, so no
  network) for the WCAG 2.0/2.1/2.2 A and AA tags and fails on any violation.

Chromium comes from Debian's package (never a Playwright browser download). Without it these
tests skip, or fail under REQUIRE_BROWSER=1 (tests/conftest.py).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connections

# Loopback only, and one address so "the site's own host" is unambiguous.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


# --- the browser ---------------------------------------------------------------------------
# One chromium for a run of browser tests, stopped after the last of them: Playwright's sync
# API keeps an asyncio loop in this thread, which must not outlive the browser tests (Django
# would refuse ORM calls and async_to_sync in every test after them).
_running: dict = {}


def _browser_start():
    if "browser" not in _running:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright().start()
        _running["manager"] = manager
        _running["browser"] = manager.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        # The ORM calls in the test body (fixtures, assertions on rows) run beside that loop.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return _running["browser"]


def _browser_stop() -> None:
    browser = _running.pop("browser", None)
    manager = _running.pop("manager", None)
    if browser is not None:
        browser.close()
    if manager is not None:
        manager.stop()
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def pytest_sessionfinish(session, exitstatus):
    _browser_stop()


@pytest.fixture
def browser(request):
    if not shutil.which("chromium"):  # tests/conftest.py already skipped or failed the test
        pytest.skip("chromium is not installed")
    yield _browser_start()
    items = request.session.items
    position = items.index(request.node) if request.node in items else len(items)
    following = items[position + 1] if position + 1 < len(items) else None
    if following is None or "browser" not in getattr(following, "fixturenames", ()):
        _browser_stop()


@dataclass
class Journey:
    """A page in a fresh context, the live server's address, and what went wrong on the way."""

    page: object
    base_url: str
    offsite_requests: list[str] = field(default_factory=list)
    script_problems: list[str] = field(default_factory=list)
    steps: list[tuple[str, bytes]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def visit(self, path: str, *, expect_status: int | None = 200):
        response = self.page.goto(self.url(path), wait_until="load")
        if expect_status is not None:
            assert response is not None, f"no response for {path}"
            assert response.status == expect_status, f"{path} answered {response.status}"
        self.assert_clean()
        return response

    def step(self, label: str) -> None:
        """A key step: remember a screenshot (written out only if the test fails)."""
        self.steps.append((label, self.page.screenshot(full_page=True)))
        self.assert_clean()

    def assert_clean(self) -> None:
        assert not self.offsite_requests, (
            f"requests to other hosts were made: {self.offsite_requests}"
        )
        assert not self.script_problems, f"CSP violations or script errors: {self.script_problems}"


@pytest.fixture
def open_journey(browser, live_server, request):
    """Opens a new browser context (another person, another device) on the live server."""
    base_url = live_server.url
    own_origin = urlsplit(base_url).netloc
    opened: list[tuple[object, Journey]] = []
    # The call phase's report is logged before fixtures are torn down, so a failure of the
    # test body shows here (works for tests in any folder that borrow these fixtures).
    failures_before = request.session.testsfailed

    def open_one(*, javascript: bool = True) -> Journey:
        context = browser.new_context(
            viewport=DESKTOP,
            locale="en-US",
            timezone_id="America/Los_Angeles",
            java_script_enabled=javascript,
            accept_downloads=True,
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        j = Journey(page=page, base_url=base_url)

        def guard(route):
            parts = urlsplit(route.request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own_origin:
                j.offsite_requests.append(route.request.url)
                route.abort("blockedbyclient")
            else:
                route.continue_()

        context.route("**/*", guard)

        def on_console(message):
            text = message.text
            if "Content Security Policy" in text or "Content-Security-Policy" in text:
                j.script_problems.append(text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: j.script_problems.append(f"uncaught: {error}"))
        opened.append((context, j))
        return j

    yield open_one

    failed = request.session.testsfailed > failures_before
    for number, (context, j) in enumerate(opened, start=1):
        if failed:
            _save_artifacts(request.node.nodeid + (f"-{number}" if number > 1 else ""), j)
        context.close()
    # ORM calls in the test body may have opened a database connection in a context of their
    # own (Playwright's greenlets carry their own contextvars); close it here, or it would
    # still be open when the test database is dropped.
    connections.close_all()
    if not failed:
        # A stray request after the last assertion still fails the test (as a teardown error).
        for _, j in opened:
            j.assert_clean()


@pytest.fixture
def journey(open_journey) -> Journey:
    """One person's browser on the live server."""
    return open_journey()


def _save_artifacts(nodeid: str, j: Journey) -> None:
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")
    folder.mkdir(parents=True, exist_ok=True)
    for number, (label, png) in enumerate(j.steps, start=1):
        safe = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-")
        (folder / f"{number:02d}-{safe}.png").write_bytes(png)
    try:
        j.page.screenshot(path=str(folder / "99-at-failure.png"), full_page=True)
        (folder / "99-at-failure.html").write_text(j.page.content())
    except Exception:  # noqa: BLE001 - the page may already be gone; the steps are saved
        pass


# --- checks -----------------------------------------------------------------------------
_axe = None


def assert_accessible(page, label: str, *, tags: list[str] = WCAG_TAGS) -> None:
    """axe-core over the whole page for WCAG 2.0/2.1/2.2 A and AA: no violations allowed."""
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    # Measure the page as a person sees it: loaded, with every stylesheet applied (a check
    # run mid-navigation once saw a page before its CSS and reported target sizes).
    page.wait_for_load_state("load")
    page.wait_for_function(
        "[...document.querySelectorAll('link[rel=stylesheet]')].every(link => link.sheet)"
    )
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": tags},
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, f"{label} ({page.url}):\n" + results.generate_report()


def assert_fits_narrow_screen(page, label: str) -> None:
    """At 320 px wide nothing may force horizontal scrolling (WCAG 1.4.10 reflow)."""
    original = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > 320.5)
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                         + (e.className && typeof e.className === 'string'
                            ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))"""
            )
            raise AssertionError(
                f"{label} ({page.url}) is {width}px wide at 320px; widest: {culprits}"
            )
    finally:
        page.set_viewport_size(original)


def press_tab_until(page, predicate_js: str, *, limit: int = 80, shift: bool = False) -> None:
    """Move focus with Tab only until `predicate_js(document.activeElement)` is true."""
    key = "Shift+Tab" if shift else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(el => ({predicate_js}))(document.activeElement)"):
            return
    active = page.evaluate("document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(f"Tab never reached {predicate_js!r}; focus is on {active}")


# --- the couple's inquiry, as the journeys type it ----------------------------------------
def inquiry_steps(*, name: str, email: str, partner: str, concern: str) -> list[list[tuple]]:
    """What a couple types into the inquiry, step by step: (kind, field name, value)."""
    return [
        [
            ("text", "contact_name", name),
            ("text", "contact_email", email),
            ("text", "contact_phone", "(949) 555-0134"),
            ("radio", "preferred_contact", "email"),
            ("check", "email_consent", None),
            ("radio", "sms_safe", "yes"),
            ("radio", "voicemail_ok", "no"),
        ],
        [("text", "partner_first_name", partner)],
        [("radio", "both_adults", "yes"), ("radio", "in_california", "yes")],
        [("check", "concerns", concern)],
        [
            ("radio", "medicine_interest", "both"),
            ("radio", "session_format", "telehealth"),
            ("radio", "payment", "self_pay"),
            ("radio", "military_family", "no"),
        ],
        [("check", "privacy_acknowledged", None)],
    ]


def choice_input(page, name: str, value=None):
    """The radio or checkbox named `name` (with `value`, when given)."""
    selector = f'input[name="{name}"]' + (f'[value="{value}"]' if value is not None else "")
    return page.locator(selector)


def fill_step(page, answers) -> None:
    """Type the text answers and tick the radios/checkboxes of one form step."""
    for kind, name, value in answers:
        if kind == "text":
            page.locator(f'[name="{name}"]').fill(value)
        else:
            choice_input(page, name, value).check()


def submit(page, button_name: str) -> None:
    """Press a form's button by its exact name and wait for the next page to load."""
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=button_name, exact=True).click()


def url_path(url: str) -> str:
    """The path (and query) of an absolute URL."""
    return re.sub(r"^https?://[^/]+", "", url)


# The lowest-risk answer of every radio group on a screening section (name → value).
LOW_RISK_CHOICE = """() => {
  const groups = {};
  for (const input of document.querySelectorAll('main form input[type=radio]')) {
    (groups[input.name] = groups[input.name] || []).push(input.value);
  }
  const chosen = {};
  for (const [name, values] of Object.entries(groups)) {
    const prefer = name === 'feel_safe' ? ['yes'] : ['0', 'no', 'never', 'not_difficult'];
    chosen[name] = prefer.find(v => values.includes(v)) ?? values[0];
  }
  return chosen;
}"""
