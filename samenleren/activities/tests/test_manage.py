"""Coordinators run the calendar: create (with sessions), edit, copy, publish and cancel an
activity, see its registrations (and CSV) and the catering overview; and nobody else may."""

import csv
import io
from datetime import datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    QuestionKind,
    RegistrationStatus,
    Session,
)
from samenleren.activities.selectors.manage import catering_overview, session_places
from samenleren.activities.services.activity import activity_copy
from samenleren.activities.services.registration import (
    registration_cancel,
    registration_create,
    session_absence_set,
)
from samenleren.activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    QuestionFactory,
    QuotaFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.core.models import AuditEntry
from samenleren.network.models import Function, Profile
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests


@pytest.fixture
def region():
    return RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")


@pytest.fixture
def coordinator(region):
    return coordinator_of(region, preferred_language="en")


@pytest.fixture
def coordinating(client, coordinator):
    client.force_login(coordinator)
    return client


def local(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def session_data(index: int, day, starts="14:00", ends="17:00", **extra) -> dict:
    data = {
        "date": day.isoformat(),
        "starts": starts,
        "ends": ends,
        "address": "Techniekweg 1, Heerlen",
        "study_hours": "3",
        **extra,
    }
    return {f"sessions-{index}-{key}": value for key, value in data.items()}


def activity_data(**overrides) -> dict:
    first_day = timezone.localdate() + timedelta(days=30)
    data = {
        "title": "Omgaan met korte lontjes",
        "kind": ActivityKind.TRAINING,
        "summary": "Rustig blijven als leerlingen boos worden",
        "description": "Twee middagen de-escaleren in de klas.",
        "provider": "Trainingsbureau Kalm",
        "capacity": "25",
        "claim_hours": "48",
        "promotion_stop_hours": "24",
        "price": "0",
        "catering": "on",
        "catering_at": "16:00",
        "catering_note": "Een hapje en een drankje",
        "certificate_min_percent": "80",
        **management("sessions", 2),
        **session_data(0, first_day),
        **session_data(1, first_day + timedelta(days=7)),
        # Each formset ends with an empty form, sent as a browser sends it.
        **management("questions", 2),
        "questions-0-label": "Wat wil je leren?",
        "questions-0-kind": QuestionKind.TEXT,
        "questions-1-label": "",
        "questions-1-kind": QuestionKind.TEXT,
        "questions-1-choices": "",
        **management("quotas", 1),
        "quotas-0-organisation": "",
        "quotas-0-places": "",
    }
    data.update(overrides)
    return data


# --- create and edit --------------------------------------------------------------------


def test_creating_an_activity_with_two_sessions(coordinating, region):
    profile = Profile.objects.get(code="PIE")
    school = OrganisationFactory(region=region)
    first_day = timezone.localdate() + timedelta(days=30)

    response = coordinating.post(
        reverse("activities:manage_create"),
        activity_data(
            profiles=[profile.pk],
            target_functions=["teacher", "mentor"],
            **{"quotas-0-organisation": str(school.pk), "quotas-0-places": "4"},
        ),
    )

    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:manage_registrations", args=[activity.pk])
    assert (activity.title, activity.status, activity.region) == (
        "Omgaan met korte lontjes",
        ActivityStatus.DRAFT,
        region,
    )
    assert activity.search_text == (
        " omgaan kort lon rust blijf leerl boos twee middaag escaler klas trainingsbureau kalm "
    )
    assert [(s.starts_at, s.ends_at) for s in activity.sessions.all()] == [
        (local(first_day, 14), local(first_day, 17)),
        (local(first_day + timedelta(days=7), 14), local(first_day + timedelta(days=7), 17)),
    ]
    assert list(activity.target_profiles.all()) == [profile]
    assert activity.target_functions == ["teacher", "mentor"]
    assert list(activity.questions.values_list("label", "kind")) == [("Wat wil je leren?", "text")]
    assert list(activity.quotas.values_list("organisation", "places")) == [(school.pk, 4)]
    assert AuditEntry.objects.filter(action="activity.create").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            session_data(
                1, timezone.localdate() + timedelta(days=37), starts="17:00", ends="14:00"
            ),
            "The session must end after it starts.",
        ),
        (
            {
                **management("sessions", 1),
                **{
                    f"sessions-0-{k}": ""
                    for k in ("date", "starts", "ends", "address", "study_hours")
                },
            },
            "Add at least one session.",
        ),
        (
            {"min_participants": "30"},
            "The minimum number of participants cannot be more than the places (25).",
        ),
    ],
    ids=["end before start", "no sessions", "minimum above capacity"],
)
def test_invalid_input_shows_the_problem_and_writes_nothing(coordinating, overrides, message):
    response = coordinating.post(reverse("activities:manage_create"), activity_data(**overrides))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Activity.objects.count(), Session.objects.count()) == (0, 0)


