"""Journey 4: a PIE teacher asks about teaching materials and sees two similar questions from
other schools while typing; the coordinator forms the PIE network from the cluster and
schedules a meeting; members share materials; after the meeting the follow-up questions come in.

The teacher uses her phone, the coordinator a desk. After the meeting `time_machine` moves the
clock (the live server runs in this process, so it moves too) and the question board's tick
(`community_tick`, run by cron) asks the members for their follow-up questions by mail.
"""

import re
from datetime import datetime, time, timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, Route, expect

from samenleren.community.matching import matcher_reset
from samenleren.community.models import (
    Material,
    Network,
    NetworkMeeting,
    Question,
    QuestionSource,
)
from samenleren.community.services.followups import community_tick
from samenleren.community.services.networks import network_join
from samenleren.community.services.questions import question_create
from samenleren.network.models import Function, OrganisationKind, Profile
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)
from tests.e2e.conftest import DESKTOP, PHONE, TIMEOUT_MS
from tests.e2e.ui import PASSWORD, field, nl

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def phone_page(browser: Browser, live_server, off_site_requests: list[str]) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(TIMEOUT_MS)

    def only_live_server(route: Route) -> None:
        if route.request.url.startswith(f"{live_server.url}/"):
            route.continue_()
        else:
            off_site_requests.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_live_server)
    return context.new_page()


def status_message(page: Page):
    return page.locator(".messages .alert").first


