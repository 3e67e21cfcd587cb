"""Places per session: a session may have fewer places than its activity (a smaller room).

A registration holds a place in every session it did not mark as missed; a person gets a place
only when the activity and every session they will attend have room. See docs/locking.md.
"""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import ActivityStatus, Registration, RegistrationStatus
from samenleren.activities.selectors.calendar import CalendarFilters, calendar_activities
from samenleren.activities.services.activity import activity_copy, activity_save
from samenleren.activities.services.capacity import places_available
from samenleren.activities.services.registration import (
    RegistrationError,
    offers_expire,
    places_offer_first,
    registration_cancel,
    registration_create,
    registration_decide,
    registration_transfer,
    session_absence_set,
)
from samenleren.activities.tests.factories import (
    ActivityFactory,
    QuotaFactory,
    RegistrationFactory,
)
from samenleren.activities.tests.test_manage import (
    activity_data,
    management,
    session_data,
)
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db


def series(*, capacity=10, limits=(None, 2), **kwargs):
    """An activity with one session per entry of `limits`, each with that own capacity."""
    activity = ActivityFactory(capacity=capacity, sessions=len(limits), **kwargs)
    sessions = list(activity.sessions.order_by("starts_at"))
    for session, limit in zip(sessions, limits, strict=True):
        session.capacity = limit
        session.save(update_fields=["capacity"])
    return activity, sessions


def register(activity, person=None, **kwargs):
    return registration_create(activity_id=activity.pk, person=person or UserFactory(), **kwargs)


def statuses(activity) -> list[str]:
    return list(activity.registrations.order_by("pk").values_list("status", flat=True))


def sessions_for_save(activity, **capacities) -> list[dict]:
    """The activity's sessions as `activity_save` takes them; `capacities` by position."""
    return [
        {
            "id": s.pk,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "address": s.address,
            "study_hours": s.study_hours,
            "capacity": capacities.get(f"s{index}", s.capacity),
        }
        for index, s in enumerate(activity.sessions.order_by("starts_at"))
    ]


# --- registering ------------------------------------------------------------------------------


def test_a_full_session_sends_newcomers_to_the_waiting_list_while_the_activity_has_room():
    activity, _sessions = series(capacity=10, limits=(None, 2))

    registrations = [register(activity) for _ in range(3)]

    assert [r.status for r in registrations] == ["confirmed", "confirmed", "waitlisted"]