def test_quotas_cannot_reserve_more_than_the_places(coordinating, region):
    school = OrganisationFactory(region=region)

    response = coordinating.post(
        reverse("activities:manage_create"),
        activity_data(**{"quotas-0-organisation": str(school.pk), "quotas-0-places": "26"}),
    )

    assert (
        "Together the quotas reserve more places than the activity has (25)."
        in response.content.decode()
    )
    assert Activity.objects.count() == 0


def test_add_another_session_shows_one_more_empty_form_and_saves_nothing(coordinating):
    data = activity_data(add="sessions")

    response = coordinating.post(reverse("activities:manage_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="sessions-TOTAL_FORMS" value="3"' in page
    assert 'value="Omgaan met korte lontjes"' in page
    assert "errorlist" not in page
    assert Activity.objects.count() == 0


def test_registration_must_open_before_the_first_session(coordinating):
    too_late = local(timezone.localdate() + timedelta(days=31), 9)

    response = coordinating.post(
        reverse("activities:manage_create"),
        activity_data(registration_opens_at=too_late.strftime("%Y-%m-%dT%H:%M")),
    )

    assert "Registration must open before the first session starts." in response.content.decode()
    assert Activity.objects.count() == 0


def test_the_edit_form_shows_the_sessions_and_saves_changes(coordinating, region):
    activity = ActivityFactory(region=region, sessions=2, status=ActivityStatus.DRAFT)
    sessions = list(activity.sessions.all())
    url = reverse("activities:manage_edit", args=[activity.pk])

    page = coordinating.get(url).content.decode()
    assert 'name="sessions-TOTAL_FORMS" value="3"' in page
    assert f'name="sessions-0-id" value="{sessions[0].pk}"' in page

    day = timezone.localdate() + timedelta(days=40)
    data = activity_data(
        title="Nieuwe titel",
        **management("sessions", 2, initial=2),
        **session_data(0, day, id=str(sessions[0].pk)),
        **session_data(1, day + timedelta(days=1), id=str(sessions[1].pk), DELETE="on"),
    )
    response = coordinating.post(url, data)

    activity.refresh_from_db()
    assert response.status_code == 302
    assert activity.title == "Nieuwe titel"
    assert list(activity.sessions.values_list("pk", "starts_at")) == [
        (sessions[0].pk, local(day, 14))
    ]


def test_moving_a_published_session_mails_everyone_holding_a_place(
    coordinating, region, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(region=region, sessions=1, title="Lasersnijden")
    session = activity.sessions.get()
    RegistrationFactory(activity=activity)
    RegistrationFactory(activity=activity, status=RegistrationStatus.PENDING)
    RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED)
    day = timezone.localdate() + timedelta(days=50)

    with django_capture_on_commit_callbacks(execute=True):
        coordinating.post(
            reverse("activities:manage_edit", args=[activity.pk]),
            activity_data(
                title="Lasersnijden",
                **management("sessions", 1, initial=1),
                **session_data(0, day, id=str(session.pk)),
            ),
        )

    # The recipients' language is Dutch.
    assert sorted(m.subject for m in mail.outbox) == ["[Samen Leren] Gewijzigd: Lasersnijden"] * 2


def test_capacity_cannot_drop_below_the_places_held(coordinating, region):
    activity = ActivityFactory(region=region, sessions=1, capacity=5)
    session = activity.sessions.get()
    RegistrationFactory.create_batch(3, activity=activity)

    response = coordinating.post(
        reverse("activities:manage_edit", args=[activity.pk]),
        activity_data(
            capacity="2",
            **management("sessions", 1, initial=1),
            **session_data(0, timezone.localdate() + timedelta(days=30), id=str(session.pk)),
        ),
    )

    activity.refresh_from_db()
    assert "3 people already hold a place" in response.content.decode()
    assert activity.capacity == 5


# --- copy, publish, cancel -----------------------------------------------------------------


def test_copying_makes_a_draft_weeks_later_on_the_same_weekday_and_time(region, coordinator):
    school = OrganisationFactory(region=region)
    tuesday = timezone.localdate() - timedelta(days=10)
    activity = ActivityFactory(region=region, sessions=0, title="PIE-netwerk")
    activity.target_profiles.set([Profile.objects.get(code="PIE")])
    SessionFactory(activity=activity, starts_at=local(tuesday, 15), ends_at=local(tuesday, 17))
    QuestionFactory(activity=activity, label="Welke machines heb je?")
    QuotaFactory(activity=activity, organisation=school, places=3)

    with translation.override("en"):
        copy = activity_copy(actor=coordinator, activity=activity)

    assert (copy.title, copy.status, copy.published_at) == (
        "PIE-netwerk (copy)",
        ActivityStatus.DRAFT,
        None,
    )
    assert [(s.starts_at, s.ends_at) for s in copy.sessions.all()] == [
        (local(tuesday + timedelta(weeks=2), 15), local(tuesday + timedelta(weeks=2), 17))
    ]
    assert list(copy.questions.values_list("label", flat=True)) == ["Welke machines heb je?"]
    assert list(copy.quotas.values_list("organisation", "places")) == [(school.pk, 3)]
    assert list(copy.target_profiles.values_list("code", flat=True)) == ["PIE"]
    assert activity.sessions.count() == 1


def test_the_copy_button_opens_the_copy_for_editing(coordinating, region):
    activity = ActivityFactory(region=region)

    response = coordinating.post(reverse("activities:manage_copy", args=[activity.pk]))

    copy = Activity.objects.exclude(pk=activity.pk).get()
    assert response["Location"] == reverse("activities:manage_edit", args=[copy.pk])


def test_publishing_a_draft(coordinating, region):
    activity = ActivityFactory(region=region, status=ActivityStatus.DRAFT)

    coordinating.post(reverse("activities:manage_publish", args=[activity.pk]))

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PUBLISHED
    assert activity.published_at is not None
    assert AuditEntry.objects.filter(action="activity.publish").count() == 1


def test_a_draft_without_sessions_is_not_published(coordinating, region):
    activity = ActivityFactory(region=region, status=ActivityStatus.DRAFT, sessions=0)

    response = coordinating.post(
        reverse("activities:manage_publish", args=[activity.pk]), follow=True
    )

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DRAFT
    assert "Add at least one session before publishing." in response.content.decode()


def test_cancelling_mails_every_current_registration_with_the_reason(
    coordinating, region, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(region=region, title="TechLab-tour")
    for status in ("confirmed", "pending", "offered", "waitlisted", "cancelled"):
        RegistrationFactory(
            activity=activity,
            status=status,
            offered_until=timezone.now() + timedelta(days=1) if status == "offered" else None,
        )
    url = reverse("activities:manage_cancel", args=[activity.pk])

    confirmation = coordinating.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinating.post(url, {"reason": "De bus is niet beschikbaar."})

    activity.refresh_from_db()
    assert "4 people are registered or on the waiting list" in confirmation.content.decode()
    assert response.status_code == 302
    assert (activity.status, activity.cancelled_reason) == (
        ActivityStatus.CANCELLED,
        "De bus is niet beschikbaar.",
    )
    assert len(mail.outbox) == 4
    assert all("TechLab-tour" in m.subject for m in mail.outbox)
    assert all("De bus is niet beschikbaar." in m.body for m in mail.outbox)


def test_cancelling_needs_a_reason(coordinating, region):
    activity = ActivityFactory(region=region)

    response = coordinating.post(
        reverse("activities:manage_cancel", args=[activity.pk]), {"reason": " "}
    )

    activity.refresh_from_db()
    assert response.status_code == 200
    assert activity.status == ActivityStatus.PUBLISHED


# --- who may ---------------------------------------------------------------------------------


MANAGE_URLS = [
    "manage_edit",
    "manage_cancel",
    "manage_registrations",
    "manage_registrations_csv",
    "manage_catering",
    "manage_catering_csv",
]


@pytest.mark.parametrize("name", MANAGE_URLS)
def test_a_coordinator_of_another_region_and_a_participant_get_403(client, region, name):
    activity = ActivityFactory(region=region)
    url = reverse(f"activities:{name}", args=[activity.pk])
    other = coordinator_of(RegionFactory())
    participant = AffiliationFactory(organisation__region=region).person

    answers = []
    for person in (other, participant):
        client.force_login(person)
        answers.append(client.get(url).status_code)

    assert answers == [403, 403]


@pytest.mark.parametrize("name", ["manage_copy", "manage_publish"])
def test_posting_actions_for_another_region_gives_403(client, region, name):
    activity = ActivityFactory(region=region, status=ActivityStatus.DRAFT)
    client.force_login(coordinator_of(RegionFactory()))

    response = client.post(reverse(f"activities:{name}", args=[activity.pk]))

    assert response.status_code == 403
    assert Activity.objects.count() == 1


def test_participants_may_not_see_or_create_in_the_management_area(client, region):
    client.force_login(AffiliationFactory(organisation__region=region).person)

    answers = [
        client.get(reverse("activities:manage_list")).status_code,
        client.post(reverse("activities:manage_create"), activity_data()).status_code,
    ]

    assert answers == [403, 403]
    assert Activity.objects.count() == 0


# --- the list -------------------------------------------------------------------------------


def test_the_list_shows_the_regions_activities_with_places_and_waiting_list(
    coordinating, region, django_assert_max_num_queries
):
    full = ActivityFactory(region=region, title="Omgaan met korte lontjes", capacity=2, sessions=2)
    RegistrationFactory.create_batch(2, activity=full)
    RegistrationFactory.create_batch(3, activity=full, status=RegistrationStatus.WAITLISTED)
    ActivityFactory(region=region, title="Netwerk PIE", status=ActivityStatus.DRAFT)
    ActivityFactory(title="Elders")  # another region

    page = coordinating.get(reverse("activities:manage_list")).context["page"]

    rows = [(a.title, a.held, a.waiting) for a in page.object_list]
    assert sorted(rows) == [("Netwerk PIE", 0, 0), ("Omgaan met korte lontjes", 2, 3)]


def test_the_list_filters_by_status_and_search(coordinating, region):
    ActivityFactory(
        region=region, title="Trainingen lasersnijden", search_text=" train lasersnijd "
    )
    ActivityFactory(region=region, title="Netwerk PIE", status=ActivityStatus.DRAFT)

    by_search = coordinating.get(reverse("activities:manage_list"), {"q": "training"})
    by_status = coordinating.get(reverse("activities:manage_list"), {"status": "draft"})
    nothing = coordinating.get(reverse("activities:manage_list"), {"q": "festival"})

    assert [a.title for a in by_search.context["page"].object_list] == ["Trainingen lasersnijden"]
    assert [a.title for a in by_status.context["page"].object_list] == ["Netwerk PIE"]
    assert "No activities match these filters." in nothing.content.decode()


def test_the_list_queries_do_not_grow_with_the_number_of_activities(
    coordinating, region, django_assert_max_num_queries
):
    for _ in range(3):
        RegistrationFactory(activity=ActivityFactory(region=region))
    with django_assert_max_num_queries(12) as few:
        coordinating.get(reverse("activities:manage_list"))
    for _ in range(10):
        RegistrationFactory(activity=ActivityFactory(region=region))

    with django_assert_max_num_queries(len(few.captured_queries)):
        coordinating.get(reverse("activities:manage_list"))


# --- registrations and CSV ----------------------------------------------------------------


@pytest.fixture
def filled(region):
    """An activity with a question and one registration in each status."""
    activity = ActivityFactory(region=region, title="Meet & greet mbo", capacity=3)
    question = QuestionFactory(activity=activity, label="Welke opleiding?", kind="text")
    school = OrganisationFactory(region=region, name="Stella Maris College")
    people = {}
    for status, first in [
        ("confirmed", "Anna"),
        ("pending", "Bram"),
        ("waitlisted", "Cas"),
        ("waitlisted", "Dewi"),
        ("cancelled", "Eva"),
    ]:
        people[first] = RegistrationFactory(
            activity=activity,
            status=status,
            person=UserFactory(first_name=first, last_name="Jansen", email=f"{first}@school.nl"),
            organisation=school,
            function=Function.MENTOR,
            diet="=vegan" if first == "Anna" else "",
            answers={str(question.pk): "Techniek"} if first == "Anna" else {},
            waitlisted_at=timezone.now() + timedelta(minutes=len(people))
            if status == "waitlisted"
            else None,
        )
    return activity, people


def test_the_registrations_page_shows_each_status(coordinating, filled):
    activity, _people = filled

    response = coordinating.get(reverse("activities:manage_registrations", args=[activity.pk]))

    groups = {
        g.status: [r.person.first_name for r in g.registrations] for g in response.context["groups"]
    }
    assert groups == {
        "confirmed": ["Anna"],
        "pending": ["Bram"],
        "offered": [],
        "waitlisted": ["Cas", "Dewi"],
        "cancelled": ["Eva"],
        "rejected": [],
        "expired": [],
    }
    assert "Approve" in response.content.decode()


def test_approving_a_pending_registration(coordinating, filled):
    activity, people = filled

    coordinating.post(
        reverse("activities:manage_decide", args=[activity.pk, people["Bram"].pk]),
        {"decision": "approve"},
    )

    people["Bram"].refresh_from_db()
    assert people["Bram"].status == RegistrationStatus.CONFIRMED


def test_the_registrations_csv_opens_in_dutch_excel(coordinating, filled):
    activity, people = filled

    response = coordinating.get(reverse("activities:manage_registrations_csv", args=[activity.pk]))

    body = response.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))
    registered = timezone.localtime(people["Anna"].created_at).strftime("%d-%m-%Y %H:%M")
    assert body.startswith("\ufeffStatus;")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == [
        "Status",
        "Position on the waiting list",
        "First name",
        "Last name",
        "E-mail address",
        "Organisation",
        "Function",
        "Diet and allergies",
        "Welke opleiding?",
        "Registered on",
        "Offer valid until",
    ]
    assert rows[1] == [
        "Registered",
        "",
        "Anna",
        "Jansen",
        "anna@school.nl",
        "Stella Maris College",
        "Mentor",
        "'=vegan",
        "Techniek",
        registered,
        "",
    ]
    assert [(r[0], r[1], r[2]) for r in rows[2:]] == [
        ("Awaiting approval", "", "Bram"),
        ("On the waiting list", "1", "Cas"),
        ("On the waiting list", "2", "Dewi"),
        ("Cancelled", "", "Eva"),
    ]


# --- catering -------------------------------------------------------------------------------


def catering_activity(region, diets: list[str]):
    activity = ActivityFactory(
        region=region, kind=ActivityKind.TRAINING, capacity=30, catering=True
    )
    for diet in diets:
        RegistrationFactory(activity=activity, diet=diet)
    RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED, diet="Halal")
    return activity


