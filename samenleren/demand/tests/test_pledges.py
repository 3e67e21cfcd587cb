from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.demand.models import Pledge, UnnamedPledge
from samenleren.demand.selectors.progress import pledge_count
from samenleren.demand.services.pledges import (
    AlreadyPledged,
    PledgeError,
    pledge_create,
    pledge_withdraw,
    unnamed_pledge_set,
)
from samenleren.network.models import Role
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
    coordinator_of,
)

from .factories import CampaignCourseFactory, PledgeFactory, UnnamedPledgeFactory

pytestmark = pytest.mark.django_db


def test_a_pledge_records_the_preferences_and_the_school(django_capture_on_commit_callbacks):
    cc = CampaignCourseFactory()
    affiliation = AffiliationFactory(organisation=OrganisationFactory(region=cc.campaign.region))

    with django_capture_on_commit_callbacks(execute=True):
        pledge = pledge_create(
            campaign_course_id=cc.pk,
            person=affiliation.person,
            organisation=affiliation.organisation,
            months=[3, "2"],
            weekdays=[2],
            max_travel_minutes=45,
            note=" Liefst woensdag ",
        )

    pledge.refresh_from_db()
    assert (pledge.months, pledge.weekdays, pledge.max_travel_minutes, pledge.note) == (
        [2, 3],
        [2],
        45,
        "Liefst woensdag",
    )
    assert pledge.organisation == affiliation.organisation
    assert mail.outbox == []


def test_pledging_twice_keeps_one_pledge():
    cc = CampaignCourseFactory()
    person = UserFactory()
    first = pledge_create(campaign_course_id=cc.pk, person=person)

    with pytest.raises(AlreadyPledged) as error:
        pledge_create(campaign_course_id=cc.pk, person=person, note="nog een keer")

    assert error.value.pledge == first
    assert error.value.messages == ["You have already pledged your interest in this course."]
    assert Pledge.objects.filter(campaign_course=cc).count() == 1


def test_a_closed_campaign_refuses_pledges_and_writes_nothing():
    cc = CampaignCourseFactory(
        campaign__opens_on=timezone.localdate() - timedelta(days=30),
        campaign__closes_on=timezone.localdate() - timedelta(days=1),
    )

    with pytest.raises(PledgeError) as error:
        pledge_create(campaign_course_id=cc.pk, person=UserFactory())

    closed = (timezone.localdate() - timedelta(days=1)).strftime("%d-%m-%Y")
    assert error.value.messages == [
        f"This campaign closed on {closed}; pledges are no longer possible."
    ]
    assert Pledge.objects.count() == 0


def test_invalid_preferences_are_refused_per_field():
    cc = CampaignCourseFactory()

    with pytest.raises(PledgeError) as error:
        pledge_create(
            campaign_course_id=cc.pk,
            person=UserFactory(),
            months=[13],
            weekdays=["x"],
            max_travel_minutes=0,
        )

    assert sorted(error.value.message_dict) == ["max_travel_minutes", "months", "weekdays"]
    assert Pledge.objects.count() == 0


def test_a_pledge_for_a_school_where_you_do_not_work_is_refused():
    cc = CampaignCourseFactory()

    with pytest.raises(PledgeError) as error:
        pledge_create(
            campaign_course_id=cc.pk, person=UserFactory(), organisation=OrganisationFactory()
        )

    assert error.value.message_dict == {"organisation": ["You do not work at this organisation."]}


