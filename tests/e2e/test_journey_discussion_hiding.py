"""Journey: the facilitator of a learning network hides a whole discussion that is really an
advertisement, on her phone. The confirmation step asks for an optional reason; a reason that
is far too long comes back at its field. The discussion leaves the network page; whoever
started it is told why; then she shows it again.
"""

import re

from playwright.sync_api import Page, expect

from samenleren.community.models import Thread
from samenleren.community.services.networks import thread_create
from samenleren.community.tests.factories import MembershipFactory, NetworkFactory
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
)
from tests.e2e.ui import nl

TITLE = "Goedkope laptops te koop"


def person(region, first_name: str, last_name: str):
    school = OrganisationFactory(region=region)
    return AffiliationFactory(
        organisation=school, person__first_name=first_name, person__last_name=last_name
    ).person


def test_a_facilitator_hides_a_whole_discussion_with_a_reason(
    page: Page, live_server, check_a11y, log_in, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory(name="Twente")
    network = NetworkFactory(region=region, name="PIE-docenten Twente")
    facilitator = person(region, "Linda", "Verlinden")
    seller = person(region, "Kees", "Bos")
    colleague = person(region, "Sanne", "Hendriks")
    MembershipFactory(network=network, person=facilitator, is_moderator=True)
    for member in (seller, colleague):
        MembershipFactory(network=network, person=member)
    thread = thread_create(
        network=network, author=seller, title=TITLE, text="Stuur me een berichtje."
    )
    url = f"/vraagbaak/discussie/{thread.pk}/"

    # 1. The facilitator opens the confirmation step: a labelled, optional reason field.
    log_in(page, facilitator.email)
    page.goto(url)
    page.get_by_text(nl("Hide the whole discussion")).click()
    reason = page.get_by_role("textbox", name=nl("Reason (optional)"), exact=True)
    expect(reason).to_be_visible()
    check_a11y(page)

    # 2. Far too long: nothing is hidden; the error is announced, linked and at the field.
    too_long = "reclame " * 40
    reason.fill(too_long)
    page.get_by_role("button", name=nl("Yes, hide the discussion")).click()
    expect(page.get_by_role("alert")).to_contain_text(nl("Nothing has been hidden yet."))
    reason = page.get_by_role("textbox", name=nl("Reason (optional)"), exact=True)
    expect(reason).to_have_attribute("aria-invalid", "true")
    refused = nl(
        "The reason is %(length)s characters long; at most %(limit)s are allowed. Keep it "
        "short, for example “personal data” or “advertising”."
    ) % {"length": len(too_long.strip()), "limit": 200}
    expect(reason).to_have_accessible_description(re.compile(re.escape(refused)))
    expect(reason).to_have_value(too_long)
    check_a11y(page)
    assert Thread.objects.get(pk=thread.pk).hidden_at is None

    # 3. A short reason: hidden, and the moderators see by whom and why.
    reason.fill("reclame")
    page.get_by_role("button", name=nl("Yes, hide the discussion")).click()
    expect(page.locator(".messages .alert").first).to_have_text(
        nl(
            "The discussion is hidden. It is no longer on the network page; only the "
            "moderators and whoever started it can still open it."
        )
    )
    expect(page.locator(".hidden-note")).to_contain_text(
        re.compile(r"Verborgen door Linda Verlinden op .+: reclame")
    )
    check_a11y(page)

    # 4. The network page no longer lists it for a colleague, who cannot open it either.
    page.context.clear_cookies()
    log_in(page, colleague.email)
    page.goto(network.get_absolute_url())
    expect(page.locator("main")).not_to_contain_text(TITLE)
    assert page.goto(url).status == 404

    # 5. Whoever started it is told why.
    page.context.clear_cookies()
    log_in(page, seller.email)
    page.goto(url)
    expect(page.locator(".hidden-note")).to_contain_text(
        nl("This discussion has been hidden by a moderator. It is no longer on the network page.")
    )
    expect(page.locator(".hidden-note")).to_contain_text("Reden: reclame")
    check_a11y(page)

    # 6. The facilitator shows it again; it is back on the network page.
    page.context.clear_cookies()
    log_in(page, facilitator.email)
    page.goto(url)
    page.get_by_role("button", name=nl("Show the discussion again")).click()
    expect(page.locator(".messages .alert").first).to_have_text(
        nl("The discussion is visible to everyone again.")
    )
    page.goto(network.get_absolute_url())
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert Thread.objects.get(pk=thread.pk).hidden_reason == ""