DIETS = ["Vegetarisch", "vegetarisch ", "VEGETARISCH", "Glutenvrij"] + [""] * 21


def test_catering_without_history_assumes_ten_percent_no_show(region):
    activity = catering_activity(region, DIETS)

    catering = catering_overview(activity=activity)

    assert (catering.confirmed, catering.expected, catering.from_history) == (25, 23, False)
    assert catering.no_show_rate == Fraction(1, 10)
    assert [(d.label, d.count) for d in catering.diets] == [("Vegetarisch", 3), ("Glutenvrij", 1)]
    assert catering.without_needs == 21


def test_catering_uses_the_no_show_of_comparable_past_activities(coordinating, region):
    activity = catering_activity(region, DIETS)
    past = ActivityFactory(region=region, kind=ActivityKind.TRAINING, sessions=0)
    ended = timezone.now() - timedelta(days=30)
    session = SessionFactory(activity=past, starts_at=ended - timedelta(hours=3), ends_at=ended)
    registrations = RegistrationFactory.create_batch(10, activity=past)
    for registration in registrations[:7]:
        AttendanceFactory(registration=registration, session=session, present=True)
    AttendanceFactory(registration=registrations[7], session=session, present=False)
    # Other kinds and other regions do not count.
    other_kind = ActivityFactory(region=region, kind=ActivityKind.FESTIVAL, sessions=0)
    other_session = SessionFactory(
        activity=other_kind, starts_at=ended - timedelta(hours=3), ends_at=ended
    )
    AttendanceFactory(registration__activity=other_kind, session=other_session, present=False)

    catering = catering_overview(activity=activity)

    assert catering.no_show_rate == Fraction(3, 10)
    assert (catering.confirmed, catering.expected, catering.from_history) == (25, 18, True)
    assert catering.history_sessions == 1
    page = coordinating.get(reverse("activities:manage_catering", args=[activity.pk]))
    assert "30% over 1 past session with attendance taken" in page.content.decode()


