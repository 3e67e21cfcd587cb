"""The e2e harness itself: the axe check must fail loudly, the browser must stay on the live
server, the desktop option and the login helper must work."""

import pytest
from playwright.sync_api import Error, Page, expect

from samenleren.accounts.tests.factories import UserFactory
from tests.e2e.conftest import DESKTOP
from tests.e2e.ui import nl

GOOD_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Good</title></head><body>
<main><h1>Good</h1><label for="name">Name</label><input type="text" id="name"></main>
</body></html>"""


def test_check_a11y_fails_naming_rule_and_target(page: Page, check_a11y):
    # An unlabelled field and grey-on-white text: one critical and one serious violation.
    page.set_content(
        GOOD_PAGE.replace("</main>", '<p style="color: #aaa">Pale</p><input id="nameless"></main>')
    )

    with pytest.raises(pytest.fail.Exception) as failure:
        check_a11y(page)

    assert str(failure.value) == (
        "axe found accessibility violations on about:blank:\n"
        "- color-contrast (serious): Elements must meet minimum color contrast ratio thresholds\n"
        "    p\n"
        "- label (critical): Form elements must have labels\n"
        "    #nameless"
    )


def test_check_a11y_fails_on_content_outside_landmarks(page: Page, check_a11y):
    page.set_content(GOOD_PAGE.replace("</main>", "</main><p>Lost</p>"))

    with pytest.raises(pytest.fail.Exception, match=r"- region \(moderate\)"):
        check_a11y(page)


def test_check_a11y_fails_on_a_second_h1(page: Page, check_a11y):
    page.set_content(GOOD_PAGE)
    check_a11y(page)
    page.set_content(GOOD_PAGE.replace("</main>", "<h1>Again</h1></main>"))

    with pytest.raises(pytest.fail.Exception) as failure:
        check_a11y(page)

    assert str(failure.value) == (
        "axe found accessibility violations on about:blank:\n"
        "- one h1 per page: found 2: ['Good', 'Again']"
    )


def test_browser_is_refused_anything_but_the_live_server(page: Page, off_site_requests):
    with pytest.raises(Error, match="net::ERR_BLOCKED_BY_CLIENT"):
        page.goto("https://example.org/")

    assert off_site_requests == ["https://example.org/"]
    off_site_requests.clear()  # seen: don't let the page fixture fail this test on teardown


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_log_in_on_desktop_shows_the_menu_in_the_header(page: Page, check_a11y, log_in):
    person = UserFactory(first_name="Sem")

    log_in(page, person.email)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Hello %(name)s") % {"name": "Sem"}
    )
    # Wide screens show the header menu without folding it away; check its contrast too.
    expect(page.get_by_role("navigation", name=nl("Main menu"))).to_be_visible()
    check_a11y(page)
