"""Journey 1: the soft-skills training "Omgaan met korte lontjes", from the coordinator's form
to the certificates. Two sessions a week apart, 25 places, catering at 16:00; 40 people
register and 15 wait; two cancel and the first two on the waiting list are offered a place;
attendance is taken; an attendee evaluates with a follow-up question; certificates are issued.

The coordinator works at a desk; the participants use their phones. 38 of the 40 registrations
go through `registration_create`, the service the registration form calls; two go through the
form. The clock: registering and cancelling happen now, before the first session; after
`time_machine` has moved past the second session (the live server runs in this process, so it
moves too) come attendance, evaluation and certificates.
"""

import re
from collections.abc import Callable
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import Browser, Page, Route, expect

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Attendance,
    Certificate,
    Evaluation,
    Registration,
    RegistrationStatus,
)
from samenleren.activities.services.registration import registration_create
from samenleren.activities.services.tick import calendar_tick
from samenleren.network.models import Function, OrganisationKind
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)
from tests.e2e.conftest import DESKTOP, PHONE, TIMEOUT_MS
from tests.e2e.ui import PASSWORD, field, nl, nl_plural

TITLE = "Omgaan met korte lontjes"
FIRST_NAMES = ["Anouk", "Bram", "Chantal", "Daan", "Esra", "Femke", "Gijs", "Hanneke"]
LAST_NAMES = ["Jansen", "de Vries", "Bakker", "Smeets", "Janssen"]


@pytest.fixture
def phone(browser: Browser, live_server, off_site_requests: list[str]):
    """`phone(email)`: a new phone with its own cookies, logged in as `email` through the
    login form (`phone(None)`: not logged in). Like the `page` fixture, it refuses every request beyond the live server."""
    contexts = []

    def only_live_server(route: Route) -> None:
        if route.request.url.startswith(f"{live_server.url}/"):
            route.continue_()
        else:
            off_site_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def open_phone(email: str | None) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale="nl-NL",
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route("**/*", only_live_server)
        contexts.append(context)
        page = context.new_page()
        if email is not None:
            log_in_as(page, email)
        return page

    yield open_phone
    for context in contexts:
        context.close()
    assert off_site_requests == [], "the browser tried to reach beyond the live server"