def test_the_catering_page_and_csv(coordinating, region):
    activity = catering_activity(region, DIETS)

    page = coordinating.get(reverse("activities:manage_catering", args=[activity.pk]))
    download = coordinating.get(reverse("activities:manage_catering_csv", args=[activity.pk]))

    assert page.context["catering"].expected == 23
    assert "we assume 10% no-show" in page.content.decode()
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["What", "Number"],
        ["Registered", "25"],
        ["Expected no-show (%)", "10"],
        ["Expected number", "23"],
        ["No dietary needs", "21"],
        ["Vegetarisch", "3"],
        ["Glutenvrij", "1"],
    ]


def test_session_study_hours_are_decimal(coordinating, region):
    coordinating.post(
        reverse("activities:manage_create"),
        activity_data(
            **session_data(0, timezone.localdate() + timedelta(days=30), study_hours="1.5")
        ),
    )

    assert list(Session.objects.values_list("study_hours", flat=True)) == [
        Decimal("1.50"),
        Decimal("3.00"),
    ]


# --- places per session -------------------------------------------------------------------


def _series(region, *, limits, capacity=10):
    activity = ActivityFactory(region=region, capacity=capacity, sessions=len(limits))
    sessions = list(activity.sessions.order_by("starts_at"))
    for session, limit in zip(sessions, limits, strict=True):
        session.capacity = limit
        session.save(update_fields=["capacity"])
    return activity, sessions