def test_the_pledge_that_reaches_the_minimum_tips_the_course_and_mails_once(
    django_capture_on_commit_callbacks,
):
    cc = CampaignCourseFactory(course__min_participants=3, course__title="CNC-frezen")
    coordinator = coordinator_of(cc.campaign.region, first_name="Linda")
    PledgeFactory.create_batch(2, campaign_course=cc)
    third = UserFactory(preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        pledge_create(campaign_course_id=cc.pk, person=third)
    with django_capture_on_commit_callbacks(execute=True):
        pledge_create(campaign_course_id=cc.pk, person=UserFactory())

    cc.refresh_from_db()
    assert cc.tipped_at is not None
    # The pledges were made before the tip: the factory's two and the third one. The fourth
    # came after and was not told again.
    recipients = sorted(m.to[0] for m in mail.outbox)
    pledgers = sorted(
        Pledge.objects.filter(campaign_course=cc).values_list("person__email", flat=True)[:3]
    )
    assert recipients == sorted([*pledgers, coordinator.email])
    english = next(m for m in mail.outbox if m.to == [third.email])
    assert english.subject == "[Samen Leren] Enough interest: CNC-frezen can run in the region"
    assert english.alternatives[0][1] == "text/html"
    dutch = next(m for m in mail.outbox if m.to == [coordinator.email])
    assert "/peilingen/beheer/cursus/" in dutch.body


def test_withdrawing_frees_the_person_to_pledge_again():
    cc = CampaignCourseFactory()
    person = UserFactory()
    pledge = pledge_create(campaign_course_id=cc.pk, person=person)

    pledge_withdraw(pledge_id=pledge.pk, actor=person)
    again = pledge_create(campaign_course_id=cc.pk, person=person)

    assert pledge_count(campaign_course_id=cc.pk) == 1
    assert again.pk != pledge.pk
    with pytest.raises(PledgeError):
        pledge_withdraw(pledge_id=pledge.pk, actor=person)


def test_only_the_pledger_withdraws():
    pledge = PledgeFactory()

    with pytest.raises(PermissionDenied):
        pledge_withdraw(pledge_id=pledge.pk, actor=UserFactory())


def test_a_school_contact_pledges_for_colleagues_and_a_named_pledge_takes_one_over():
    cc = CampaignCourseFactory(course__min_participants=10)
    school = OrganisationFactory(region=cc.campaign.region)
    contact = RoleAssignmentFactory(role=Role.SCHOOL_CONTACT, organisation=school).person
    unnamed_pledge_set(campaign_course_id=cc.pk, actor=contact, organisation=school, count=3)
    colleague = AffiliationFactory(organisation=school).person

    pledge_create(campaign_course_id=cc.pk, person=colleague, organisation=school)

    assert UnnamedPledge.objects.get(campaign_course=cc).count == 2
    assert pledge_count(campaign_course_id=cc.pk) == 3


def test_only_a_contact_of_that_school_pledges_for_its_colleagues():
    cc = CampaignCourseFactory()
    school = OrganisationFactory(region=cc.campaign.region)
    other_contact = RoleAssignmentFactory(role=Role.SCHOOL_CONTACT).person

    with pytest.raises(PermissionDenied):
        unnamed_pledge_set(
            campaign_course_id=cc.pk, actor=other_contact, organisation=school, count=2
        )


def test_colleagues_count_towards_the_minimum_and_can_tip(django_capture_on_commit_callbacks):
    cc = CampaignCourseFactory(course__min_participants=3)
    PledgeFactory(campaign_course=cc)
    unnamed = UnnamedPledgeFactory.build(campaign_course=cc)
    school = OrganisationFactory(region=cc.campaign.region)
    contact = RoleAssignmentFactory(role=Role.SCHOOL_CONTACT, organisation=school).person
    assert unnamed.count == 2

    with django_capture_on_commit_callbacks(execute=True):
        unnamed_pledge_set(campaign_course_id=cc.pk, actor=contact, organisation=school, count=2)

    cc.refresh_from_db()
    assert cc.tipped_at is not None
    assert len(mail.outbox) == 1  # the named pledger; the region has no coordinator here


def test_zero_colleagues_removes_the_number():
    cc = CampaignCourseFactory(course__min_participants=10)
    school = OrganisationFactory(region=cc.campaign.region)
    contact = RoleAssignmentFactory(role=Role.SCHOOL_CONTACT, organisation=school).person
    unnamed_pledge_set(campaign_course_id=cc.pk, actor=contact, organisation=school, count=4)

    assert (
        unnamed_pledge_set(campaign_course_id=cc.pk, actor=contact, organisation=school, count=0)
        is None
    )
    assert UnnamedPledge.objects.count() == 0
