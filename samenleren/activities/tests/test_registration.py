from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import ActivityStatus, Registration, SchoolQuota
from samenleren.activities.services.registration import (
    AlreadyRegistered,
    RegistrationError,
    offer_accept,
    offers_expire,
    registration_cancel,
    registration_create,
    registration_decide,
    registration_transfer,
    waitlist_position,
)
from samenleren.activities.tests.factories import ActivityFactory
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
)

pytestmark = pytest.mark.django_db


def register(activity, person=None, **kwargs):
    return registration_create(activity_id=activity.pk, person=person or UserFactory(), **kwargs)


def statuses(activity) -> list[str]:
    return list(activity.registrations.order_by("pk").values_list("status", flat=True))


def test_places_first_then_the_waiting_list_in_order():
    activity = ActivityFactory(capacity=2)

    registrations = [register(activity) for _ in range(4)]

    assert [r.status for r in registrations] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    assert [waitlist_position(r) for r in registrations] == [None, None, 1, 2]


def test_registering_twice_answers_already_registered_and_writes_nothing():
    activity = ActivityFactory(capacity=2)
    person = UserFactory()
    first = register(activity, person)

    with pytest.raises(AlreadyRegistered) as error:
        register(activity, person)

    assert error.value.registration == first
    assert Registration.objects.filter(activity=activity).count() == 1


def test_cancelling_offers_the_place_to_the_first_on_the_waiting_list():
    activity = ActivityFactory(capacity=1, claim_hours=48)
    holder, first_waiting, second_waiting = (register(activity) for _ in range(3))

    registration_cancel(registration_id=holder.pk, actor=holder.person)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, second_waiting.status) == ("offered", "waitlisted")
    assert first_waiting.offered_until > timezone.now() + timedelta(hours=47)


def test_without_claim_time_the_next_person_gets_the_place_at_once():
    activity = ActivityFactory(capacity=1, claim_hours=0)
    holder, waiting = register(activity), register(activity)

    registration_cancel(registration_id=holder.pk, actor=holder.person)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_an_accepted_offer_is_a_confirmed_place():
    activity = ActivityFactory(capacity=1)
    holder, waiting = register(activity), register(activity)
    registration_cancel(registration_id=holder.pk, actor=holder.person)

    accepted = offer_accept(registration_id=waiting.pk, person=waiting.person)

    assert accepted.status == "confirmed"


def test_an_expired_offer_passes_to_the_next_in_line():
    activity = ActivityFactory(capacity=1, claim_hours=48)
    holder, first, second = (register(activity) for _ in range(3))
    registration_cancel(registration_id=holder.pk, actor=holder.person)

    expired = offers_expire(activity_id=activity.pk, now=timezone.now() + timedelta(hours=49))

    assert expired == 1
    assert statuses(activity) == ["cancelled", "expired", "offered"]
    with pytest.raises(RegistrationError):
        offer_accept(registration_id=first.pk, person=first.person)
    assert second.pk == activity.registrations.get(status="offered").pk


def test_promotion_stops_shortly_before_the_start():
    activity = ActivityFactory(capacity=1, promotion_stop_hours=24)
    holder, waiting = register(activity), register(activity)
    start = activity.sessions.first().starts_at

    coordinator = RoleAssignmentFactory(
        role="coordinator", organisation=None, region=activity.region
    ).person
    registration_cancel(
        registration_id=holder.pk, actor=coordinator, now=start - timedelta(hours=2)
    )

    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"


def test_participant_cannot_cancel_after_the_deadline():
    activity = ActivityFactory(capacity=5)
    activity.cancellation_deadline = timezone.now() - timedelta(minutes=1)
    activity.save()
    registration = register(activity)

    with pytest.raises(RegistrationError) as error:
        registration_cancel(registration_id=registration.pk, actor=registration.person)

    assert error.value.code == "deadline"
    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": ActivityStatus.CANCELLED}, "closed"),
        ({"status": ActivityStatus.DRAFT}, "closed"),
        ({"registration_closes_at": timezone.now() - timedelta(hours=1)}, "closed"),
        ({"registration_opens_at": timezone.now() + timedelta(days=1)}, "closed"),
    ],
)
def test_registration_outside_the_window_is_refused(change, code):
    activity = ActivityFactory(capacity=5)
    for field, value in change.items():
        setattr(activity, field, value)
    activity.save()

    with pytest.raises(RegistrationError) as error:
        register(activity)

    assert error.value.code == code
    assert activity.registrations.count() == 0


def test_school_quota_keeps_places_for_that_school_until_release():
    school, other = OrganisationFactory(), OrganisationFactory()
    activity = ActivityFactory(capacity=2)
    activity.quota_release_at = timezone.now() + timedelta(days=3)
    activity.save()
    SchoolQuota.objects.create(activity=activity, organisation=school, places=1)

    outsider_1 = register(activity, organisation_id=other.pk)
    outsider_2 = register(activity, organisation_id=other.pk)
    insider = register(activity, organisation_id=school.pk)

    assert (outsider_1.status, outsider_2.status, insider.status) == (
        "confirmed",
        "waitlisted",
        "confirmed",
    )