def test_the_registrations_page_counts_places_and_absences_per_session(coordinating, region):
    activity, sessions = _series(region, limits=(None, 3, None))
    a, b, c, d, e = (
        registration_create(activity_id=activity.pk, person=UserFactory()) for _ in range(5)
    )
    # Session 2 has 3 places: D and E wait. A misses it, so D gets A's place there; A then
    # cancels (which frees no place in session 2), B misses session 3 and C session 2, so E
    # gets C's place there. A's absence no longer counts: A holds no place.
    session_absence_set(registration=a, session_id=sessions[1].pk, absent=True)
    registration_cancel(registration_id=a.pk, actor=a.person)
    session_absence_set(registration=b, session_id=sessions[2].pk, absent=True)
    session_absence_set(registration=c, session_id=sessions[1].pk, absent=True)
    statuses = dict(activity.registrations.values_list("pk", "status"))

    response = coordinating.get(reverse("activities:manage_registrations", args=[activity.pk]))

    assert [statuses[r.pk] for r in (a, b, c, d, e)] == [
        "cancelled",
        "confirmed",
        "confirmed",
        "offered",
        "offered",
    ]
    rows = [
        (s.capacity, s.places_held, s.absent_holders, s.full) for s in response.context["sessions"]
    ]
    assert rows == [(None, 4, 0, False), (3, 3, 1, True), (None, 3, 1, False)]
    page = response.content.decode()
    assert "<caption>Places held and absences per session</caption>" in page
    assert '<th scope="row">Session 2: ' in page
    assert "<td>3 <strong>(full)</strong></td>" in page
    assert page.count("none of its own (10 of the activity)") == 2