def log_in_as(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    field(page, nl("Email")).fill(email)
    field(page, nl("Password")).fill(PASSWORD)
    page.get_by_role("button", name=nl("Sign In"), exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def open_menu_link(page: Page, name: str) -> None:
    """Follow a link in the main menu, which is folded away on a phone."""
    page.get_by_text(nl("Menu"), exact=True).click()
    page.get_by_role("navigation", name=nl("Main menu")).get_by_role(
        "link", name=name, exact=True
    ).click()


def fill_session(page: Page, number: int, *, day, venue: str) -> None:
    session = page.get_by_role("group", name=f"{nl('Session')} {number}", exact=True)
    field(session, nl("Date")).fill(day.isoformat())
    field(session, nl("Starts at")).fill("13:00")
    field(session, nl("Ends at")).fill("16:30")
    field(session, nl("At organisation")).select_option(label=venue)
    field(session, nl("Study hours")).fill("3.5")


def status_message(page: Page):
    return page.get_by_role("status")


def statuses(activity: Activity, people) -> list[str]:
    by_person = dict(
        Registration.objects.filter(activity=activity).values_list("person_id", "status")
    )
    return [by_person[person.pk] for person in people]


def count(activity: Activity, status: str) -> int:
    return Registration.objects.filter(activity=activity, status=status).count()


def mails_to(person, subject: str) -> list:
    return [m for m in mail.outbox if m.to == [person.email] and m.subject == subject]


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_a_training_from_the_coordinators_form_to_the_certificates(
    page: Page,
    phone: Callable[[str], Page],
    check_a11y,
    log_in,
    settings,
    time_machine,
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory(name="Zuid-Limburg")
    venue = OrganisationFactory(
        name="Techniek College Heerlen", city="Heerlen", kind=OrganisationKind.MBO, region=region
    )
    schools = [
        OrganisationFactory(name=name, city="Heerlen", kind=OrganisationKind.VO, region=region)
        for name in ("Vmbo Heerlen-Noord", "Sintermeertencollege", "Grotius College")
    ]
    coordinator = coordinator_of(
        region, email="coordinator@zuid-limburg.example", first_name="Ingrid", last_name="Wolfs"
    )
    people = []
    for index in range(40):
        person = UserFactory(
            email=f"deelnemer{index:02d}@school.example",
            first_name=FIRST_NAMES[index % 8],
            last_name=LAST_NAMES[index // 8],
        )
        AffiliationFactory(
            person=person, organisation=schools[index % 3], function=Function.TEACHER
        )
        people.append(person)
    # Who does what: two register on their phone (one gets the last place, one waits at
    # number 11), two others cancel, two miss the first session, one evaluates.
    on_phone, waiting_on_phone = people[24], people[35]
    canceller = people[3]
    first_waiting, second_waiting, third_waiting = people[25], people[26], people[27]
    absent_once = [people[1], people[2]]
    attendee = people[4]
    service_people = people[:24] + people[25:35] + people[36:]
    today = timezone.localdate()
    first_day, second_day = today + timedelta(days=2), today + timedelta(days=9)

    # 1. The coordinator creates the training at her desk and publishes it.
    log_in(page, coordinator.email)
    page.goto("/agenda/beheer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Manage calendar"))
    check_a11y(page)
    page.get_by_role("link", name=nl("New activity"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("New activity"))
    check_a11y(page)

    field(page, capfirst(nl("title"))).fill(TITLE)
    field(page, capfirst(nl("kind"))).select_option(label=nl("Training"))
    field(page, nl("Summary")).fill("Rust in de klas als een leerling ontploft.")
    field(page, capfirst(nl("description"))).fill(
        "Twee middagen over de-escaleren, met oefeningen uit de eigen praktijk."
    )
    field(page, nl("Places")).fill("25")
    field(page, nl("There is catering")).check()
    field(page, nl("Catering at (time)")).fill("16:00")
    field(page, nl("What is served")).fill("Soep en broodjes")
    fill_session(page, 1, day=first_day, venue=str(venue))
    page.get_by_role("button", name=nl("Add another session"), exact=True).click()

    # The form comes back with what was filled in and a second, empty session.
    expect(field(page, capfirst(nl("title")))).to_have_value(TITLE)
    expect(page.get_by_role("group", name=f"{nl('Session')} 2", exact=True)).to_be_visible()
    check_a11y(page)
    fill_session(page, 2, day=second_day, venue=str(venue))
    page.get_by_role("button", name=nl("Save"), exact=True).first.click()

    expect(status_message(page)).to_have_text(
        nl("The activity has been saved as a draft. Publish it when it is ready.")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_a11y(page)
    page.get_by_role("button", name=nl("Publish"), exact=True).click()
    expect(status_message(page)).to_have_text(
        nl("The activity is published and visible in the calendar.")
    )
    activity = Activity.objects.get()
    assert (
        activity.title,
        activity.kind,
        activity.status,
        activity.capacity,
        activity.catering,
        activity.catering_at,
        activity.region_id,
    ) == (TITLE, ActivityKind.TRAINING, ActivityStatus.PUBLISHED, 25, True, time(16), region.pk)
    assert [
        (
            timezone.localtime(s.starts_at).replace(tzinfo=None),
            timezone.localtime(s.ends_at).replace(tzinfo=None),
            s.venue_id,
            s.study_hours,
        )
        for s in activity.sessions.order_by("starts_at")
    ] == [
        (
            datetime.combine(day, time(13)),
            datetime.combine(day, time(16, 30)),
            venue.pk,
            Decimal("3.5"),
        )
        for day in (first_day, second_day)
    ]

    # 2. Forty people register: 38 through the service the form calls, two on their phone.
    def register(person) -> Registration:
        return registration_create(
            activity_id=activity.pk,
            person=person,
            organisation_id=person.affiliations.get().organisation_id,
            function=Function.TEACHER,
        )

    for person in service_people[:24]:
        register(person)
    on_phone_page = phone(on_phone.email)
    on_phone_page.goto(f"/agenda/{activity.pk}/")
    expect(on_phone_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(
        on_phone_page.get_by_text(nl("At %(time)s") % {"time": "16:00"}, exact=False)
    ).to_be_visible()
    check_a11y(on_phone_page)
    form = on_phone_page.get_by_role("region", name=nl("Register"))
    field(form, nl("Diet and allergies")).fill("Vegetarisch")
    form.get_by_role("button", name=nl("Register"), exact=True).click()
    expect(status_message(on_phone_page)).to_have_text(
        nl("You are registered for %(title)s. A confirmation is on its way by e-mail.")
        % {"title": TITLE}
    )
    check_a11y(on_phone_page)

    for person in service_people[24:34]:
        register(person)
    waiting_page = phone(waiting_on_phone.email)
    waiting_page.goto(f"/agenda/{activity.pk}/")
    form = waiting_page.get_by_role("region", name=nl("Register"))
    expect(
        form.get_by_text(
            nl(
                "This activity is full. If you register, you are put on the waiting list; when "
                "a place comes free it is offered to the next person automatically."
            )
        )
    ).to_be_visible()
    check_a11y(waiting_page)
    form.get_by_role("button", name=nl("Join the waiting list"), exact=True).click()
    expect(status_message(waiting_page)).to_have_text(
        nl(
            "%(title)s is full, so you are on the waiting list at position %(position)s. When a "
            "place comes free, it is offered to you automatically and you get an e-mail."
        )
        % {"title": TITLE, "position": 11}
    )
    for person in service_people[34:]:
        register(person)

    assert (
        count(activity, RegistrationStatus.CONFIRMED),
        count(activity, RegistrationStatus.WAITLISTED),
    ) == (25, 15)
    assert statuses(activity, [on_phone, waiting_on_phone]) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ]
    assert Registration.objects.get(person=on_phone).diet == "Vegetarisch"
    waiting_page.reload()
    yours = waiting_page.get_by_role("region", name=nl("Your registration"))
    expect(
        yours.get_by_text(
            nl(
                "You are on the waiting list, at position %(position)s. When a place comes "
                "free it is offered to you automatically, by e-mail."
            )
            % {"position": 11}
        )
    ).to_be_visible()
    expect(
        waiting_page.get_by_text(nl("Full – %(waiting)s on the waiting list") % {"waiting": 15})
    ).to_be_visible()
    check_a11y(waiting_page)

    # 3. Two people with a place cancel on their phone; the first two waiting are offered it.
    on_phone_page.goto(f"/agenda/{activity.pk}/")
    on_phone_page.get_by_text(nl("Cancel my registration"), exact=True).click()
    on_phone_page.get_by_role("button", name=nl("Yes, cancel my registration"), exact=True).click()
    expect(status_message(on_phone_page)).to_have_text(
        nl("Your registration has been cancelled. Thank you for letting us know.")
    )

    canceller_page = phone(canceller.email)
    open_menu_link(canceller_page, nl("My registrations"))
    expect(canceller_page.get_by_role("heading", level=1)).to_have_text(nl("My registrations"))
    check_a11y(canceller_page)
    canceller_page.get_by_role(
        "link", name=nl("Details and changes: %(title)s") % {"title": TITLE}
    ).click()
    canceller_page.get_by_text(nl("Cancel my registration"), exact=True).click()
    canceller_page.get_by_role("button", name=nl("Yes, cancel my registration"), exact=True).click()
    expect(status_message(canceller_page)).to_have_text(
        nl("Your registration has been cancelled. Thank you for letting us know.")
    )

    assert statuses(
        activity, [on_phone, canceller, first_waiting, second_waiting, third_waiting]
    ) == [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.WAITLISTED,
    ]
    offered_subject = "[Samen Leren] " + nl("A place is free for you: %(title)s") % {"title": TITLE}
    assert len(mails_to(first_waiting, offered_subject)) == 1
    assert len(mails_to(second_waiting, offered_subject)) == 1

    # The first on the waiting list takes the place from "Mijn aanmeldingen".
    first_waiting_page = phone(first_waiting.email)
    open_menu_link(first_waiting_page, nl("My registrations"))
    coming_up = first_waiting_page.get_by_role(
        "table", name=nl("Activities you are registered for")
    )
    expect(coming_up).to_contain_text(nl("Place offered"))
    check_a11y(first_waiting_page)
    coming_up.get_by_role(
        "button", name=nl("Take the place for %(title)s") % {"title": TITLE}, exact=True
    ).click()
    expect(status_message(first_waiting_page)).to_have_text(
        nl("The place is yours: you are registered for %(title)s.") % {"title": TITLE}
    )
    expect(first_waiting_page.get_by_role("heading", level=1)).to_have_text(nl("My registrations"))
    expect(coming_up.get_by_role("cell", name=nl("Registered"), exact=True)).to_be_visible()
    assert statuses(activity, [first_waiting, second_waiting]) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.OFFERED,
    ]
    assert (
        count(activity, RegistrationStatus.CONFIRMED),
        count(activity, RegistrationStatus.OFFERED),
        count(activity, RegistrationStatus.WAITLISTED),
        count(activity, RegistrationStatus.CANCELLED),
    ) == (24, 1, 13, 2)

    # 4. The morning after the second session: the coordinator fills in the attendance.
    time_machine.move_to(
        timezone.make_aware(datetime.combine(second_day + timedelta(days=1), time(9))), tick=True
    )
    page.goto(f"/agenda/beheer/{activity.pk}/")
    page.get_by_role("link", name=nl("Participants and attendance"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Participants of %(title)s") % {"title": TITLE}
    )
    check_a11y(page)
    participants_url = page.url

    for number in (1, 2):
        page.goto(participants_url)
        page.get_by_role("link", name=nl("attendance"), exact=True).nth(number - 1).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{nl('Attendance')}: {TITLE}")
        page.get_by_role("button", name=nl("Mark everyone present and save"), exact=True).click()
        expect(status_message(page)).to_have_text(nl("The attendance has been saved."))
        if number == 1:
            for person in absent_once:
                page.get_by_label(person.full_name, exact=True).uncheck()
            page.get_by_role("button", name=nl("Save attendance"), exact=True).click()
            expect(status_message(page)).to_have_text(nl("The attendance has been saved."))
            # Present, absent, not marked yet.
            expect(page.locator("dl.details dd")).to_have_text(["22", "2", "0"])
            check_a11y(page)

    sessions = list(activity.sessions.order_by("starts_at"))
    assert [
        (
            Attendance.objects.filter(session=session, present=True).count(),
            Attendance.objects.filter(session=session, present=False).count(),
        )
        for session in sessions
    ] == [(22, 2), (24, 0)]
    assert sorted(
        Attendance.objects.filter(session=sessions[0], present=False).values_list(
            "registration__person__email", flat=True
        )
    ) == [people[1].email, people[2].email]

    # 5. The calendar's clock asks the attendees to evaluate; one does, from the mail's link.
    report = calendar_tick(now=timezone.now())
    assert (report.offers_expired, report.evaluations) == (1, 24)
    [evaluation_mail] = mails_to(
        attendee, "[Samen Leren] " + nl("How was it? %(title)s") % {"title": TITLE}
    )
    link = re.search(r"https?://\S+(/agenda/evaluatie/\d+/)", evaluation_mail.body)
    assert link, evaluation_mail.body
    attendee_page = phone(attendee.email)
    attendee_page.goto(link.group(1))
    expect(attendee_page.get_by_role("heading", level=1)).to_have_text(
        nl("Evaluation: %(title)s") % {"title": TITLE}
    )
    check_a11y(attendee_page)
    attendee_page.get_by_role(
        "group", name=nl("How valuable was this activity for you?")
    ).get_by_label(nl("4 – valuable"), exact=True).check()
    field(attendee_page, nl("What was useful?")).fill("De oefening met het stoplicht.")
    field(attendee_page, nl("What could be better?")).fill("Meer tijd voor casussen.")
    field(attendee_page, nl("Your follow-up question")).fill(
        "Hoe betrek ik ouders als een leerling steeds ontploft?"
    )
    attendee_page.get_by_role("button", name=nl("Send evaluation"), exact=True).click()
    expect(status_message(attendee_page)).to_have_text(nl("Thank you for your evaluation."))
    check_a11y(attendee_page)
    evaluation = Evaluation.objects.get()
    assert (
        evaluation.registration.person_id,
        evaluation.rating,
        evaluation.useful,
        evaluation.improve,
        evaluation.follow_up_question,
    ) == (
        attendee.pk,
        4,
        "De oefening met het stoplicht.",
        "Meer tijd voor casussen.",
        "Hoe betrek ik ouders als een leerling steeds ontploft?",
    )

    # The coordinator reads the follow-up question (without the attendee's name).
    page.goto(participants_url)
    page.get_by_role("link", name=nl("Evaluations"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Evaluations of %(title)s") % {"title": TITLE}
    )
    field(page, nl("Only with a follow-up question")).check()
    page.get_by_role("button", name=nl("Filter"), exact=True).click()
    comments = page.locator("main .cards").last
    expect(comments).to_contain_text("Hoe betrek ik ouders als een leerling steeds ontploft?")
    expect(comments).not_to_contain_text(attendee.last_name)
    check_a11y(page)

    # 6. The coordinator issues the certificates: everyone who attended both sessions.
    page.goto(participants_url)
    page.get_by_role("link", name=nl("Certificates"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Certificates for %(title)s") % {"title": TITLE}
    )
    check_a11y(page)
    page.get_by_role(
        "button", name=nl("Issue certificates to everyone who qualifies"), exact=True
    ).click()
    expect(status_message(page)).to_have_text(
        nl_plural(
            "%(count)d certificate has been issued.",
            "%(count)d certificates have been issued.",
            22,
        )
        % {"count": 22}
    )
    check_a11y(page)
    assert Certificate.objects.count() == 22
    assert not Certificate.objects.filter(person__in=absent_once).exists()
    certificate = Certificate.objects.get(person=attendee)
    assert (certificate.person_name, certificate.hours, certificate.sessions_attended) == (
        attendee.full_name,
        Decimal("7.00"),
        2,
    )

    # The attendee downloads her certificate, and anyone can check it is genuine.
    open_menu_link(attendee_page, nl("My certificates"))
    expect(attendee_page.get_by_role("heading", level=1)).to_have_text(nl("My certificates"))
    check_a11y(attendee_page)
    pdf_link = attendee_page.get_by_role("link", name=nl("PDF of %(title)s") % {"title": TITLE})
    pdf = attendee_page.request.get(pdf_link.get_attribute("href"))
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body().startswith(b"%PDF-")

    anyone = phone(None)
    anyone.goto(f"/agenda/certificaat/{certificate.code}/controle/")
    expect(anyone.get_by_role("heading", level=1)).to_have_text(nl("Check a certificate"))
    expect(
        anyone.get_by_text(nl("This certificate is genuine: it was issued by Samen Leren."))
    ).to_be_visible()
    expect(anyone.locator("dl.details")).to_contain_text(attendee.full_name)
    check_a11y(anyone)
