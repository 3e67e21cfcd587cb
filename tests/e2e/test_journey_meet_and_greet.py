"""Journey 5: on her phone a vmbo mentor finds the meet & greet with mbo locations in the
calendar, registers for it, finds it under "Mijn aanmeldingen" and subscribes to her calendar."""

import re

from django.core import mail
from playwright.sync_api import Page, expect

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import ActivityKind, QuestionKind, Registration
from samenleren.activities.tests.factories import ActivityFactory, QuestionFactory
from samenleren.network.models import Function, OrganisationKind
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
)
from tests.e2e.ui import field, nl

TITLE = "Meet & greet met mbo-locaties"
SUMMARY = "Maak kennis met de mbo-opleidingen techniek in de regio."
QUESTION = "Neem je een collega-decaan mee?"
EMAIL = "sanne.dijkstra@vmbo-maasvallei.example"


def open_menu_link(page: Page, name: str) -> None:
    """Follow a link in the main menu, which is folded away on a phone."""
    page.get_by_text(nl("Menu"), exact=True).click()
    menu = page.get_by_role("navigation", name=nl("Main menu"))
    menu.get_by_role("link", name=name, exact=True).click()


def test_a_mentor_registers_for_the_meet_and_greet_on_her_phone(page: Page, check_a11y, log_in):
    region = RegionFactory(name="Zuid-Limburg")
    school = OrganisationFactory(
        name="Vmbo De Maasvallei", city="Maastricht", kind=OrganisationKind.VO, region=region
    )
    other_school = OrganisationFactory(
        name="Sint-Maartenscollege", city="Maastricht", kind=OrganisationKind.VO, region=region
    )
    mentor = UserFactory(email=EMAIL, first_name="Sanne", last_name="Dijkstra")
    AffiliationFactory(person=mentor, organisation=other_school, function=Function.TEACHER)
    AffiliationFactory(
        person=mentor, organisation=school, function=Function.MENTOR, is_primary=False
    )
    meet_and_greet = ActivityFactory(
        region=region,
        title=TITLE,
        kind=ActivityKind.MEET_GREET,
        summary=SUMMARY,
        # The activity service stores this on save; the factory does not.
        capacity=60,
        sessions=1,
    )
    question = QuestionFactory(
        activity=meet_and_greet, label=QUESTION, kind=QuestionKind.YES_NO, required=True
    )
    training = ActivityFactory(
        region=region,
        title="Lasersnijden voor beginners",
        sessions=1,
    )

    log_in(page, EMAIL)
    open_menu_link(page, nl("Calendar"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Training calendar"))
    expect(page.get_by_role("link", name=training.title, exact=True)).to_be_visible()
    check_a11y(page)

    # The kind filter leaves only the meet & greets.
    field(page, nl("Kind")).select_option(label=nl("Meet & greet"))
    page.get_by_role("button", name=nl("Filter"), exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]soort=meet_greet(&|$)"))
    expect(page.get_by_role("link", name=training.title, exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    check_a11y(page)

    # So does the search box, on its own.
    page.get_by_role("link", name=nl("Clear filters"), exact=True).click()
    field(page, nl("Search")).fill("mbo-locaties")
    page.get_by_role("button", name=nl("Filter"), exact=True).click()
    expect(page.get_by_role("link", name=training.title, exact=True)).to_have_count(0)
    page.get_by_role("link", name=TITLE, exact=True).click()

    expect(page).to_have_url(re.compile(rf"/agenda/{meet_and_greet.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_a11y(page)

    registration_form = page.get_by_role("region", name=nl("Register"))
    field(registration_form, nl("School or organisation")).select_option(label=str(school))
    field(registration_form, nl("Your function")).select_option(label=nl("Mentor"))
    registration_form.get_by_role("group", name=QUESTION).get_by_label(nl("Yes")).check()
    registration_form.get_by_role("button", name=nl("Register"), exact=True).click()

    expect(page.get_by_role("status")).to_have_text(
        nl("You are registered for %(title)s. A confirmation is on its way by e-mail.")
        % {"title": TITLE}
    )
    yours = page.get_by_role("region", name=nl("Your registration"))
    expect(yours.get_by_text(nl("You are registered."))).to_be_visible()
    check_a11y(page)
    registration = Registration.objects.get()
    assert (
        registration.activity_id,
        registration.person_id,
        registration.status,
        registration.organisation_id,
        registration.function,
        registration.answers,
    ) == (meet_and_greet.pk, mentor.pk, "confirmed", school.pk, "mentor", {str(question.pk): "yes"})

    # The confirmation, with the dates as a calendar file.
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([EMAIL], "[Samen Leren] " + nl("You are registered: %(title)s") % {"title": TITLE})
    ]
    [(filename, ics, mimetype)] = mail.outbox[0].attachments
    assert (filename, mimetype) == ("samenleren.ics", "text/calendar")
    assert f"SUMMARY:{TITLE}\r\n" in ics

    open_menu_link(page, nl("My registrations"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My registrations"))
    coming_up = page.get_by_role("table", name=nl("Activities you are registered for"))
    expect(coming_up.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(coming_up.get_by_role("cell", name=nl("Registered"), exact=True)).to_be_visible()
    check_a11y(page)

    # The personal calendar feed: its secret link is shown once.
    page.get_by_role("button", name=nl("Make my calendar link"), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        nl("Copy your calendar link now: it is shown only once.")
    )
    check_a11y(page)
    feed_url = page.locator("#feed-url").inner_text()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/agenda/feed/[^/]+\.ics", feed_url), feed_url
    feed = page.request.get(feed_url)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert f"SUMMARY:{TITLE}\r\n" in feed.text()
    assert "Lasersnijden" not in feed.text()

    # Back on the page the link is gone: it was shown only once.
    page.goto("/agenda/mijn/")
    expect(page.locator("#feed-url")).to_have_count(0)
