"""Coordinators: status, conversion (activity, topic, and other apps through the registry),
follow-up questions from evaluations and after network meetings."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.activities.models import Activity, ActivityKind, ActivityStatus, Evaluation
from samenleren.activities.tests.factories import ActivityFactory, RegistrationFactory
from samenleren.community.models import NetworkMeeting, Question, QuestionSource, QuestionStatus
from samenleren.community.services.conversions import (
    conversions,
    question_convert_topic,
    question_mark_converted,
)
from samenleren.community.services.followups import (
    community_tick,
    follow_ups_import,
    meeting_follow_up_submit,
)
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

from .factories import MembershipFactory, NetworkFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


def test_the_coordinator_sets_the_status(client, region):
    question = QuestionFactory(region=region)
    client.force_login(coordinator_of(region))

    client.post(
        reverse("community:question_manage", args=[question.pk]),
        {"action": "status", "status": QuestionStatus.IN_PROGRESS},
    )

    question.refresh_from_db()
    assert question.status == QuestionStatus.IN_PROGRESS


def test_one_click_conversion_makes_a_draft_activity(client, region):
    question = QuestionFactory(region=region, text="Wie organiseert een PIE-netwerkbijeenkomst?")
    coordinator = coordinator_of(region)
    client.force_login(coordinator)
    day = (timezone.localdate() + timedelta(days=30)).isoformat()

    response = client.post(
        reverse("community:convert_activity") + f"?question={question.pk}",
        {"kind": ActivityKind.NETWORK_MEETING, "date": day, "start": "15:30"},
    )

    activity = Activity.objects.get()
    assert response["Location"] == reverse("activities:manage_edit", args=[activity.pk])
    assert (activity.kind, activity.status, activity.region, activity.description) == (
        ActivityKind.NETWORK_MEETING,
        ActivityStatus.DRAFT,
        region,
        question.text,
    )
    question.refresh_from_db()
    assert (question.status, question.converted_kind, question.converted_url) == (
        QuestionStatus.CONVERTED,
        "activity",
        reverse("activities:manage_edit", args=[activity.pk]),
    )


def test_conversion_into_a_network_topic(region):
    question = QuestionFactory(region=region)
    network = NetworkFactory(region=region)

    topic = question_convert_topic(actor=coordinator_of(region), question=question, network=network)

    assert (topic.network, topic.question, topic.title) == (network, question, question.headline)
    question.refresh_from_db()
    assert question.converted_url == network.get_absolute_url()


def test_other_apps_add_conversions_by_a_setting_and_mark_the_question(settings, region):
    settings.COMMUNITY_CONVERSIONS = [("intake", "Schoolvraag", "community:board")]
    question = QuestionFactory(region=region)

    kinds = [c.kind for c in conversions()]
    question_mark_converted(
        question=question, kind="intake", target_url="/scholen/intake/7/", actor=None
    )

    assert kinds == ["activity", "topic", "intake"]
    question.refresh_from_db()
    assert (question.status, question.converted_url) == (
        QuestionStatus.CONVERTED,
        "/scholen/intake/7/",
    )


def test_a_conversion_page_for_someone_elses_region_is_not_found(client, region):
    question = QuestionFactory(region=region)
    client.force_login(coordinator_of(RegionFactory()))

    response = client.get(reverse("community:convert_topic") + f"?question={question.pk}")

    assert response.status_code == 404


def test_follow_up_questions_from_evaluations_arrive_once(region):
    school = OrganisationFactory(region=region, name="Rosveld Vakcollege")
    registration = RegistrationFactory(
        activity=ActivityFactory(region=region, title="Omgaan met korte lontjes"),
        organisation=school,
    )
    Evaluation.objects.create(
        registration=registration, rating=5, follow_up_question="Hoe de-escaleer je in groep 3?"
    )

    assert follow_ups_import() == 1
    assert follow_ups_import() == 0
    question = Question.objects.get()
    assert (question.source, question.organisation, question.author, question.text) == (
        QuestionSource.EVALUATION,
        school,
        None,
        "Hoe de-escaleer je in groep 3?",
    )
    assert question.title == _("Follow-up question after %(title)s") % {
        "title": "Omgaan met korte lontjes"
    }


def test_after_a_meeting_members_are_asked_once_for_follow_up_questions(
    region, django_capture_on_commit_callbacks
):
    network = NetworkFactory(region=region, name="PIE-docenten Zuid-Limburg")
    members = [MembershipFactory(network=network).person for _ in range(2)]
    activity = ActivityFactory(region=region, kind=ActivityKind.NETWORK_MEETING, sessions=1)
    meeting = NetworkMeeting.objects.create(network=network, activity=activity)
    after = activity.sessions.get().ends_at + timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=True):
        first = community_tick(now=after)
    with django_capture_on_commit_callbacks(execute=True):
        second = community_tick(now=after + timedelta(minutes=5))

    assert (first.meetings_asked, second.meetings_asked) == (1, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in members)
    link = reverse("community:meeting_follow_up", args=[meeting.pk])
    assert link in mail.outbox[0].body


def test_a_members_follow_up_question_enters_the_board_once(region):
    network = NetworkFactory(region=region)
    person = AffiliationFactory(organisation=OrganisationFactory(region=region)).person
    MembershipFactory(network=network, person=person)
    meeting = NetworkMeeting.objects.create(
        network=network, activity=ActivityFactory(region=region, title="Bijeenkomst 1")
    )

    question = meeting_follow_up_submit(meeting=meeting, person=person, text="Hoe verder?")

    assert (question.source, question.region, question.author) == (
        QuestionSource.MEETING,
        region,
        person,
    )
    with pytest.raises(ValidationError) as error:
        meeting_follow_up_submit(meeting=meeting, person=person, text="Nog een")
    assert error.value.messages == [
        _("You have already sent a follow-up question for this meeting. Ask more on the board.")
    ]
