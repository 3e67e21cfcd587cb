"""Journeys: the facilitator of a learning network hides a rude message in its discussion on
her phone, in two steps and without leaving the page; its author is told what happened and
the other members no longer see it; then she shows it again. A coordinator does the same with
an answer on the question board.
"""

import re

from playwright.sync_api import Page, expect

from samenleren.community.models import Post
from samenleren.community.services.answers import answer_create
from samenleren.community.services.networks import post_create, thread_create
from samenleren.community.services.questions import question_create
from samenleren.community.tests.factories import MembershipFactory, NetworkFactory
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)
from tests.e2e.ui import nl

RUDE = "Wat een waardeloze school is dat, zeg."


def person(region, first_name: str, last_name: str):
    school = OrganisationFactory(region=region)
    return AffiliationFactory(
        organisation=school, person__first_name=first_name, person__last_name=last_name
    ).person


def named(action: str, author: str, kind: str = "message") -> re.Pattern:
    """The accessible name of a moderation button: the action and which message (any time)."""
    which = nl(f"{kind} from %(name)s, %(moment)s") % {"name": author, "moment": "MOMENT"}
    return re.compile("^" + re.escape(f"{nl(action)} – {which}").replace("MOMENT", ".+") + "$")


def status_message(page: Page):
    return page.locator(".messages .alert").first


def test_a_facilitator_hides_a_rude_message_and_shows_it_again(
    page: Page, live_server, check_a11y, log_in, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory(name="Twente")
    network = NetworkFactory(region=region, name="PIE-docenten Twente")
    facilitator = person(region, "Linda", "Verlinden")
    author = person(region, "Kees", "Bos")
    colleague = person(region, "Sanne", "Hendriks")
    MembershipFactory(network=network, person=facilitator, is_moderator=True)
    for member in (author, colleague):
        MembershipFactory(network=network, person=member)
    thread = thread_create(
        network=network, author=colleague, title="Het CSPE", text="Hoe pakken jullie het aan?"
    )
    rude = post_create(thread=thread, author=author, text=RUDE)
    card = page.locator(f"#bericht-{rude.pk}")

    # 1. The facilitator opens the discussion: each message has its own, named hide action.
    log_in(page, facilitator.email)
    page.goto(f"/vraagbaak/discussie/{thread.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Het CSPE")
    check_a11y(page)
    hide = card.locator("summary")
    expect(hide).to_have_accessible_name(named("Hide", "Kees Bos"))

    # 2. Two steps: the first only opens the confirmation, the second hides.
    hide.click()
    confirm = card.get_by_role("button", name=named("Yes, hide it", "Kees Bos"))
    expect(confirm).to_be_visible()
    check_a11y(page)
    confirm.click()
    expect(status_message(page)).to_have_text(
        nl("The message is hidden. Only the moderators and its author still see it.")
    )
    expect(page).to_have_url(re.compile(rf"/discussie/{thread.pk}/#bericht-{rude.pk}$"))
    expect(card).to_contain_text(nl("Hidden"))
    show = card.get_by_role("button", name=named("Show again", "Kees Bos"))
    expect(show).to_be_visible()
    check_a11y(page)
    assert Post.objects.get(pk=rude.pk).hidden_at is not None

    # 3. The author is told; a colleague no longer sees the message at all.
    page.context.clear_cookies()
    log_in(page, author.email)
    page.goto(f"/vraagbaak/discussie/{thread.pk}/")
    expect(card).to_contain_text(nl("This message has been hidden by a moderator."))
    expect(card.locator("summary")).to_have_count(0)
    check_a11y(page)
    page.context.clear_cookies()
    log_in(page, colleague.email)
    page.goto(f"/vraagbaak/discussie/{thread.pk}/")
    expect(page.get_by_text("Hoe pakken jullie het aan?")).to_be_visible()
    expect(card).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(RUDE)

    # 4. The facilitator shows it again.
    page.context.clear_cookies()
    log_in(page, facilitator.email)
    page.goto(f"/vraagbaak/discussie/{thread.pk}/")
    card.get_by_role("button", name=named("Show again", "Kees Bos")).click()
    expect(status_message(page)).to_have_text(nl("The message is visible to everyone again."))
    expect(card.locator("summary")).to_be_visible()
    check_a11y(page)
    assert Post.objects.get(pk=rude.pk).hidden_at is None


def test_a_coordinator_hides_an_answer_on_the_question_board(
    page: Page, live_server, check_a11y, log_in, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory(name="Achterhoek")
    coordinator = coordinator_of(region, first_name="Linda", last_name="Verlinden")
    asker = person(region, "Sanne", "Hendriks")
    answerer = person(region, "Kees", "Bos")
    question = question_create(author=asker, region=region, text="Wie heeft PIE-lesmateriaal?")
    answer = answer_create(question=question, author=answerer, text=RUDE)
    card = page.locator(f"#antwoord-{answer.pk}")

    log_in(page, coordinator.email)
    page.goto(question.get_absolute_url())
    card.locator("summary").click()
    card.get_by_role("button", name=named("Yes, hide it", "Kees Bos", "answer")).click()
    expect(status_message(page)).to_have_text(
        nl("The answer is hidden. Only the coordinators and its author still see it.")
    )
    expect(page).to_have_url(re.compile(rf"#antwoord-{answer.pk}$"))
    expect(
        card.get_by_role("button", name=named("Show again", "Kees Bos", "answer"))
    ).to_be_visible()
    check_a11y(page)

    page.context.clear_cookies()
    log_in(page, answerer.email)
    page.goto(question.get_absolute_url())
    expect(card).to_contain_text(nl("Your answer has been hidden by a coordinator."))
    check_a11y(page)
    page.context.clear_cookies()
    log_in(page, asker.email)
    page.goto(question.get_absolute_url())
    expect(card).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(RUDE)