def test_without_session_capacity_only_the_activity_counts():
    activity, _sessions = series(capacity=2, limits=(None, None))

    assert [register(activity).status for _ in range(3)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def test_the_activity_capacity_still_applies_when_a_session_has_more_room():
    activity, _sessions = series(capacity=2, limits=(2, None))

    assert [register(activity).status for _ in range(3)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def test_missing_a_full_session_lets_a_newcomer_in():
    activity, sessions = series(capacity=10, limits=(None, 1))
    holder = register(activity)
    session_absence_set(registration=holder, session_id=sessions[1].pk, absent=True)

    newcomer = register(activity)

    assert newcomer.status == "confirmed"
    now = timezone.now()
    assert places_available(activity=activity, organisation_id=None, now=now) == 0
    assert (
        places_available(
            activity=activity, organisation_id=None, now=now, skip_sessions={sessions[1].pk}
        )
        == 8
    )


def test_missing_a_full_session_offers_its_place_to_the_first_on_the_waiting_list(
    django_capture_on_commit_callbacks,
):
    activity, sessions = series(capacity=10, limits=(None, 1), claim_hours=48)
    holder, first, second = register(activity), register(activity), register(activity)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        session_absence_set(registration=holder, session_id=sessions[1].pk, absent=True)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("offered", "waitlisted")
    assert len(callbacks) == 1  # the offer mail


def test_missing_a_session_without_its_own_capacity_offers_nothing():
    activity, sessions = series(capacity=1, limits=(None, None))
    holder, waiting = register(activity), register(activity)

    session_absence_set(registration=holder, session_id=sessions[0].pk, absent=True)

    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"


def test_coming_after_all_needs_a_free_place_in_the_session():
    activity, sessions = series(capacity=10, limits=(None, 1), claim_hours=0)
    holder, waiting = register(activity), register(activity)
    session_absence_set(registration=holder, session_id=sessions[1].pk, absent=True)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"  # took the freed place at once

    with pytest.raises(RegistrationError) as full:
        session_absence_set(registration=holder, session_id=sessions[1].pk, absent=False)

    assert full.value.code == "session_full"
    assert "Deze sessie is nu vol" in full.value.messages[0]
    assert list(holder.absences.values_list("session_id", flat=True)) == [sessions[1].pk]


def test_coming_after_all_is_fine_while_the_session_has_room():
    activity, sessions = series(capacity=10, limits=(None, 2))
    holder = register(activity)
    session_absence_set(registration=holder, session_id=sessions[1].pk, absent=True)

    session_absence_set(registration=holder, session_id=sessions[1].pk, absent=False)

    assert holder.absences.count() == 0


def test_cancelling_frees_the_session_place_for_the_waiting_list():
    activity, _sessions = series(capacity=10, limits=(None, 1))
    holder, waiting = register(activity), register(activity)

    registration_cancel(registration_id=holder.pk, actor=holder.person)

    waiting.refresh_from_db()
    assert waiting.status == "offered"


def test_cancelling_someone_who_missed_the_full_session_frees_no_place_there():
    activity, sessions = series(capacity=10, limits=(None, 1), claim_hours=0)
    absent = register(activity)
    session_absence_set(registration=absent, session_id=sessions[1].pk, absent=True)
    holder = register(activity)
    waiting = register(activity)

    registration_cancel(registration_id=absent.pk, actor=absent.person)

    waiting.refresh_from_db()
    assert (holder.status, waiting.status) == ("confirmed", "waitlisted")


def test_an_expired_offer_passes_the_session_place_on():
    activity, _sessions = series(capacity=10, limits=(None, 1), claim_hours=48)
    holder = register(activity)
    register(activity), register(activity)
    registration_cancel(registration_id=holder.pk, actor=holder.person)

    offers_expire(activity_id=activity.pk, now=timezone.now() + timedelta(hours=49))

    assert statuses(activity) == ["cancelled", "expired", "offered"]


def test_rejecting_frees_the_session_place():
    school = OrganisationFactory()
    contact = RoleAssignmentFactory(organisation=school).person
    activity, _sessions = series(capacity=10, limits=(None, 1), requires_approval=True)
    pending = register(activity, organisation_id=school.pk)
    waiting = register(activity, organisation_id=school.pk)
    assert (pending.status, waiting.status) == ("pending", "waitlisted")

    registration_decide(registration_id=pending.pk, actor=contact, approve=False)

    assert statuses(activity) == ["rejected", "offered"]


def test_a_colleague_sent_instead_also_misses_the_sessions_whose_place_was_given_up():
    school = OrganisationFactory()
    me = AffiliationFactory(organisation=school).person
    colleague = AffiliationFactory(organisation=school).person
    activity, sessions = series(capacity=10, limits=(None, 1, None))
    mine = register(activity, me, organisation_id=school.pk)
    session_absence_set(registration=mine, session_id=sessions[0].pk, absent=True)
    session_absence_set(registration=mine, session_id=sessions[1].pk, absent=True)
    other = register(activity)  # takes the freed place in session 2
    assert other.status == "confirmed"

    replacement = registration_transfer(
        registration_id=mine.pk, person=me, colleague_email=colleague.email
    )

    assert list(replacement.absences.values_list("session_id", flat=True)) == [sessions[1].pk]
    with pytest.raises(RegistrationError) as full:
        session_absence_set(registration=replacement, session_id=sessions[1].pk, absent=False)
    assert full.value.code == "session_full"


def test_places_offered_first_respect_the_session_capacity():
    activity, _sessions = series(capacity=10, limits=(None, 2), claim_hours=48)
    people = [(UserFactory(), None) for _ in range(3)]

    made = places_offer_first(activity_id=activity.pk, people=people)

    assert [r.status for r in made] == ["offered", "offered", "waitlisted"]


def test_school_quotas_keep_their_places_in_a_session_with_its_own_capacity():
    school, other = OrganisationFactory(), OrganisationFactory()
    activity, _sessions = series(
        capacity=10, limits=(None, 2), quota_release_at=timezone.now() + timedelta(days=3)
    )
    QuotaFactory(activity=activity, organisation=school, places=1)

    outsiders = [register(activity, organisation_id=other.pk) for _ in range(2)]
    insider = register(activity, organisation_id=school.pk)

    assert [r.status for r in outsiders] == ["confirmed", "waitlisted"]
    assert insider.status == "confirmed"


def test_registering_for_a_full_session_costs_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    plain = ActivityFactory(capacity=10, sessions=2)
    limited, _sessions = series(capacity=10, limits=(None, 5))

    with django_assert_max_num_queries(20) as without:
        register(plain)
    with django_assert_max_num_queries(len(without.captured_queries) + 1):
        register(limited)


# --- saving the activity ------------------------------------------------------------------


def test_a_session_cannot_have_more_places_than_the_activity():
    activity, _sessions = series(capacity=10, limits=(None, None))

    with pytest.raises(ValidationError) as error:
        activity_save(
            actor=UserFactory(), activity=activity, sessions=sessions_for_save(activity, s1=11)
        )

    assert error.value.message_dict == {
        "sessions": [
            "Sessie 2 kan niet meer plaatsen hebben dan de activiteit (10). Laat de plaatsen van de sessie leeg als het aantal van de activiteit geldt."
        ]
    }


def test_a_session_capacity_cannot_drop_below_the_places_held_in_it():
    activity, sessions = series(capacity=10, limits=(None, 5))
    holders = [register(activity) for _ in range(4)]
    session_absence_set(registration=holders[0], session_id=sessions[1].pk, absent=True)

    with pytest.raises(ValidationError) as error:
        activity_save(
            actor=UserFactory(), activity=activity, sessions=sessions_for_save(activity, s1=2)
        )
    activity_save(
        actor=UserFactory(), activity=activity, sessions=sessions_for_save(activity, s1=3)
    )

    assert error.value.message_dict["sessions"] == [
        "Sessie 2: 3 mensen met een plek komen naar deze sessie, dus er moeten minstens 3 plaatsen zijn. Wil je minder plaatsen? Annuleer dan eerst aanmeldingen."
    ]
    sessions[1].refresh_from_db()
    assert sessions[1].capacity == 3


def test_quotas_cannot_reserve_more_than_a_session_has():
    activity, _sessions = series(capacity=10, limits=(None, None))
    schools = [OrganisationFactory(region=activity.region) for _ in range(2)]

    with pytest.raises(ValidationError) as error:
        activity_save(
            actor=UserFactory(),
            activity=activity,
            sessions=sessions_for_save(activity, s1=3),
            quotas=[(schools[0], 2), (schools[1], 2)],
        )

    assert error.value.message_dict == {
        "quotas": ["Samen reserveren de schoolquota meer plaatsen dan sessie 2 heeft (3)."]
    }


@pytest.mark.parametrize("new_limit", [2, None], ids=["more", "none"])
def test_more_places_in_a_session_are_offered_to_the_waiting_list(
    django_capture_on_commit_callbacks, new_limit
):
    activity, _sessions = series(capacity=10, limits=(None, 1))
    register(activity), register(activity), register(activity)

    with django_capture_on_commit_callbacks(execute=True):
        activity_save(
            actor=UserFactory(),
            activity=activity,
            sessions=sessions_for_save(activity, s1=new_limit),
        )

    assert statuses(activity) == ["confirmed", "offered", "waitlisted" if new_limit else "offered"]


def test_a_copy_keeps_the_places_per_session():
    activity, _sessions = series(capacity=10, limits=(None, 4))

    copy = activity_copy(actor=UserFactory(), activity=activity)

    assert list(copy.sessions.order_by("starts_at").values_list("capacity", flat=True)) == [
        None,
        4,
    ]


# --- the coordinator's form -----------------------------------------------------------------


@pytest.fixture
def coordinating(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    client.force_login(coordinator_of(region, preferred_language="en"))
    client.region = region
    return client


def test_the_session_form_has_a_places_field_and_saves_it(coordinating):
    response = coordinating.get(reverse("activities:manage_create"))
    assert 'name="sessions-0-capacity"' in response.content.decode()

    day = timezone.localdate() + timedelta(days=30)
    response = coordinating.post(
        reverse("activities:manage_create"),
        activity_data(
            **management("sessions", 2),
            **session_data(0, day),
            **session_data(1, day + timedelta(days=7), capacity="12"),
        ),
    )

    assert response.status_code == 302
    activity = coordinating.region.activities.get()
    assert list(activity.sessions.order_by("starts_at").values_list("capacity", flat=True)) == [
        None,
        12,
    ]


def test_the_form_says_at_the_field_that_a_session_cannot_have_more_places(coordinating):
    day = timezone.localdate() + timedelta(days=30)

    response = coordinating.post(
        reverse("activities:manage_create"),
        activity_data(
            capacity="25",
            **management("sessions", 1),
            **session_data(0, day, capacity="30"),
        ),
    )

    assert response.status_code == 200
    form = response.context["editor"].sessions.forms[0]
    assert form.errors["capacity"] == [
        "A session cannot have more places than the activity (25). Leave this empty if the "
        "activity's places apply."
    ]
    assert 'aria-invalid="true"' in str(form["capacity"])
    assert not coordinating.region.activities.exists()


def test_the_form_refuses_a_session_capacity_below_the_places_held(coordinating):
    activity, sessions = series(capacity=10, limits=(None, 5), region=coordinating.region)
    RegistrationFactory.create_batch(4, activity=activity)

    response = coordinating.post(
        reverse("activities:manage_edit", args=[activity.pk]),
        activity_data(
            capacity="10",
            **management("sessions", 2, initial=2),
            **session_data(0, timezone.localdate(sessions[0].starts_at), id=str(sessions[0].pk)),
            **session_data(
                1,
                timezone.localdate(sessions[1].starts_at),
                id=str(sessions[1].pk),
                capacity="3",
            ),
        ),
    )

    assert response.status_code == 200
    assert "Session 2: 4 people holding a place will be there" in response.content.decode()
    sessions[1].refresh_from_db()
    assert sessions[1].capacity == 5


# --- what participants see ------------------------------------------------------------------


def test_the_detail_page_shows_places_left_per_session(client):
    activity, sessions = series(capacity=10, limits=(None, 3, 1))
    holder = RegistrationFactory(activity=activity)
    session_absence_set(registration=holder, session_id=sessions[1].pk, absent=True)
    RegistrationFactory(activity=activity, status=RegistrationStatus.CANCELLED)

    response = client.get(
        reverse("activities:detail", args=[activity.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    page = response.content.decode()
    assert "3 of 3 places left in this session" in page
    assert "This session is full (1 place)" in page
    assert page.count("places left in this session") == 1
    assert response.context["info"].places_left == 0
    assert response.context["info"].full is True


def test_the_calendar_counts_the_fullest_session(client):
    roomy = ActivityFactory(capacity=10, sessions=2)
    tight, _sessions = series(capacity=10, limits=(None, 3))
    full, _ = series(capacity=10, limits=(1, None))
    RegistrationFactory(activity=tight)
    RegistrationFactory(activity=full)

    left = {a.pk: a.places_left for a in calendar_activities(filters=CalendarFilters())}
    with_places = calendar_activities(filters=CalendarFilters(places_left=True))

    assert (left[roomy.pk], left[tight.pk], left[full.pk]) == (10, 2, 0)
    assert sorted(a.pk for a in with_places) == sorted([roomy.pk, tight.pk])


def test_the_api_detail_gives_places_left_per_session(client):
    activity, sessions = series(capacity=10, limits=(None, 4))
    RegistrationFactory(activity=activity)

    body = client.get(f"/api/v1/activities/{activity.pk}").json()

    assert [(s["id"], s["capacity"], s["places_left"]) for s in body["sessions"]] == [
        (sessions[0].pk, None, None),
        (sessions[1].pk, 4, 3),
    ]
    assert body["places_left"] == 3


def test_the_api_creates_sessions_with_their_own_places(client):
    from samenleren.accounts.services import api_token_create

    region = RegionFactory(slug="zuid-limburg")
    _token, raw = api_token_create(user=coordinator_of(region), name="script")
    start = timezone.now() + timedelta(days=10)
    session = {"address": "Techniekweg 1, Heerlen"}
    body = {
        "title": "Lasersnijden",
        "kind": "training",
        "capacity": 12,
        "region": "zuid-limburg",
        "sessions": [
            {
                **session,
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(hours=2)).isoformat(),
                "capacity": 6,
            },
            {
                **session,
                "starts_at": (start + timedelta(days=1)).isoformat(),
                "ends_at": (start + timedelta(days=1, hours=2)).isoformat(),
            },
        ],
    }
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}", "HTTP_ACCEPT_LANGUAGE": "en"}

    created = client.post(
        "/api/v1/activities", json.dumps(body), content_type="application/json", **headers
    )
    too_many = client.post(
        "/api/v1/activities",
        json.dumps({**body, "sessions": [{**body["sessions"][0], "capacity": 13}]}),
        content_type="application/json",
        **headers,
    )

    assert created.status_code == 201
    activity = region.activities.get()
    assert list(activity.sessions.order_by("starts_at").values_list("capacity", flat=True)) == [
        6,
        None,
    ]
    assert too_many.status_code == 400
    assert region.activities.count() == 1


def test_a_cancelled_activity_has_no_places_in_any_session():
    activity, _sessions = series(capacity=10, limits=(None, 2), status=ActivityStatus.CANCELLED)

    with pytest.raises(RegistrationError):
        register(activity)
    assert Registration.objects.filter(activity=activity).count() == 0