def test_places_per_session_cost_one_query_however_many_sessions(region, django_assert_num_queries):
    activity, sessions = _series(region, limits=(None, 2, None, 4, None))
    holders = RegistrationFactory.create_batch(2, activity=activity)
    RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED)
    session_absence_set(registration=holders[0], session_id=sessions[3].pk, absent=True)

    with django_assert_num_queries(1):
        counted = session_places(activity=activity)

    assert [(s.places_held, s.absent_holders, s.full) for s in counted] == [
        (2, 0, False),
        (2, 0, True),
        (2, 0, False),
        (1, 1, False),
        (2, 0, False),
    ]


def test_the_registrations_page_queries_do_not_grow_with_sessions(
    coordinating, region, django_assert_max_num_queries
):
    few, _ = _series(region, limits=(None, 2))
    many, _ = _series(region, limits=(None, 2, None, 3, None, 4))
    for activity in (few, many):
        RegistrationFactory.create_batch(2, activity=activity)

    with django_assert_max_num_queries(30) as two:
        coordinating.get(reverse("activities:manage_registrations", args=[few.pk]))
    with django_assert_max_num_queries(len(two.captured_queries)):
        coordinating.get(reverse("activities:manage_registrations", args=[many.pk]))


def test_a_single_session_has_no_table_of_places_per_session(coordinating, region):
    activity = ActivityFactory(region=region)

    response = coordinating.get(reverse("activities:manage_registrations", args=[activity.pk]))

    assert "Places per session" not in response.content.decode()
