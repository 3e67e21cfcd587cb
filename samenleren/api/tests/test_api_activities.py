import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenleren.accounts.services import api_token_create
from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import (
    Activity,
    ActivityStatus,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    Session,
)
from samenleren.activities.tests.factories import (
    ActivityFactory,
    QuotaFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.core.text import search_document
from samenleren.network.models import Profile
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def as_person(person) -> dict:
    """Bearer token headers for the person, with English messages."""
    _token, raw = api_token_create(user=person, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}


ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def post(client, url: str, body: dict, headers: dict):
    return client.post(url, data=json.dumps(body), content_type="application/json", **headers)


def next_week_at(hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=7)
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


def utc(moment: datetime) -> str:
    """How the API writes a moment: ISO 8601 in UTC."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


# --- GET /activities ----------------------------------------------------------------------------


def test_the_list_shows_places_waitlist_hours_and_sessions_without_online_links(client):
    region = RegionFactory(slug="zuid-limburg")
    school = OrganisationFactory(region=region, name="Vista College")
    activity = ActivityFactory(
        region=region, title="Omgaan met korte lontjes", capacity=1, sessions=0
    )
    start = next_week_at(14)
    first = SessionFactory(
        activity=activity,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        venue=school,
        address="Techniekweg 1, Heerlen",
        study_hours=Decimal("3"),
    )
    second = SessionFactory(
        activity=activity,
        starts_at=start + timedelta(days=7),
        ends_at=start + timedelta(days=7, hours=2),
        address="",
        online_url="https://meet.example/secret-room",
        study_hours=Decimal("1.5"),
    )
    activity.target_profiles.set(Profile.objects.filter(code="PIE"))
    RegistrationFactory(activity=activity, status="confirmed")
    RegistrationFactory.create_batch(2, activity=activity, status="waitlisted")

    response = client.get("/api/v1/activities")

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "results": [
            {
                "id": activity.pk,
                "title": "Omgaan met korte lontjes",
                "kind": "training",
                "status": "published",
                "region": "zuid-limburg",
                "capacity": 1,
                "places_left": 0,
                "waitlist_length": 2,
                "study_hours": 4.5,
                "profiles": ["PIE"],
                "sessions": [
                    {
                        "id": first.pk,
                        "starts_at": utc(start),
                        "ends_at": utc(start + timedelta(hours=3)),
                        "place": "Vista College, Techniekweg 1, Heerlen",
                        "online": False,
                        "study_hours": 3.0,
                    },
                    {
                        "id": second.pk,
                        "starts_at": utc(start + timedelta(days=7)),
                        "ends_at": utc(start + timedelta(days=7, hours=2)),
                        "place": "",
                        "online": True,
                        "study_hours": 1.5,
                    },
                ],
            }
        ],
    }
    assert b"secret-room" not in response.content


def test_the_list_leaves_out_drafts_and_shows_cancelled_activities(client):
    published = ActivityFactory(status=ActivityStatus.PUBLISHED)
    cancelled = ActivityFactory(status=ActivityStatus.CANCELLED)
    ActivityFactory(status=ActivityStatus.DRAFT)

    response = client.get("/api/v1/activities")

    assert sorted(ids(response)) == sorted([published.pk, cancelled.pk])
    assert sorted(item["status"] for item in response.json()["results"]) == [
        "cancelled",
        "published",
    ]


def test_the_list_needs_no_token_but_a_bad_token_answers_401(client):
    ActivityFactory()

    anonymous = client.get("/api/v1/activities")
    bad_token = client.get("/api/v1/activities", HTTP_AUTHORIZATION="Bearer sl_nonsense")

    assert anonymous.status_code == 200
    assert bad_token.status_code == 401


def test_the_list_is_paged(client):
    activities = [ActivityFactory() for _ in range(3)]

    response = client.get("/api/v1/activities?page=2&page_size=2")

    assert response.json()["count"] == 3
    assert len(ids(response)) == 1
    assert ids(response)[0] in {a.pk for a in activities}


def test_search_finds_other_dutch_word_forms(client):
    title = "Training omgaan met korte lontjes"
    wanted = ActivityFactory(title=title, search_text=search_document(title))
    other_title = "Rondleiding langs de TechLabs"
    ActivityFactory(title=other_title, search_text=search_document(other_title))

    response = client.get("/api/v1/activities?search=trainingen")

    assert ids(response) == [wanted.pk]


def test_filter_by_kind_region_and_profile(client):
    region = RegionFactory(slug="zuid-limburg")
    wanted = ActivityFactory(region=region, kind="meet_greet")
    wanted.target_profiles.set(Profile.objects.filter(code="PIE"))
    ActivityFactory(region=region, kind="training").target_profiles.set(
        Profile.objects.filter(code="PIE")
    )
    ActivityFactory(kind="meet_greet").target_profiles.set(Profile.objects.filter(code="PIE"))
    ActivityFactory(region=region, kind="meet_greet")

    response = client.get("/api/v1/activities?kind=meet_greet&region=zuid-limburg&profile=PIE")

    assert ids(response) == [wanted.pk]


def test_filter_by_dates(client):
    in_range = ActivityFactory(sessions=0)
    SessionFactory(activity=in_range, starts_at=next_week_at(14), ends_at=next_week_at(17))
    later = ActivityFactory(sessions=0)
    SessionFactory(
        activity=later,
        starts_at=next_week_at(14) + timedelta(days=30),
        ends_at=next_week_at(17) + timedelta(days=30),
    )
    day = next_week_at(14).date()

    response = client.get(f"/api/v1/activities?from={day}&to={day + timedelta(days=1)}")

    assert ids(response) == [in_range.pk]


def test_filter_online_and_with_places(client):
    online = ActivityFactory(sessions=0, capacity=1)
    SessionFactory(activity=online, address="", online_url="https://meet.example/a")
    physical = ActivityFactory(capacity=1)
    full = ActivityFactory(capacity=1)
    RegistrationFactory(activity=full, status="confirmed")

    only_online = client.get("/api/v1/activities?online=true")
    only_physical = client.get("/api/v1/activities?online=false")
    with_places = client.get("/api/v1/activities?with_places=true")

    assert ids(only_online) == [online.pk]
    assert sorted(ids(only_physical)) == sorted([physical.pk, full.pk])
    assert sorted(ids(with_places)) == sorted([online.pk, physical.pk])


def test_a_malformed_date_answers_422_naming_the_field(client):
    response = client.get("/api/v1/activities?from=31-12-2026", **ENGLISH)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "from",
            "message": "Enter a date as YYYY-MM-DD (or a date and time as YYYY-MM-DDTHH:MM).",
        }
    ]


def make_calendar(count: int) -> None:
    region = RegionFactory(slug="querycount")
    pie = Profile.objects.filter(code="PIE")
    for _ in range(count):
        activity = ActivityFactory(region=region, sessions=2)
        activity.target_profiles.set(pie)
        RegistrationFactory(activity=activity)
        RegistrationFactory(activity=activity, status="waitlisted")


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/activities?page_size=100")
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_activities(client):
    make_calendar(2)
    few = count_queries(client)
    make_calendar(6)
    many = count_queries(client)

    assert many == few


# --- GET /activities/{id} -----------------------------------------------------------------------


def test_detail_shows_the_activity_with_questions_and_my_registration(client):
    activity = ActivityFactory(title="Meet & greet mbo", kind="meet_greet", capacity=1)
    question = RegistrationQuestion.objects.create(
        activity=activity,
        label="Welke locatie?",
        kind=QuestionKind.CHOICE,
        choices="Heerlen\nSittard",
    )
    RegistrationFactory(activity=activity)
    person = UserFactory()
    waiting = RegistrationFactory(
        activity=activity, person=person, status="waitlisted", waitlisted_at=timezone.now()
    )

    response = client.get(f"/api/v1/activities/{activity.pk}", **as_person(person))

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["kind"], body["places_left"], body["waitlist_length"]) == (
        "Meet & greet mbo",
        "meet_greet",
        0,
        1,
    )
    assert body["questions"] == [
        {
            "id": question.pk,
            "label": "Welke locatie?",
            "kind": "choice",
            "choices": ["Heerlen", "Sittard"],
            "required": False,
        }
    ]
    assert body["my_registration"] == {
        "id": waiting.pk,
        "status": "waitlisted",
        "waitlist_position": 1,
    }


def test_the_online_link_is_shown_only_to_people_holding_a_place(client):
    activity = ActivityFactory(sessions=0)
    SessionFactory(activity=activity, address="", online_url="https://meet.example/room")
    holder = RegistrationFactory(activity=activity).person

    for_holder = client.get(f"/api/v1/activities/{activity.pk}", **as_person(holder))
    for_others = client.get(f"/api/v1/activities/{activity.pk}", **as_person(UserFactory()))

    assert for_holder.json()["sessions"][0]["online_url"] == "https://meet.example/room"
    assert for_others.json()["sessions"][0]["online_url"] is None


def test_a_draft_is_found_only_by_its_coordinators(client):
    region = RegionFactory()
    draft = ActivityFactory(region=region, status=ActivityStatus.DRAFT)

    for_coordinator = client.get(
        f"/api/v1/activities/{draft.pk}", **as_person(coordinator_of(region))
    )
    for_others = client.get(f"/api/v1/activities/{draft.pk}", **as_person(UserFactory()))
    anonymous = client.get(f"/api/v1/activities/{draft.pk}", **ENGLISH)

    assert for_coordinator.status_code == 200
    assert for_coordinator.json()["status"] == "draft"
    assert (for_others.status_code, anonymous.status_code) == (404, 404)
    assert anonymous.json() == {"detail": "Not found."}


def test_an_unknown_activity_answers_404(client):
    response = client.get("/api/v1/activities/999999", **ENGLISH)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# --- POST /activities ---------------------------------------------------------------------------


def activity_body(**changes) -> dict:
    body = {
        "title": "Omgaan met korte lontjes",
        "kind": "training",
        "capacity": 25,
        "region": "zuid-limburg",
        "summary": "Soft skills voor de praktijk",
        "min_participants": 8,
        "profiles": ["PIE", "BWI"],
        "sessions": [
            {
                "starts_at": next_week_at(14).strftime("%Y-%m-%dT%H:%M"),
                "ends_at": next_week_at(17).strftime("%Y-%m-%dT%H:%M"),
                "address": "Techniekweg 1, Heerlen",
                "study_hours": "3",
            },
            {
                "starts_at": (next_week_at(14) + timedelta(days=7)).isoformat(),
                "ends_at": (next_week_at(17) + timedelta(days=7)).isoformat(),
                "online_url": "https://meet.example/lontjes",
                "study_hours": 2.5,
            },
        ],
    }
    body.update(changes)
    return body


def test_a_coordinator_creates_a_draft_with_its_sessions(client):
    region = RegionFactory(slug="zuid-limburg")
    coordinator = coordinator_of(region)

    response = post(client, "/api/v1/activities", activity_body(), as_person(coordinator))

    assert response.status_code == 201
    activity = Activity.objects.get()
    assert response.json() == {"id": activity.pk, "status": "draft"}
    assert (activity.title, activity.region, activity.capacity, activity.min_participants) == (
        "Omgaan met korte lontjes",
        region,
        25,
        8,
    )
    assert activity.organiser == coordinator
    assert sorted(activity.target_profiles.values_list("code", flat=True)) == ["BWI", "PIE"]
    sessions = list(activity.sessions.order_by("starts_at"))
    assert [s.starts_at for s in sessions] == [
        next_week_at(14),
        next_week_at(14) + timedelta(days=7),
    ]
    assert [(s.address, s.online_url, s.study_hours) for s in sessions] == [
        ("Techniekweg 1, Heerlen", "", Decimal("3.00")),
        ("", "https://meet.example/lontjes", Decimal("2.50")),
    ]
    assert " lon " in activity.search_text


def test_publish_true_publishes_at_once(client):
    region = RegionFactory(slug="zuid-limburg")

    response = post(
        client, "/api/v1/activities", activity_body(publish=True), as_person(coordinator_of(region))
    )

    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert Activity.objects.get().status == ActivityStatus.PUBLISHED


def test_only_coordinators_of_the_region_may_create(client):
    RegionFactory(slug="zuid-limburg")
    other_coordinator = coordinator_of(RegionFactory(slug="noord-limburg"))

    participant = post(client, "/api/v1/activities", activity_body(), as_person(UserFactory()))
    elsewhere = post(client, "/api/v1/activities", activity_body(), as_person(other_coordinator))

    assert (participant.status_code, elsewhere.status_code) == (403, 403)
    assert elsewhere.json() == {"detail": "You are not allowed to do this."}
    assert Activity.objects.count() == 0


def test_an_activity_without_sessions_answers_422_and_writes_nothing(client):
    region = RegionFactory(slug="zuid-limburg")

    response = post(
        client, "/api/v1/activities", activity_body(sessions=[]), as_person(coordinator_of(region))
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["sessions"]
    assert Activity.objects.count() == 0


def test_a_malformed_session_time_answers_422_with_a_readable_message(client):
    region = RegionFactory(slug="zuid-limburg")
    body = activity_body()
    body["sessions"][0]["starts_at"] = "volgende week"

    response = post(client, "/api/v1/activities", body, as_person(coordinator_of(region)))

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "sessions.0.starts_at",
            "message": "Enter a date as YYYY-MM-DD (or a date and time as YYYY-MM-DDTHH:MM).",
        }
    ]
    assert Activity.objects.count() == 0


def test_a_session_without_a_place_answers_400_and_writes_nothing(client):
    region = RegionFactory(slug="zuid-limburg")
    body = activity_body()
    body["sessions"][1]["online_url"] = ""

    response = post(client, "/api/v1/activities", body, as_person(coordinator_of(region)))

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Give an address or an online link for this session.",
        "errors": [
            {
                "field": "sessions.1",
                "message": "Give an address or an online link for this session.",
            }
        ],
    }
    assert Activity.objects.count() == 0


def test_a_bad_online_link_answers_400_and_writes_nothing(client):
    region = RegionFactory(slug="zuid-limburg")
    body = activity_body()
    body["sessions"][1]["online_url"] = "meet dinsdag"

    response = post(client, "/api/v1/activities", body, as_person(coordinator_of(region)))

    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "sessions", "message": "Enter a valid URL."}]
    assert (Activity.objects.count(), Session.objects.count()) == (0, 0)


def test_rules_of_the_activity_service_answer_400_with_field_messages(client):
    region = RegionFactory(slug="zuid-limburg")
    body = activity_body(capacity=5, min_participants=8)
    body["sessions"][0]["ends_at"] = body["sessions"][0]["starts_at"]

    response = post(client, "/api/v1/activities", body, as_person(coordinator_of(region)))

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "sessions", "message": "Session 1 must end after it starts."},
        {
            "field": "min_participants",
            "message": "The minimum number of participants cannot be more than the places (5).",
        },
    ]
    assert (Activity.objects.count(), Session.objects.count()) == (0, 0)


# --- POST /activities/{id}/registrations --------------------------------------------------------


def register(client, activity_id: int, person, body: dict | None = None):
    return post(
        client, f"/api/v1/activities/{activity_id}/registrations", body or {}, as_person(person)
    )


def test_registering_gives_a_place_with_the_main_organisation(client):
    activity = ActivityFactory(capacity=2)
    affiliation = AffiliationFactory(function="mentor")

    response = register(client, activity.pk, affiliation.person, {"diet": "vegetarisch"})

    assert response.status_code == 201
    registration = Registration.objects.get()
    assert response.json() == {
        "id": registration.pk,
        "status": "confirmed",
        "waitlist_position": None,
        "full_because": None,
        "full_sessions": [],
    }
    assert (registration.person, registration.organisation, registration.function) == (
        affiliation.person,
        affiliation.organisation,
        "mentor",
    )
    assert registration.diet == "vegetarisch"


def test_when_full_the_answer_is_the_waiting_list_with_the_position(client):
    activity = ActivityFactory(capacity=1)
    RegistrationFactory(activity=activity)
    RegistrationFactory(activity=activity, status="waitlisted", waitlisted_at=timezone.now())

    response = register(client, activity.pk, UserFactory())

    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 2
    assert (response.json()["full_because"], response.json()["full_sessions"]) == ("activity", [])


def test_the_answer_names_the_full_session(client):
    activity = ActivityFactory(capacity=10, sessions=0)
    SessionFactory(activity=activity, starts_at=timezone.now() + timedelta(days=10))
    small = SessionFactory(
        activity=activity, starts_at=timezone.now() + timedelta(days=17), capacity=1
    )
    RegistrationFactory(activity=activity)

    response = register(client, activity.pk, UserFactory())

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["full_because"]) == ("waitlisted", "session")
    assert response.json()["full_sessions"] == [small.pk]


def test_the_answer_says_when_the_places_left_are_kept_for_other_schools(client):
    activity = ActivityFactory(capacity=2, quota_release_at=timezone.now() + timedelta(days=3))
    QuotaFactory(activity=activity, places=2)

    response = register(client, activity.pk, AffiliationFactory().person)

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["full_because"]) == ("waitlisted", "quota")
    assert response.json()["full_sessions"] == []


def test_registering_twice_answers_409_with_the_existing_registration(client):
    activity = ActivityFactory()
    person = UserFactory()
    first = register(client, activity.pk, person)

    second = register(client, activity.pk, person)

    assert second.status_code == 409
    assert second.json() == {
        "detail": "You are already registered for this activity.",
        "id": first.json()["id"],
    }
    assert Registration.objects.count() == 1


def test_registering_after_closing_answers_400_with_the_reason(client):
    activity = ActivityFactory(registration_closes_at=timezone.now() - timedelta(hours=1))

    response = register(client, activity.pk, UserFactory())

    assert response.status_code == 400
    assert response.json()["detail"] == "Registration for this activity has closed."
    assert Registration.objects.count() == 0


def test_registering_for_a_cancelled_activity_answers_400(client):
    activity = ActivityFactory(status=ActivityStatus.CANCELLED)

    response = register(client, activity.pk, UserFactory())

    assert response.status_code == 400
    assert response.json()["detail"] == "This activity has been cancelled."
    assert Registration.objects.count() == 0


def test_a_missing_required_answer_answers_400_naming_the_question(client):
    activity = ActivityFactory()
    question = RegistrationQuestion.objects.create(
        activity=activity, label="Welk vak geef je?", kind=QuestionKind.TEXT, required=True
    )

    response = register(client, activity.pk, UserFactory(), {"answers": {str(question.pk): " "}})

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": str(question.pk), "message": "Answer the question “Welk vak geef je?”."}
    ]
    assert Registration.objects.count() == 0


def test_answers_are_stored(client):
    activity = ActivityFactory()
    question = RegistrationQuestion.objects.create(
        activity=activity, label="Lunch?", kind=QuestionKind.YES_NO, required=True
    )

    response = register(client, activity.pk, UserFactory(), {"answers": {str(question.pk): True}})

    assert response.status_code == 201
    assert Registration.objects.get().answers == {str(question.pk): "yes"}


def test_an_organisation_you_do_not_work_at_answers_400_and_writes_nothing(client):
    activity = ActivityFactory()
    person = AffiliationFactory().person
    elsewhere = OrganisationFactory()

    response = register(client, activity.pk, person, {"organisation_id": elsewhere.pk})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "organisation_id"
    assert Registration.objects.count() == 0


def test_an_organisation_of_your_own_is_used(client):
    activity = ActivityFactory()
    main = AffiliationFactory(function="teacher")
    second = AffiliationFactory(person=main.person, function="toa", is_primary=False)

    response = register(
        client, activity.pk, main.person, {"organisation_id": second.organisation_id}
    )

    assert response.status_code == 201
    registration = Registration.objects.get()
    assert (registration.organisation, registration.function) == (second.organisation, "toa")


def test_registering_for_an_unknown_or_draft_activity_answers_404(client):
    draft = ActivityFactory(status=ActivityStatus.DRAFT)

    unknown = register(client, 999999, UserFactory())
    for_draft = register(client, draft.pk, UserFactory())

    assert (unknown.status_code, for_draft.status_code) == (404, 404)
    assert Registration.objects.count() == 0


def test_an_unknown_activity_answers_404_before_a_bad_organisation(client):
    person = AffiliationFactory().person

    response = register(client, 999999, person, {"organisation_id": OrganisationFactory().pk})

    assert response.status_code == 404


def test_registering_needs_a_token(client):
    activity = ActivityFactory()

    response = client.post(
        f"/api/v1/activities/{activity.pk}/registrations",
        data="{}",
        content_type="application/json",
    )

    assert response.status_code == 401
    assert Registration.objects.count() == 0


# --- GET /activities/{id}/registrations ---------------------------------------------------------


def test_the_coordinator_sees_everyone_registered(client):
    region = RegionFactory()
    activity = ActivityFactory(region=region, capacity=1)
    school = OrganisationFactory(name="Graaf Huyn College")
    holder = RegistrationFactory(
        activity=activity,
        person=UserFactory(first_name="Anna", last_name="Jansen"),
        organisation=school,
        function="teacher",
    )
    waiting = RegistrationFactory(
        activity=activity,
        person=UserFactory(first_name="Bram", last_name="Smeets"),
        status="waitlisted",
        waitlisted_at=timezone.now(),
    )

    response = client.get(
        f"/api/v1/activities/{activity.pk}/registrations", **as_person(coordinator_of(region))
    )

    assert response.status_code == 200
    results = response.json()["results"]
    assert [
        (r["id"], r["name"], r["organisation"], r["status"], r["waitlist_position"])
        for r in results
    ] == [
        (holder.pk, "Anna Jansen", "Graaf Huyn College", "confirmed", None),
        (waiting.pk, "Bram Smeets", None, "waitlisted", 1),
    ]
    assert results[0]["email"] == holder.person.email


def test_the_registrations_can_be_filtered_by_status(client):
    region = RegionFactory()
    activity = ActivityFactory(region=region, capacity=1)
    RegistrationFactory(activity=activity)
    waiting = RegistrationFactory(
        activity=activity, status="waitlisted", waitlisted_at=timezone.now()
    )

    response = client.get(
        f"/api/v1/activities/{activity.pk}/registrations?status=waitlisted",
        **as_person(coordinator_of(region)),
    )

    assert ids(response) == [waiting.pk]


def test_others_may_not_see_the_registrations(client):
    activity = ActivityFactory()
    participant = RegistrationFactory(activity=activity).person
    other_coordinator = coordinator_of(RegionFactory())

    as_participant = client.get(
        f"/api/v1/activities/{activity.pk}/registrations", **as_person(participant)
    )
    as_other_coordinator = client.get(
        f"/api/v1/activities/{activity.pk}/registrations", **as_person(other_coordinator)
    )
    unknown = client.get("/api/v1/activities/999999/registrations", **as_person(participant))

    assert (as_participant.status_code, as_other_coordinator.status_code) == (403, 403)
    assert unknown.status_code == 404


# --- DELETE /registrations/{id} -----------------------------------------------------------------


def test_cancelling_your_registration_offers_the_place_to_the_next(client):
    activity = ActivityFactory(capacity=1)
    mine = RegistrationFactory(activity=activity)
    next_in_line = RegistrationFactory(
        activity=activity, status="waitlisted", waitlisted_at=timezone.now()
    )

    response = client.delete(f"/api/v1/registrations/{mine.pk}", **as_person(mine.person))

    assert response.status_code == 204
    mine.refresh_from_db()
    next_in_line.refresh_from_db()
    assert (mine.status, next_in_line.status) == ("cancelled", "offered")


def test_someone_elses_registration_answers_404_and_stays(client):
    registration = RegistrationFactory()

    response = client.delete(f"/api/v1/registrations/{registration.pk}", **as_person(UserFactory()))

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancelling_after_the_deadline_answers_400_with_what_to_do(client):
    activity = ActivityFactory(cancellation_deadline=timezone.now() - timedelta(days=1))
    mine = RegistrationFactory(activity=activity)

    response = client.delete(f"/api/v1/registrations/{mine.pk}", **as_person(mine.person))

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "The deadline to cancel has passed. Send a colleague instead, or contact the coordinators."
    )
    mine.refresh_from_db()
    assert mine.status == "confirmed"


def test_cancelling_twice_answers_400(client):
    mine = RegistrationFactory(status="cancelled")

    response = client.delete(f"/api/v1/registrations/{mine.pk}", **as_person(mine.person))

    assert response.status_code == 400
    assert response.json()["detail"] == "This registration was already cancelled."


# --- the schema ---------------------------------------------------------------------------------


def test_the_openapi_schema_lists_the_calendar_with_summaries(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    operations = {
        ("/api/v1/activities", "get"),
        ("/api/v1/activities", "post"),
        ("/api/v1/activities/{activity_id}", "get"),
        ("/api/v1/activities/{activity_id}/registrations", "get"),
        ("/api/v1/activities/{activity_id}/registrations", "post"),
        ("/api/v1/registrations/{registration_id}", "delete"),
    }
    assert {(path, method) for path, method in operations if method in paths.get(path, {})} == (
        operations
    )
    assert all(paths[path][method]["summary"] for path, method in operations)
    assert set(paths["/api/v1/activities/{activity_id}/registrations"]["post"]["responses"]) == {
        "201",
        "400",
        "404",
        "409",
    }


# The statements of one registration through the API, so that they cannot creep back: a rush of
# registrations waits on the activity's row lock, and every statement inside it makes everyone
# else wait (docs/performance.md, "Registration rush"). With the token's last use already
# written: the token, the person's organisations and the activity's questions (before the lock),
# BEGIN, the locked activity, one count of places / waiting list / own registration, the insert,
# COMMIT, and the mail task (on commit): 9 on PostgreSQL and SQLite (BEGIN IMMEDIATE) alike.
# Before the rush work it was 10 for a place and 11 for the waiting list.
REGISTRATION_STATEMENTS = 9


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("full", [False, True], ids=["confirmed", "waitlisted"])
def test_one_registration_takes_a_fixed_number_of_statements(
    client, django_assert_num_queries, settings, full
):
    # As in production: the mail is a row in the task queue, sent later by the worker.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    activity = ActivityFactory(capacity=1)
    if full:
        RegistrationFactory(activity=activity)
    affiliation = AffiliationFactory(function="mentor")
    headers = as_person(affiliation.person)
    assert client.get(f"/api/v1/activities/{activity.pk}", **headers).status_code == 200

    with django_assert_num_queries(REGISTRATION_STATEMENTS):
        response = post(client, f"/api/v1/activities/{activity.pk}/registrations", {}, headers)

    assert response.status_code == 201
    assert response.json()["status"] == ("waitlisted" if full else "confirmed")
    assert response.json()["waitlist_position"] == (1 if full else None)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="send_registration_mail").count() == 1
