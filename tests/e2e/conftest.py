"""Browser journeys: Playwright's sync API driving Debian's Chromium against a live server.

Every test under tests/e2e is marked `e2e`; `make test` runs them in one process after the
rest of the suite (which runs on two workers), so one browser serves all journeys.

pytest-socket's --allow-hosts only guards sockets opened by this Python process: Playwright
talks to its driver over a pipe and the driver to Chromium over a pipe, and the live server
listens on 127.0.0.1, so nothing here trips it. Chromium itself is another process that
pytest-socket cannot see; the `page` fixture therefore refuses every request that is not
for the live server.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import Browser, Page, Playwright, Route, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.e2e.ui import PASSWORD, field, nl

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # containers and CI runners often run as root without user namespaces
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # No calls home: the tests only ever talk to the live server on loopback.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Fail fast: a journey step that takes longer than this is a bug, not a slow machine.
TIMEOUT_MS = 10_000

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BLOCKING = {"serious", "critical"}
# Page structure the guide asks for. axe files these under best practice with a "moderate"
# impact, so they are switched on by name and fail the test whatever their impact.
AXE_STRUCTURE = [
    "page-has-heading-one",
    "heading-order",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "region",
]

E2E_DIR = Path(__file__).parent


def pytest_itemcollected(item):
    # Only called for items under this directory. Marked here, during collection, so that
    # xdist's pytest_collection_modifyitems already sees the group.
    item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="package")
def live_server(request):
    """pytest-django's live server, bound to 127.0.0.1 instead of "localhost".

    The server listens on IPv4 only; with "localhost" in the URL Chromium may try ::1 first.
    Package-scoped, like the browser: it stops once the journeys are done.
    """
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "127.0.0.1"
    )
    server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="package")
def _playwright():
    """Playwright for the e2e package only.

    The sync API keeps an asyncio loop "running" on the main thread for as long as it is
    started. Django then refuses ORM calls (SynchronousOnlyOperation) and asgiref refuses
    async_to_sync, so the loop must not outlive the journeys: package scope stops it before
    any other test runs in this worker, and DJANGO_ALLOW_ASYNC_UNSAFE is set only meanwhile
    (the test body's ORM calls run synchronously on the main thread; that is safe).
    """
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} not found: the browser journeys need Debian's Chromium. "
            "Run `make browser` (never `playwright install`).",
            pytrace=False,
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(_playwright: Playwright):
    browser = _playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def viewport():
    """Phone-sized by default (mobile first). For a desktop test:
    `@pytest.mark.parametrize("viewport", [DESKTOP])`."""
    return PHONE


@pytest.fixture
def off_site_requests() -> list[str]:
    """URLs the browser tried to fetch from anywhere but the live server (and was refused)."""
    return []


@pytest.fixture
def page(browser: Browser, live_server, viewport, off_site_requests: list[str]) -> Page:
    """A fresh context (no cookies, Dutch browser) per test, with a page on the live server.

    Requests for anything but the live server are refused and fail the test: the tests stay
    off the network, and a page that needs a third-party host is a bug (CSP would block it).
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport=viewport,
        is_mobile=viewport == PHONE,
        has_touch=viewport == PHONE,
    )
    context.set_default_timeout(TIMEOUT_MS)

    def only_live_server(route: Route) -> None:
        if route.request.url.startswith(f"{live_server.url}/"):
            route.continue_()
        else:
            off_site_requests.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_live_server)
    yield context.new_page()
    context.close()
    assert off_site_requests == [], "the browser tried to reach beyond the live server"


AXE = Axe()  # reads axe.min.js, shipped by axe-playwright-python, once


@pytest.fixture
def check_a11y():
    """`check_a11y(page)`: run axe-core on the page as it is now and fail on every serious or
    critical WCAG 2.0/2.1 A or AA violation and every page-structure problem, listing rule,
    help and targets; also on a page without exactly one h1 (axe only wants at least one)."""

    def check(page: Page) -> None:
        options = {
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "rules": {rule: {"enabled": True} for rule in AXE_STRUCTURE},
            "resultTypes": ["violations"],
        }
        violations = AXE.run(page, options=options).response["violations"]
        blocking = [
            v for v in violations if v["impact"] in AXE_BLOCKING or v["id"] in AXE_STRUCTURE
        ]
        problems = [
            f"- {v['id']} ({v['impact']}): {v['help']}\n"
            + "\n".join(f"    {' '.join(map(str, node['target']))}" for node in v["nodes"])
            for v in blocking
        ]
        headings = page.locator("h1").all_inner_texts()
        if len(headings) != 1:
            problems.append(f"- one h1 per page: found {len(headings)}: {headings}")
        if problems:
            # pytest.fail, not assert: the report reads as written, without a repr after it.
            report = "\n".join(problems)
            pytest.fail(f"axe found accessibility violations on {page.url}:\n{report}")

    return check


@pytest.fixture
def log_in():
    """`log_in(page, email, password)`: log in through the real (Dutch) login form, as a
    person would, and wait until the login page is left behind."""

    def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
        page.goto("/accounts/login/")
        field(page, nl("Email")).fill(email)
        field(page, nl("Password")).fill(password)
        page.get_by_role("button", name=nl("Sign In"), exact=True).click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    return log_in


@pytest.fixture
def last_mail_link():
    """`last_mail_link(pattern)`: the first URL in the last mail sent that matches `pattern`
    (a regex). The live server runs in this process, so its mail lands in the same outbox."""

    def last_mail_link(pattern: str = r"https?://\S+") -> str:
        assert mail.outbox, "no mail was sent"
        body = mail.outbox[-1].body
        match = re.search(pattern, body)
        assert match, f"no link matching {pattern!r} in the last mail:\n{body}"
        return match.group(0)

    return last_mail_link