def test_after_release_quota_places_are_open_to_everyone():
    school, other = OrganisationFactory(), OrganisationFactory()
    activity = ActivityFactory(capacity=2)
    activity.quota_release_at = timezone.now() - timedelta(minutes=1)
    activity.save()
    SchoolQuota.objects.create(activity=activity, organisation=school, places=1)

    outsiders = [register(activity, organisation_id=other.pk) for _ in range(2)]

    assert [r.status for r in outsiders] == ["confirmed", "confirmed"]


def test_send_a_colleague_instead_keeps_the_place_at_the_school():
    school = OrganisationFactory()
    me = AffiliationFactory(organisation=school).person
    colleague = AffiliationFactory(organisation=school, function="toa").person
    activity = ActivityFactory(capacity=1)
    mine = register(activity, me, organisation_id=school.pk)

    replacement = registration_transfer(
        registration_id=mine.pk, person=me, colleague_email=colleague.email.upper()
    )

    assert (replacement.person, replacement.status, replacement.function) == (
        colleague,
        "confirmed",
        "toa",
    )
    assert statuses(activity) == ["cancelled", "confirmed"]


def test_a_colleague_from_another_school_cannot_take_over():
    school = OrganisationFactory()
    me = AffiliationFactory(organisation=school).person
    stranger = AffiliationFactory().person
    activity = ActivityFactory(capacity=1)
    mine = register(activity, me, organisation_id=school.pk)

    with pytest.raises(RegistrationError) as error:
        registration_transfer(registration_id=mine.pk, person=me, colleague_email=stranger.email)

    assert error.value.code == "colleague"
    assert statuses(activity) == ["confirmed"]


def test_approval_by_the_school_contact():
    school = OrganisationFactory()
    contact = RoleAssignmentFactory(organisation=school).person
    activity = ActivityFactory(capacity=1, requires_approval=True)
    pending = register(activity, organisation_id=school.pk)
    waiting = register(activity, organisation_id=school.pk)

    registration_decide(registration_id=pending.pk, actor=contact, approve=False)

    waiting.refresh_from_db()
    assert statuses(activity) == ["rejected", "offered"]
    assert waiting.status == "offered"


def test_required_question_must_be_answered():
    activity = ActivityFactory(capacity=5)
    question = activity.questions.create(
        label="Welk profiel geef je?", kind="choice", choices="PIE\nBWI", required=True
    )

    with pytest.raises(RegistrationError) as error:
        register(activity, answers={})
    assert list(error.value.message_dict) == [str(question.pk)]

    registration = register(activity, answers={str(question.pk): "PIE"})
    assert registration.answers == {str(question.pk): "PIE"}


def test_confirmation_mail_is_sent_after_commit_with_a_calendar_file(
    django_capture_on_commit_callbacks,
):
    activity = ActivityFactory(capacity=5, title="Omgaan met korte lontjes")
    person = UserFactory(preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        register(activity, person)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[Samen Leren] You are registered: Omgaan met korte lontjes"
    assert message.alternatives[0].mimetype == "text/html"
    assert [a[2] for a in message.attachments] == ["text/calendar"]


def test_more_places_are_offered_to_the_waiting_list(django_capture_on_commit_callbacks):
    from samenleren.activities.services.activity import activity_save

    activity = ActivityFactory(capacity=1)
    holder = register(activity)
    register(activity), register(activity)
    sessions = [
        {
            "id": s.pk,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "address": s.address,
            "study_hours": s.study_hours,
        }
        for s in activity.sessions.all()
    ]
    activity.capacity = 2

    with django_capture_on_commit_callbacks(execute=True):
        activity_save(actor=holder.person, activity=activity, sessions=sessions)

    assert statuses(activity) == ["confirmed", "offered", "waitlisted"]


def test_absence_only_for_a_held_place_and_before_the_session():
    from samenleren.activities.services.registration import session_absence_set

    activity = ActivityFactory(capacity=1, sessions=2)
    holder, waiting = register(activity), register(activity)
    first, _second = activity.sessions.all()

    with pytest.raises(RegistrationError) as no_seat:
        session_absence_set(registration=waiting, session_id=first.pk, absent=True)
    with pytest.raises(RegistrationError) as started:
        session_absence_set(
            registration=holder,
            session_id=first.pk,
            absent=True,
            now=first.starts_at + timedelta(minutes=5),
        )
    session_absence_set(registration=holder, session_id=first.pk, absent=True)

    assert (no_seat.value.code, started.value.code) == ("no_seat", "started")
    assert list(holder.absences.values_list("session_id", flat=True)) == [first.pk]


def test_waiting_list_positions_follow_the_time_of_joining_not_the_id():
    activity = ActivityFactory(capacity=1)
    register(activity)
    now = timezone.now()
    # The later row joined first (its transaction took the lock first): it is first in line.
    later_row = register(activity, now=now + timedelta(seconds=1))
    earlier_time = register(activity, now=now)

    assert (waitlist_position(earlier_time), waitlist_position(later_row)) == (1, 2)
