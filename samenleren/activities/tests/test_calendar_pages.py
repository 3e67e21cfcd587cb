"""The public calendar: list, month, filters, search, the detail page and its query count."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import ActivityKind, ActivityStatus, RegistrationStatus
from samenleren.activities.tests.factories import (
    ActivityFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.core.text import search_document
from samenleren.network.models import Profile, Role
from samenleren.network.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    SubregionFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CALENDAR = reverse("activities:calendar")


@pytest.fixture
def english(client):
    """Pages in English, so the assertions do not depend on the Dutch catalogue."""
    client.cookies["django_language"] = "en"
    return client


def searchable(title: str, summary: str = "", **kwargs):
    return ActivityFactory(
        title=title, summary=summary, search_text=search_document(title, summary), **kwargs
    )


def titles(response) -> list[str]:
    return [activity.title for activity in response.context["page"].object_list]


def at(year, month, day, hour=14):
    return datetime(year, month, day, hour, tzinfo=AMSTERDAM)


def test_anonymous_visitors_see_the_calendar_with_places_and_the_waiting_list(english):
    open_one = ActivityFactory(title="Omgaan met korte lontjes", capacity=25)
    open_one.target_profiles.add(Profile.objects.get(code="PIE"))
    full = ActivityFactory(title="TechLab-tour", kind=ActivityKind.VISIT, capacity=1)
    RegistrationFactory(activity=full)
    RegistrationFactory.create_batch(
        2, activity=full, status=RegistrationStatus.WAITLISTED, waitlisted_at=timezone.now()
    )

    response = english.get(CALENDAR)

    assert response.status_code == 200
    assert titles(response) == ["Omgaan met korte lontjes", "TechLab-tour"]
    page = response.content.decode()
    assert "<h1>Training calendar</h1>" in page
    assert "25 places left" in page
    assert "Full – 2 on the waiting list" in page
    assert "Visit or excursion" in page
    assert ">PIE</span>" in page
    assert "3 study hours" in page


def test_drafts_past_activities_are_left_out_and_cancelled_ones_are_marked(english):
    ActivityFactory(title="Concept", status=ActivityStatus.DRAFT)
    past = ActivityFactory(title="Voorbij", sessions=0)
    SessionFactory(activity=past, starts_at=timezone.now() - timedelta(days=3))
    ActivityFactory(title="Afgelast", status=ActivityStatus.CANCELLED)
    ActivityFactory(title="Gaat door")

    response = english.get(CALENDAR)

    assert titles(response) == ["Afgelast", "Gaat door"]
    assert '<span class="tag">Cancelled</span>' in response.content.decode()


def test_an_ongoing_multi_session_activity_is_still_shown(client):
    ongoing = ActivityFactory(title="Reeks", sessions=0)
    SessionFactory(activity=ongoing, starts_at=timezone.now() - timedelta(days=7))
    SessionFactory(activity=ongoing, starts_at=timezone.now() + timedelta(days=7))

    response = client.get(CALENDAR)

    assert titles(response) == ["Reeks"]


def test_search_uses_dutch_stems_trainingen_finds_training(english):
    searchable("Training lasersnijden")
    searchable("Netwerkbijeenkomst PIE", summary="Docenten delen lesmateriaal")

    assert titles(english.get(CALENDAR, {"q": "trainingen"})) == ["Training lasersnijden"]
    assert titles(english.get(CALENDAR, {"q": "docent delen"})) == ["Netwerkbijeenkomst PIE"]
    assert titles(english.get(CALENDAR, {"q": "trainingen PIE"})) == []


def test_filter_by_kind_and_profile(english):
    pie = ActivityFactory(title="PIE-netwerk", kind=ActivityKind.NETWORK_MEETING)
    pie.target_profiles.add(Profile.objects.get(code="PIE"))
    ActivityFactory(title="Festival", kind=ActivityKind.FESTIVAL)

    assert titles(english.get(CALENDAR, {"soort": "network_meeting"})) == ["PIE-netwerk"]
    assert titles(english.get(CALENDAR, {"profiel": "PIE"})) == ["PIE-netwerk"]
    assert titles(english.get(CALENDAR, {"profiel": "BWI"})) == []


def test_filter_by_subregion_of_the_venue_and_whole_region_activities(english):
    region = RegionFactory()
    parkstad, maastricht = SubregionFactory(region=region), SubregionFactory(region=region)
    in_parkstad = ActivityFactory(title="In Parkstad", region=region, sessions=0)
    SessionFactory(
        activity=in_parkstad, venue=OrganisationFactory(region=region, subregion=parkstad)
    )
    in_maastricht = ActivityFactory(title="In Maastricht", region=region, sessions=0)
    SessionFactory(
        activity=in_maastricht, venue=OrganisationFactory(region=region, subregion=maastricht)
    )
    ActivityFactory(title="Online voor de hele regio", region=region)
    ActivityFactory(title="Andere regio")

    response = english.get(CALENDAR, {"subregio": parkstad.pk})

    # Sorted: which of the two starts first depends on the time of day the test runs.
    assert sorted(titles(response)) == ["In Parkstad", "Online voor de hele regio"]


def test_filter_by_dates_form_and_places_left(english):
    soon = ActivityFactory(title="Binnenkort", sessions=0, capacity=1)
    SessionFactory(activity=soon, starts_at=timezone.now() + timedelta(days=3))
    RegistrationFactory(activity=soon)
    later = ActivityFactory(title="Later online", sessions=0)
    SessionFactory(
        activity=later,
        starts_at=timezone.now() + timedelta(days=40),
        address="",
        online_url="https://meet.example/later",
    )
    in_ten_days = timezone.localdate() + timedelta(days=10)

    assert titles(english.get(CALENDAR, {"van": in_ten_days.isoformat()})) == ["Later online"]
    assert titles(english.get(CALENDAR, {"tot": in_ten_days.isoformat()})) == ["Binnenkort"]
    assert titles(english.get(CALENDAR, {"vorm": "online"})) == ["Later online"]
    assert titles(english.get(CALENDAR, {"vorm": "fysiek"})) == ["Binnenkort"]
    assert titles(english.get(CALENDAR, {"plek": "on"})) == ["Later online"]


def test_a_malformed_date_is_reported_and_ignored(english):
    ActivityFactory(title="Iets")

    response = english.get(CALENDAR, {"van": "31-02-2026"})

    assert response.status_code == 200
    assert titles(response) == ["Iets"]
    assert response.context["form"].errors == {"van": ["Enter a valid date."]}


def test_empty_states_with_and_without_filters(english):
    assert (
        "There are no activities planned at the moment." in english.get(CALENDAR).content.decode()
    )
    filtered = english.get(CALENDAR, {"q": "onbekend"}).content.decode()
    assert "No activities match these filters." in filtered


def test_the_list_pages(english):
    for index in range(27):
        ActivityFactory(title=f"Activiteit {index:02d}")

    first, second = english.get(CALENDAR), english.get(CALENDAR, {"page": 2})

    assert len(titles(first)) == 25
    assert titles(second) == ["Activiteit 25", "Activiteit 26"]
    assert "Page 1 of 2" in first.content.decode()


def _populated(count: int) -> None:
    profiles = list(Profile.objects.all()[:2])
    for _ in range(count):
        activity = ActivityFactory(sessions=2, capacity=2)
        activity.target_profiles.add(*profiles)
        SessionFactory(activity=activity, venue=OrganisationFactory())
        RegistrationFactory(activity=activity)
        RegistrationFactory(
            activity=activity, status=RegistrationStatus.WAITLISTED, waitlisted_at=timezone.now()
        )


@pytest.mark.parametrize("count", [3, 12])
def test_the_number_of_queries_of_the_list_does_not_grow_with_activities(
    client, django_assert_num_queries, count
):
    _populated(count)

    # count, page, sessions, profiles; filter options: regions, subregions, profiles
    with django_assert_num_queries(7):
        response = client.get(CALENDAR)

    assert len(titles(response)) == count


def test_month_view_is_a_table_with_links_and_month_navigation(english):
    december = ActivityFactory(title="Winterfestival", kind=ActivityKind.FESTIVAL, sessions=0)
    SessionFactory(activity=december, starts_at=at(2026, 12, 3))
    november = ActivityFactory(title="Novembertraining", sessions=0)
    SessionFactory(activity=november, starts_at=at(2026, 11, 30))

    response = english.get(CALENDAR, {"weergave": "maand", "maand": "2026-12"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<caption>December 2026</caption>" in page
    assert '<abbr title="Monday">Mon</abbr>' in page
    assert reverse("activities:detail", args=[december.pk]) in page
    assert "Novembertraining" not in page
    assert "weergave=maand&amp;maand=2026-11" in page
    assert "weergave=maand&amp;maand=2027-01" in page
    assert [day.day.isoformat() for day in response.context["month"].weeks[0]][:2] == [
        "2026-11-30",
        "2026-12-01",
    ]


def test_month_view_keeps_the_filters_and_survives_a_bad_month(english):
    response = english.get(CALENDAR, {"weergave": "maand", "maand": "2026-13", "soort": "festival"})

    assert response.status_code == 200
    assert response.context["month"].first == timezone.localdate().replace(day=1)
    assert "soort=festival&amp;weergave=maand" in response.content.decode()
    assert "No activities this month match these filters." in response.content.decode()


def test_detail_page_for_anonymous_visitors(english):
    activity = ActivityFactory(
        title="Omgaan met korte lontjes",
        sessions=2,
        catering=True,
        provider="Trainingsbureau Zuid",
        capacity=25,
    )
    activity.catering_at = datetime(2026, 1, 1, 16).time()
    activity.save()
    SessionFactory(activity=activity, address="", online_url="https://meet.example/geheim")

    response = english.get(reverse("activities:detail", args=[activity.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Omgaan met korte lontjes</h1>" in page
    assert "Session 3" in page
    assert "9 hours in total" in page
    assert "Free" in page
    assert "At 16:00" in page
    assert "Trainingsbureau Zuid" in page
    assert "25 places left" in page
    assert "https://meet.example/geheim" not in page
    assert "The online link is shown to registered participants." in page
    login = reverse("account_login") + "?next=" + reverse("activities:detail", args=[activity.pk])
    assert login in page


def test_the_online_link_is_only_for_people_with_a_place(client):
    activity = ActivityFactory(sessions=0, capacity=1)
    SessionFactory(activity=activity, address="", online_url="https://meet.example/geheim")
    holder = RegistrationFactory(activity=activity).person
    waiting = RegistrationFactory(
        activity=activity, status=RegistrationStatus.WAITLISTED, waitlisted_at=timezone.now()
    ).person
    url = reverse("activities:detail", args=[activity.pk])

    client.force_login(waiting)
    assert "https://meet.example/geheim" not in client.get(url).content.decode()
    client.force_login(UserFactory())
    assert "https://meet.example/geheim" not in client.get(url).content.decode()
    client.force_login(holder)
    assert "https://meet.example/geheim" in client.get(url).content.decode()


def test_drafts_are_not_public(client):
    draft = ActivityFactory(status=ActivityStatus.DRAFT)

    assert client.get(reverse("activities:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("activities:detail", args=[999999])).status_code == 404


def test_a_cancelled_activity_says_so_and_offers_no_registration(client):
    activity = ActivityFactory(status=ActivityStatus.CANCELLED, cancelled_reason="Te weinig animo")
    client.force_login(UserFactory(preferred_language="en"))

    response = client.get(reverse("activities:detail", args=[activity.pk]))

    page = response.content.decode()
    assert "This activity has been cancelled." in page
    assert "Te weinig animo" in page
    assert response.context["form"] is None


def test_the_calendar_is_in_the_menu_for_everyone(client):
    anonymous = client.get(CALENDAR).context
    client.force_login(UserFactory())
    signed_in = client.get(CALENDAR).context

    # Other capabilities add their own items; the calendar's come first.
    assert [item.url for item in anonymous["nav_main"]][:1] == [CALENDAR]
    assert anonymous["nav_mine"] == []
    assert [item.url for item in signed_in["nav_main"]][:1] == [CALENDAR]
    assert [item.url for item in signed_in["nav_mine"]][:2] == [
        reverse("activities:mine"),
        reverse("activities:my_certificates"),
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"weergave": "maand", "maand": "9999-12"},
        {"weergave": "maand", "maand": "2026"},
        {"tot": "9999-12-31"},
        {"van": "2026-12-10", "tot": "2026-12-01"},
        {"subregio": "abc", "page": "x"},
    ],
)
def test_odd_query_strings_are_answered_not_crashed(english, params):
    ActivityFactory(title="Iets")

    response = english.get(CALENDAR, params)

    assert response.status_code == 200


def test_trainers_see_their_sessions_on_their_home_page(client):
    trainer = RoleAssignmentFactory(role=Role.TRAINER).person
    activity = ActivityFactory(title="Lasersnijden voor beginners")
    activity.trainers.add(trainer)
    ActivityFactory(title="Iets anders")
    client.force_login(trainer)

    response = client.get(reverse("core:home"))

    content = response.content.decode()
    assert "Lasersnijden voor beginners" in content
    assert "Iets anders" not in content
    assert reverse("activities:attendance", args=[activity.sessions.get().pk]) in content


# --- a session with its own capacity is full ----------------------------------------------------


def _with_session_limits(*, capacity: int, limits: tuple, registered: int, waiting: int = 0):
    """An activity with one session per entry of `limits` (its own capacity or None) and
    `registered` people holding a place, `waiting` on the waiting list."""
    activity = ActivityFactory(capacity=capacity, sessions=len(limits))
    sessions = list(activity.sessions.order_by("starts_at"))
    for session, limit in zip(sessions, limits, strict=True):
        session.capacity = limit
        session.save(update_fields=["capacity"])
    RegistrationFactory.create_batch(registered, activity=activity)
    RegistrationFactory.create_batch(
        waiting,
        activity=activity,
        status=RegistrationStatus.WAITLISTED,
        waitlisted_at=timezone.now(),
    )
    return activity, sessions


def _day(session, language: str) -> str:
    with translation.override(language):
        return date_format(timezone.localtime(session.starts_at), "l j F")


def test_the_detail_page_names_the_full_session_while_the_activity_has_room(client):
    activity, sessions = _with_session_limits(capacity=10, limits=(None, 2), registered=2)
    client.force_login(UserFactory(preferred_language="en"))

    response = client.get(reverse("activities:detail", args=[activity.pk]))

    page = response.content.decode()
    assert (
        f"The session on {_day(sessions[1], 'en')} is full. If you register, you are put on the "
        "waiting list; when a place comes free in that session it is offered to the next person "
        "automatically."
    ) in page
    assert "This activity is full" not in page
    assert "10 places; <strong>A session is full – the waiting list is open</strong>" in page
    assert "Join the waiting list" in page


def test_the_detail_page_in_dutch_names_the_full_session(client):
    activity, sessions = _with_session_limits(
        capacity=10, limits=(None, 2), registered=2, waiting=1
    )
    client.force_login(UserFactory(preferred_language="nl"))

    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()

    assert (
        f"De sessie van {_day(sessions[1], 'nl')} is vol. Als je je aanmeldt, kom je op de "
        "wachtlijst;"
    ) in page
    assert "Deze activiteit is vol" not in page
    assert "<strong>Vol in een sessie – 1 op de wachtlijst</strong>" in page


def test_the_detail_page_names_every_full_session(client):
    activity, sessions = _with_session_limits(capacity=10, limits=(1, None, 1), registered=1)
    client.force_login(UserFactory(preferred_language="en"))

    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()

    assert (
        f"The sessions on {_day(sessions[0], 'en')} and {_day(sessions[2], 'en')} are full."
    ) in page


def test_a_full_session_on_a_day_with_two_sessions_is_named_with_its_time(client):
    activity = ActivityFactory(capacity=10, sessions=0)
    day = timezone.localtime(timezone.now() + timedelta(days=14))
    morning = SessionFactory(activity=activity, starts_at=day.replace(hour=9, minute=0))
    SessionFactory(activity=activity, starts_at=day.replace(hour=13, minute=30), capacity=1)
    RegistrationFactory(activity=activity)
    client.force_login(UserFactory(preferred_language="nl"))

    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()

    assert f"De sessie van {_day(morning, 'nl')} om 13:30 is vol." in page


def test_a_full_activity_still_says_the_activity_is_full(client):
    activity, _sessions = _with_session_limits(capacity=2, limits=(None, 2), registered=2)
    client.force_login(UserFactory(preferred_language="en"))

    page = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()

    assert "This activity is full. If you register, you are put on the waiting list" in page
    assert "The session on" not in page
    assert "2 places; <strong>Full – the waiting list is open</strong>" in page


def test_the_calendar_card_says_when_a_session_is_full(english, django_assert_num_queries):
    session_full, _ = _with_session_limits(capacity=10, limits=(None, 1), registered=1, waiting=2)
    activity_full, _ = _with_session_limits(capacity=1, limits=(None, None), registered=1)

    # The same queries as without sessions of their own (see the test above).
    with django_assert_num_queries(7):
        response = english.get(CALENDAR)

    cards = {activity.pk: activity for activity in response.context["page"].object_list}
    page = response.content.decode()
    assert (cards[session_full.pk].places_left, cards[activity_full.pk].places_left) == (0, 0)
    assert "<strong>A session is full – 2 on the waiting list</strong>" in page
    assert "<strong>Full – the waiting list is open</strong>" in page
