"""'Mijn Samen Leren': open campaigns of the person's region and their own pledges' progress."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from samenleren.demand.home import sections
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
)

from .factories import CampaignCourseFactory, CampaignFactory, PledgeFactory, UnnamedPledgeFactory

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


@pytest.fixture
def teacher_world():
    today = timezone.localdate()
    region = RegionFactory()
    teacher = AffiliationFactory(
        organisation=OrganisationFactory(region=region), person__preferred_language="en"
    ).person
    AffiliationFactory(  # an old job in another region: not "their region" any more
        person=teacher,
        organisation=OrganisationFactory(),
        ended_on=today - timedelta(days=100),
    )
    soon, later = today + timedelta(days=5), today + timedelta(days=20)
    not_pledged = CampaignFactory(region=region, title="Techniek 2027", closes_on=later)
    pledged = CampaignCourseFactory(
        campaign__region=region,
        campaign__title="Installatietechniek",
        campaign__closes_on=soon,
        course__title="Warmtepompen",
        course__min_participants=5,
    )
    PledgeFactory(campaign_course=pledged, person=teacher)
    PledgeFactory(campaign_course=pledged)
    PledgeFactory(campaign_course=pledged, withdrawn_at=timezone.now())  # does not count
    UnnamedPledgeFactory(campaign_course=pledged, count=1)
    withdrawn = CampaignCourseFactory(
        campaign__region=region, campaign__title="Maakonderwijs", campaign__closes_on=soon
    )
    PledgeFactory(campaign_course=withdrawn, person=teacher, withdrawn_at=timezone.now())
    tipped = CampaignCourseFactory(
        campaign__region=region,
        campaign__opens_on=today - timedelta(days=60),
        campaign__closes_on=today - timedelta(days=1),
        course__title="CNC-frezen",
        tipped_at=timezone.now(),
    )
    PledgeFactory(campaign_course=tipped, person=teacher)
    expired = CampaignCourseFactory(
        campaign__region=region,
        campaign__opens_on=today - timedelta(days=60),
        campaign__closes_on=today - timedelta(days=1),
        course__title="Robotica",
    )
    PledgeFactory(campaign_course=expired, person=teacher)  # closed, not tipped: not shown
    CampaignFactory(region=region, opens_on=today + timedelta(days=3))  # not open yet
    CampaignFactory(title="Elders")  # another region
    return {"teacher": teacher, "not_pledged": not_pledged, "withdrawn": withdrawn.campaign}


def test_open_campaigns_without_a_pledge_and_own_progress_in_two_queries(
    teacher_world, django_assert_num_queries
):
    with django_assert_num_queries(2):
        [section] = sections(request_of(teacher_world["teacher"]))

    assert section.template == "demand/home/section.html"
    assert section.context["campaigns"] == [
        teacher_world["withdrawn"],
        teacher_world["not_pledged"],
    ]
    assert [
        (p.campaign_course.course.title, p.total, p.needed, p.tipped)
        for p in section.context["pledges"]
    ] == [("CNC-frezen", 1, 2, True), ("Warmtepompen", 3, 2, False)]


def test_the_home_page_links_the_campaigns_and_says_how_many_are_needed(client, teacher_world):
    client.force_login(teacher_world["teacher"])

    html = client.get("/").content.decode()

    assert f'<a href="/peilingen/{teacher_world["not_pledged"].pk}/">Techniek 2027</a>' in html
    assert "Warmtepompen</a>: 2 more needed (3 of 5)</li>" in html
    assert "CNC-frezen</a>: enough interest: the course comes to the region</li>" in html
    assert "Robotica" not in html


def test_nothing_to_show_gives_no_section(django_assert_num_queries):
    person = AffiliationFactory().person

    with django_assert_num_queries(2):
        assert sections(request_of(person)) == []
