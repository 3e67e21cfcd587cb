from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import Evaluation
from samenleren.activities.selectors.attendance import evaluation_summary, follow_up_questions
from samenleren.activities.services.attendance import attendance_mark
from samenleren.activities.services.evaluation import EvaluationError, evaluation_submit
from samenleren.activities.tests.factories import (
    ActivityFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.network.tests.factories import OrganisationFactory, coordinator_of

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 3, 10, 14, 0, tzinfo=AMSTERDAM)
AFTER = (START + timedelta(days=1)).astimezone(UTC)  # UTC: "30 days later" crosses DST


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests


def activity_with_sessions(count=2, **kwargs):
    activity = ActivityFactory(sessions=0, **kwargs)
    sessions = [
        SessionFactory(
            activity=activity,
            starts_at=START + timedelta(weeks=index),
            ends_at=START + timedelta(weeks=index, hours=3),
        )
        for index in range(count)
    ]
    return activity, sessions


def attended(session, *registrations):
    attendance_mark(
        session=session,
        actor=None,
        present_ids={registration.pk for registration in registrations},
    )


def submit(registration, **kwargs):
    values = {"rating": 4, "useful": "", "improve": "", "follow_up_question": ""} | kwargs
    return evaluation_submit(registration=registration, **values)


def test_an_attendee_evaluates_once_and_may_change_it(time_machine):
    activity, sessions = activity_with_sessions()
    registration = RegistrationFactory(activity=activity)
    attended(sessions[0], registration)
    time_machine.move_to(AFTER, tick=False)

    first = submit(registration, rating=3, useful="De rollenspellen")
    second = submit(registration, rating=5, follow_up_question="Hoe houd ik dit vol?")

    assert first.pk == second.pk
    assert Evaluation.objects.filter(registration=registration).count() == 1
    evaluation = Evaluation.objects.get()
    assert (evaluation.rating, evaluation.useful, evaluation.follow_up_question) == (
        5,
        "",
        "Hoe houd ik dit vol?",
    )


def test_who_did_not_attend_cannot_evaluate(time_machine):
    activity, sessions = activity_with_sessions()
    came, no_show = RegistrationFactory.create_batch(2, activity=activity)
    attended(sessions[0], came)
    time_machine.move_to(AFTER, tick=False)

    with pytest.raises(EvaluationError) as error:
        submit(no_show)

    assert error.value.code == "not_attended"
    assert Evaluation.objects.count() == 0


def test_evaluating_waits_for_the_first_session(time_machine):
    activity, sessions = activity_with_sessions()
    registration = RegistrationFactory(activity=activity)
    attended(sessions[0], registration)  # marked in advance by mistake
    time_machine.move_to(START - timedelta(minutes=5), tick=False)

    with pytest.raises(EvaluationError) as error:
        submit(registration)

    assert error.value.code == "too_early"
    assert Evaluation.objects.count() == 0


def test_an_evaluation_can_be_changed_for_thirty_days(time_machine):
    activity, sessions = activity_with_sessions()
    registration = RegistrationFactory(activity=activity)
    attended(sessions[0], registration)
    time_machine.move_to(AFTER, tick=False)
    submit(registration, rating=2)
    time_machine.move_to(AFTER + timedelta(days=29), tick=False)
    submit(registration, rating=3)
    time_machine.move_to(AFTER + timedelta(days=30), tick=False)

    with pytest.raises(EvaluationError) as error:
        submit(registration, rating=5)

    assert error.value.code == "closed"
    assert Evaluation.objects.get().rating == 3


def test_a_rating_outside_one_to_five_is_refused(time_machine):
    activity, sessions = activity_with_sessions()
    registration = RegistrationFactory(activity=activity)
    attended(sessions[0], registration)
    time_machine.move_to(AFTER, tick=False)

    with pytest.raises(EvaluationError) as error:
        submit(registration, rating=6)

    assert error.value.code == "rating"
    assert Evaluation.objects.count() == 0


def test_the_evaluation_page_saves_the_form(client_for, time_machine):
    activity, sessions = activity_with_sessions()
    registration = RegistrationFactory(
        activity=activity, person=UserFactory(preferred_language="en")
    )
    attended(sessions[1], registration)
    time_machine.move_to(AFTER, tick=False)
    client = client_for(registration.person)
    url = reverse("activities:evaluate", args=[registration.pk])

    page = client.get(url)
    response = client.post(
        url,
        {
            "rating": "5",
            "useful": "Praktische tips",
            "improve": "",
            "follow_up_question": "Wie wil meedoen aan een intervisiegroep?",
        },
    )

    assert page.status_code == 200
    assert 'type="radio" name="rating" value="5"' in page.content.decode()
    assert "the question board" in page.content.decode()
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.rating, evaluation.follow_up_question) == (
        5,
        "Wie wil meedoen aan een intervisiegroep?",
    )