def restore_default_synonyms() -> None:
    """The synonym groups every region starts with come from data migrations; a browser test
    before this one flushed them (live-server tests empty the database afterwards). Without
    them the matcher is not the one people use, and which questions cluster depends on the
    order the tests ran in."""
    for migration in ("0002_default_synonyms", "0003_more_default_synonyms"):
        import_module(f"samenleren.community.migrations.{migration}").add(django_apps, None)


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_a_pie_question_becomes_a_network_with_a_meeting_and_follow_up_questions(
    page: Page,
    browser: Browser,
    live_server,
    off_site_requests: list[str],
    check_a11y,
    log_in,
    settings,
    time_machine,
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    settings.SITE_URL = live_server.url  # links in mail lead to the live server
    restore_default_synonyms()
    matcher_reset()
    region = RegionFactory(name="Zuid-Limburg")
    pie, _created = Profile.objects.get_or_create(code="PIE")
    maasoever, kasteelhof, rosveld = (
        OrganisationFactory(name=name, kind=OrganisationKind.VO, region=region)
        for name in ("Maasoever Vakcollege", "Vmbo De Kasteelhof", "Rosveld Vakcollege")
    )
    teacher = AffiliationFactory(
        organisation=maasoever,
        function=Function.TEACHER,
        person__email="sanne@maasoever.example",
        person__first_name="Sanne",
        person__last_name="Hendriks",
    ).person
    colleague = AffiliationFactory(organisation=kasteelhof, person__first_name="Tom").person
    other = AffiliationFactory(organisation=rosveld, person__first_name="Ilse").person
    coordinator = coordinator_of(
        region, email="linda@zuid-limburg.example", first_name="Linda", last_name="Verlinden"
    )
    for author, organisation, text in (
        (colleague, kasteelhof, "Welk lesmateriaal gebruiken jullie voor PIE in leerjaar 3?"),
        (other, rosveld, "Wie heeft goede opdrachten en lesmaterialen voor het profiel PIE?"),
    ):
        question_create(
            author=author, region=region, organisation=organisation, text=text, tags=["PIE"]
        )
    question_create(
        author=other, region=region, organisation=rosveld, text="Hoe plannen jullie de toetsweek?"
    )

    # 1. The PIE teacher asks on her phone; two questions from other schools appear while typing.
    phone = phone_page(browser, live_server, off_site_requests)
    log_in(phone, teacher.email, PASSWORD)
    phone.goto("/vraagbaak/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(nl("Question board"))
    check_a11y(phone)
    phone.get_by_role("link", name=nl("Ask a question"), exact=True).first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(nl("Ask a question"))
    check_a11y(phone)
    field(phone, nl("Your question")).press_sequentially(
        "Wie deelt lesmateriaal voor PIE? Wij zoeken nieuwe opdrachten.", delay=10
    )
    similar = phone.locator("#similar .similar-list > li")
    expect(similar).to_have_count(2)
    expect(phone.locator("#similar")).to_contain_text("Vmbo De Kasteelhof")
    expect(phone.locator("#similar")).to_contain_text("Rosveld Vakcollege")
    check_a11y(phone)
    phone.get_by_label("PIE", exact=False).first.check()
    phone.get_by_role("button", name=nl("Post my question"), exact=True).click()
    expect(status_message(phone)).to_have_text(
        nl("Your question is on the board. You get a mail when someone answers.")
    )
    check_a11y(phone)

    # 2. The coordinator sees the cluster of three schools and forms the PIE network.
    log_in(page, coordinator.email, PASSWORD)
    page.goto("/vraagbaak/beheer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Questions to handle"))
    check_a11y(page)
    page.get_by_role("link", name=nl("Clusters of similar questions"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Clusters of similar questions"))
    expect(page.locator("section.card")).to_have_count(1)
    check_a11y(page)
    page.get_by_role("link", name=nl("Start a learning network"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Start a learning network"))
    check_a11y(page)
    field(page, nl("Name")).fill("PIE-docenten Zuid-Limburg")
    field(page, nl("Description")).fill("Docenten PIE delen lesmateriaal en ervaringen.")
    field(page, nl("Profile")).select_option("PIE")
    page.get_by_role("button", name=nl("Start the network"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PIE-docenten Zuid-Limburg")
    check_a11y(page)
    network = Network.objects.get(name="PIE-docenten Zuid-Limburg")
    assert network.profile == pie
    assert network.topics.count() == 3

    page.get_by_role("link", name=nl("Schedule a meeting"), exact=True).click()
    check_a11y(page)
    day = timezone.localdate() + timedelta(days=3)
    field(page, nl("Title")).fill("Eerste bijeenkomst PIE-docenten")
    field(page, nl("Date")).fill(day.isoformat())
    field(page, nl("Start time")).fill("15:30")
    field(page, nl("End time")).fill("17:30")
    field(page, nl("Address")).fill("Maasoever Vakcollege, Via Regia 150, Maastricht")
    page.get_by_role("button", name=nl("Schedule the meeting"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eerste bijeenkomst PIE-docenten")
    check_a11y(page)
    meeting = NetworkMeeting.objects.get(network=network)

    # 3. Members join and share materials.
    network_join(network=network, person=colleague)
    phone.goto(network.get_absolute_url())
    phone.get_by_role("button", name=nl("Join the network"), exact=True).click()
    expect(status_message(phone)).to_have_text(nl("Welcome to the network."))
    check_a11y(phone)
    phone.get_by_role("link", name=nl("Share material"), exact=True).click()
    check_a11y(phone)
    field(phone, nl("Title")).fill("Lesbrief groepenkast aansluiten")
    field(phone, nl("Or a file")).set_input_files(
        {"name": "groepenkast.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    field(phone, nl("Licence")).select_option("cc-by-sa")
    phone.get_by_role("button", name=nl("Share"), exact=True).click()
    expect(status_message(phone)).to_have_text(nl("Thank you for sharing."))
    expect(phone.get_by_role("heading", name=re.compile("Lesbrief groepenkast"))).to_be_visible()
    check_a11y(phone)
    material = Material.objects.get(network=network)
    assert (material.file_type, material.shared_by) == ("pdf", teacher)

    # 4. After the meeting the members are asked for their follow-up questions.
    time_machine.move_to(
        timezone.make_aware(datetime.combine(day + timedelta(days=1), time(9))), tick=True
    )
    mail.outbox.clear()
    assert community_tick().meetings_asked == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [coordinator.email, colleague.email, teacher.email]
    )
    to_teacher = next(m for m in mail.outbox if m.to == [teacher.email])
    link = re.search(r"https?://\S+/vervolgvraag/", to_teacher.body).group(0)
    phone.goto(link)
    check_a11y(phone)
    field(phone, nl("Your follow-up question")).fill(
        "Hoe pakken jullie de examenopdrachten domotica aan?"
    )
    phone.get_by_role("button", name=nl("Send my question"), exact=True).click()
    expect(status_message(phone)).to_have_text(nl("Thank you. Your question is on the board."))
    check_a11y(phone)
    follow_up = Question.objects.get(source=QuestionSource.MEETING)
    assert (follow_up.author, follow_up.source_key) == (
        teacher,
        f"meeting:{meeting.pk}:{teacher.pk}",
    )

    page.goto("/vraagbaak/beheer/")
    expect(page.get_by_role("link", name=follow_up.headline)).to_be_visible()
    check_a11y(page)
    phone.context.close()
