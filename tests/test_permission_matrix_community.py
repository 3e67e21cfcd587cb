"""Every role against every view of the question board and the learning networks."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samenleren.activities.tests.factories import ActivityFactory
from samenleren.community.matching import matcher_reset
from samenleren.community.models import NetworkMeeting, Visibility
from samenleren.community.tests.factories import (
    AnswerFactory,
    ExpertiseFactory,
    MembershipFactory,
    NetworkFactory,
    PostFactory,
    QuestionFactory,
    ThreadFactory,
)
from samenleren.network.tests.factories import AffiliationFactory
from tests.test_permission_matrix import (
    COORDINATORS_ONLY,
    EVERYONE_SIGNED_IN,
    GONE,
    LOGIN,
    NO,
    OK,
    ROLES,
    answers_by_role,
    expected_by_role,
)

pytestmark = pytest.mark.django_db

#                 anon   part  c_own c_oth coord c_oth train partn steer super
REGION_PEOPLE = [LOGIN, OK, OK, OK, OK, OK, OK, OK, OK, GONE]
IN_THE_REGION = [LOGIN, OK, OK, OK, OK, GONE, OK, OK, OK, GONE]
COORDINATORS_OF_REGION = [LOGIN, GONE, GONE, GONE, OK, GONE, GONE, GONE, GONE, GONE]
REGION_COORDINATOR_ACTS = [LOGIN, NO, NO, NO, OK, GONE, NO, NO, NO, GONE]
NETWORK_MEMBERS = [LOGIN, OK, NO, NO, OK, GONE, NO, NO, NO, GONE]
MEETING_MEMBERS = [LOGIN, OK, NO, NO, NO, GONE, NO, NO, NO, GONE]
API_REGION_PEOPLE = [401, OK, OK, OK, OK, OK, OK, OK, OK, GONE]

VIEWS = {
    "board": (lambda w: reverse("community:board"), REGION_PEOPLE),
    "ask": (lambda w: reverse("community:ask"), REGION_PEOPLE),
    "similar": (lambda w: reverse("community:similar") + "?text=lesmateriaal", REGION_PEOPLE),
    "question": (lambda w: w["question"].get_absolute_url(), IN_THE_REGION),
    "coordinators-only question": (
        lambda w: w["private_question"].get_absolute_url(),
        COORDINATORS_OF_REGION,
    ),
    "report": (lambda w: reverse("community:report", args=[w["question"].pk]), IN_THE_REGION),
    "contact a helper": (
        lambda w: reverse("community:contact", args=[w["question"].pk, w["helper"].pk]),
        IN_THE_REGION,
    ),
    "my expertise": (lambda w: reverse("community:expertise"), EVERYONE_SIGNED_IN),
    "triage": (lambda w: reverse("community:triage"), COORDINATORS_ONLY),
    "clusters": (lambda w: reverse("community:clusters"), COORDINATORS_ONLY),
    "synonyms": (lambda w: reverse("community:synonyms"), COORDINATORS_ONLY),
    "convert to activity": (
        lambda w: reverse("community:convert_activity") + f"?question={w['question'].pk}",
        REGION_COORDINATOR_ACTS,
    ),
    "convert to topic": (
        lambda w: reverse("community:convert_topic") + f"?question={w['question'].pk}",
        REGION_COORDINATOR_ACTS,
    ),
    "networks": (lambda w: reverse("community:networks"), REGION_PEOPLE),
    "start a network": (lambda w: reverse("community:network_create"), COORDINATORS_ONLY),
    "network": (lambda w: w["network"].get_absolute_url(), IN_THE_REGION),
    "edit network": (
        lambda w: reverse("community:network_edit", args=[w["network"].pk]),
        REGION_COORDINATOR_ACTS,
    ),
    "schedule meeting": (
        lambda w: reverse("community:meeting_schedule", args=[w["network"].pk]),
        REGION_COORDINATOR_ACTS,
    ),
    "share material": (
        lambda w: reverse("community:material_add", args=[w["network"].pk]),
        NETWORK_MEMBERS,
    ),
    "start discussion": (
        lambda w: reverse("community:thread_create", args=[w["network"].pk]),
        NETWORK_MEMBERS,
    ),
    "discussion": (lambda w: reverse("community:thread", args=[w["thread"].pk]), IN_THE_REGION),
    # Hidden: only the moderators (here the region's coordinator) and whoever started it.
    "hidden discussion": (
        lambda w: reverse("community:thread", args=[w["hidden_thread"].pk]),
        COORDINATORS_OF_REGION,
    ),
    "follow-up after meeting": (
        lambda w: reverse("community:meeting_follow_up", args=[w["meeting"].pk]),
        MEETING_MEMBERS,
    ),
    "api questions": (lambda w: "/api/v1/questions", API_REGION_PEOPLE),
}


DONE = 302  # done and sent back to the post or answer
#                   anon   part  c_own c_oth coord c_oth train partn steer super
MODERATORS_ACT = [LOGIN, NO, NO, NO, DONE, GONE, NO, NO, NO, GONE]
# A hidden answer or discussion is not found by those who may not see it.
MODERATORS_SHOW_HIDDEN = [LOGIN, GONE, GONE, GONE, DONE, GONE, GONE, GONE, GONE, GONE]

# POSTs that hide or show: (url, data, answer per role, the object, hidden before). Only the
# region's coordinator (in this world the only moderator) changes anything.
MODERATION = {
    "hide a discussion post": (
        lambda w: reverse("community:post_hide", args=[w["post"].pk]),
        {},
        MODERATORS_ACT,
        "post",
        False,
    ),
    "show a discussion post again": (
        lambda w: reverse("community:post_show", args=[w["hidden_post"].pk]),
        {},
        MODERATORS_ACT,
        "hidden_post",
        True,
    ),
    "hide an answer": (
        lambda w: reverse("community:answer_manage", args=[w["answer"].pk]),
        {"action": "hide"},
        MODERATORS_ACT,
        "answer",
        False,
    ),
    "show an answer again": (
        lambda w: reverse("community:answer_manage", args=[w["hidden_answer"].pk]),
        {"action": "show"},
        MODERATORS_SHOW_HIDDEN,
        "hidden_answer",
        True,
    ),
    "hide a whole discussion": (
        lambda w: reverse("community:thread_hide", args=[w["thread"].pk]),
        {"reason": "reclame"},
        MODERATORS_ACT,
        "thread",
        False,
    ),
    "show a discussion again": (
        lambda w: reverse("community:thread_show", args=[w["hidden_thread"].pk]),
        {},
        MODERATORS_SHOW_HIDDEN,
        "hidden_thread",
        True,
    ),
}


@pytest.fixture
def community_world(world):
    matcher_reset()
    region = world["school"].region
    asker = AffiliationFactory(organisation=world["school"]).person
    question = QuestionFactory(
        region=region, organisation=world["school"], author=asker, text="Wie heeft lesmateriaal?"
    )
    private = QuestionFactory(region=region, author=asker, visibility=Visibility.COORDINATORS)
    helper = ExpertiseFactory(text="lesmateriaal").person
    network = NetworkFactory(region=region)
    MembershipFactory(network=network, person=world["teacher"], is_moderator=False)
    meeting = NetworkMeeting.objects.create(
        network=network, activity=ActivityFactory(region=region)
    )
    thread = ThreadFactory(network=network)
    return {
        **world,
        "question": question,
        "private_question": private,
        "helper": helper,
        "network": network,
        "thread": thread,
        "meeting": meeting,
        "post": PostFactory(thread=thread),
        "hidden_post": PostFactory(thread=thread, hidden_at=timezone.now()),
        "answer": AnswerFactory(question=question),
        "hidden_answer": AnswerFactory(question=question, hidden_at=timezone.now()),
        "hidden_thread": ThreadFactory(network=network, hidden_at=timezone.now()),
    }


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_role_gets_exactly_the_expected_answer(client, community_world, view):
    url_for, expected = VIEWS[view]

    assert answers_by_role(client, community_world, url_for(community_world)) == expected_by_role(
        expected
    )


@pytest.mark.parametrize("action", list(MODERATION))
@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_hide_and_show(client, community_world, action, role):
    url_for, data, expected, name, hidden_before = MODERATION[action]
    person = community_world["people"][role]
    if person is not None:
        client.force_login(person)

    response = client.post(url_for(community_world), data)

    target = community_world[name]
    hidden_after = type(target).objects.get(pk=target.pk).hidden_at is not None
    changes = role == "coordinator"
    assert (response.status_code, hidden_after) == (
        expected[ROLES.index(role)],
        hidden_before != changes,
    )