def test_the_evaluation_page_explains_why_a_no_show_cannot_evaluate(client_for, time_machine):
    activity, _sessions = activity_with_sessions()
    registration = RegistrationFactory(
        activity=activity, person=UserFactory(preferred_language="en")
    )
    time_machine.move_to(AFTER, tick=False)
    client = client_for(registration.person)
    url = reverse("activities:evaluate", args=[registration.pk])

    page = client.get(url)
    client.post(url, {"rating": "5"})

    assert page.status_code == 200
    assert "you did not attend a session" in page.content.decode()
    assert "<form" not in page.content.decode().split("<main", 1)[1]
    assert Evaluation.objects.count() == 0


def test_someone_else_cannot_open_an_evaluation(client_for, time_machine):
    activity, sessions = activity_with_sessions()
    registration = RegistrationFactory(activity=activity)
    other = RegistrationFactory(activity=activity)
    attended(sessions[0], registration, other)
    time_machine.move_to(AFTER, tick=False)

    response = client_for(other.person).post(
        reverse("activities:evaluate", args=[registration.pk]), {"rating": "1"}
    )

    assert response.status_code == 404
    assert Evaluation.objects.count() == 0


def test_follow_up_questions_of_a_region(time_machine):
    activity, sessions = activity_with_sessions(title="Omgaan met korte lontjes")
    elsewhere, other_sessions = activity_with_sessions()
    school = OrganisationFactory(region=activity.region, name="Sint-Janscollege")
    asking = RegistrationFactory(activity=activity, organisation=school)
    silent = RegistrationFactory(activity=activity)
    far_away = RegistrationFactory(activity=elsewhere)
    attended(sessions[0], asking, silent)
    attended(other_sessions[0], far_away)
    time_machine.move_to(AFTER, tick=False)
    submit(asking, follow_up_question="Hoe de-escaleer ik in de werkplaats?")
    submit(silent, useful="Alles")
    submit(far_away, follow_up_question="Een vraag uit een andere regio")

    questions = list(follow_up_questions(region=activity.region))

    assert [
        (
            q.follow_up_question,
            q.registration.activity.title,
            q.first_day,
            q.registration.organisation.name,
        )
        for q in questions
    ] == [("Hoe de-escaleer ik in de werkplaats?", "Omgaan met korte lontjes", START, school.name)]
    assert list(follow_up_questions(region=activity.region, since=AFTER + timedelta(days=1))) == []


def test_summary_counts_and_averages_the_ratings(time_machine):
    activity, sessions = activity_with_sessions()
    registrations = RegistrationFactory.create_batch(4, activity=activity)
    attended(sessions[0], *registrations)
    time_machine.move_to(AFTER, tick=False)
    for registration, rating in zip(registrations, [5, 4, 4], strict=False):
        submit(registration, rating=rating)

    summary = evaluation_summary(activity=activity)

    assert (summary.count, summary.attendees, summary.average) == (3, 4, 4.3)
    assert [(s.rating, s.count, s.percent) for s in summary.distribution] == [
        (5, 1, 33),
        (4, 2, 67),
        (3, 0, 0),
        (2, 0, 0),
        (1, 0, 0),
    ]


def test_the_summary_page_shows_organisations_not_names(client_for, time_machine):
    activity, sessions = activity_with_sessions()
    school = OrganisationFactory(region=activity.region, name="Bernardinuscollege")
    registration = RegistrationFactory(
        activity=activity,
        organisation=school,
        person=UserFactory(first_name="Annelies", last_name="Hendriks"),
    )
    attended(sessions[0], registration)
    time_machine.move_to(AFTER, tick=False)
    submit(registration, rating=4, improve="Meer oefenen", follow_up_question="Graag een vervolg")
    coordinator = coordinator_of(activity.region, preferred_language="en")
    trainer = UserFactory()
    activity.trainers.add(trainer)
    url = reverse("activities:evaluation_summary", args=[activity.pk])

    response = client_for(coordinator).get(url)
    trainer_response = client_for(trainer).get(url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bernardinuscollege" in content
    assert "Graag een vervolg" in content
    assert "Meer oefenen" in content
    assert "Hendriks" not in content
    assert trainer_response.status_code == 403
