from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samenleren.demand.models import ExternalCourse, Pledge, PollAnswer
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    OrganisationFactory,
    coordinator_of,
)

from .factories import CampaignCourseFactory, PledgeFactory, PollOptionFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def world(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    cc = CampaignCourseFactory(course__title="CNC-frezen", course__equipment=["cnc_mill"])
    region = cc.campaign.region
    venue = OrganisationFactory(region=region, name="Vmbo De Mijnzetel")
    EquipmentFactory(lab__organisation=venue, kind="cnc_mill")
    teacher = AffiliationFactory(
        organisation=OrganisationFactory(region=region), person__preferred_language="en"
    )
    return {
        "cc": cc,
        "region": region,
        "coordinator": coordinator_of(region, preferred_language="en"),
        "teacher": teacher,
    }


def test_the_public_pages_need_no_login(client, world):
    cc = world["cc"]
    for url in (
        reverse("demand:list"),
        reverse("demand:campaign", args=[cc.campaign.pk]),
        reverse("demand:course", args=[cc.pk]),
        reverse("demand:travel"),
    ):
        assert client.get(url).status_code == 200


def test_a_teacher_pledges_through_the_form_and_sees_the_progress(client, world):
    cc = world["cc"]
    teacher = world["teacher"]
    client.force_login(teacher.person)

    response = client.post(
        reverse("demand:pledge", args=[cc.pk]),
        {"organisation": teacher.organisation.pk, "months": ["3"], "weekdays": ["2"], "note": ""},
        follow=True,
        **ENGLISH,
    )

    pledge = Pledge.objects.get()
    assert (pledge.person, pledge.organisation, pledge.months) == (
        teacher.person,
        teacher.organisation,
        [3],
    )
    content = response.content.decode()
    assert "Thank you: your interest is counted." in content
    assert "1 of at least 3 interested" in content
    assert "2 more needed" in content


def test_pledging_twice_through_the_form_says_so_and_keeps_one(client, world):
    cc = world["cc"]
    teacher = world["teacher"]
    PledgeFactory(campaign_course=cc, person=teacher.person)
    client.force_login(teacher.person)

    response = client.post(reverse("demand:pledge", args=[cc.pk]), {}, follow=True, **ENGLISH)

    assert "You have already pledged your interest in this course." in response.content.decode()
    assert Pledge.objects.count() == 1


def test_an_answer_for_an_unknown_option_shows_an_error_and_saves_nothing(client, world):
    option = PollOptionFactory(poll__campaign_course=world["cc"])
    teacher = world["teacher"]
    PledgeFactory(campaign_course=world["cc"], person=teacher.person)
    client.force_login(teacher.person)

    response = client.post(
        reverse("demand:answer", args=[world["cc"].pk]),
        {f"option-{option.pk}": "yes", "option-999999": "yes"},
        follow=True,
        **ENGLISH,
    )

    assert "The date option 999999 is not part of this poll." in response.content.decode()
    assert PollAnswer.objects.count() == 0


def test_the_coordinator_overview_has_a_chart_a_table_and_a_safe_csv(client, world):
    cc = world["cc"]
    school = OrganisationFactory(region=world["region"], name="=HYPERLINK(evil)")
    PledgeFactory(campaign_course=cc, organisation=school)
    client.force_login(world["coordinator"])

    page = client.get(reverse("demand:manage_campaign", args=[cc.campaign.pk]), **ENGLISH)
    csv = client.get(reverse("demand:manage_campaign_csv", args=[cc.campaign.pk]), **ENGLISH)

    content = page.content.decode()
    assert '<svg class="demand-chart"' in content
    assert ">Pledges per course</caption>" in content
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeffCourse;Provider;School;Pledges;")
    assert "'=HYPERLINK(evil);1" in text


def test_the_manage_course_page_proposes_the_venue_with_the_machine(client, world):
    cc = world["cc"]
    PledgeFactory(campaign_course=cc, organisation=world["teacher"].organisation)
    client.force_login(world["coordinator"])

    response = client.get(reverse("demand:manage_course", args=[cc.pk]), **ENGLISH)

    assert response.context["p"].venues[0].organisation.name == "Vmbo De Mijnzetel"


def test_a_poll_with_a_holiday_date_is_refused_in_the_form(client, world):
    cc = world["cc"]
    cc.tipped_at = timezone.now()
    cc.save()
    day = timezone.localdate() + timedelta(days=30)
    world["region"].school_holidays.create(name="Kerstvakantie", starts_on=day, ends_on=day)
    client.force_login(world["coordinator"])

    response = client.post(
        reverse("demand:manage_poll", args=[cc.pk]),
        {
            "deadline": (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "date_1": day.isoformat(),
            "start_1": "13:00",
            "end_1": "17:00",
        },
        **ENGLISH,
    )

    assert response.status_code == 400
    assert "falls in the Kerstvakantie" in response.content.decode()


def test_an_import_with_problems_lists_them_and_writes_nothing(client, world):
    client.force_login(world["coordinator"])
    upload = SimpleUploadedFile(
        "cursussen.csv",
        b"titel;aanbieder;locatie;breedtegraad;lengtegraad;minimum\n"
        b"CNC;Vakwerk;Parijs;48.85;2.35;8\n",
    )

    response = client.post(reverse("demand:manage_import"), {"file": upload}, **ENGLISH)

    content = response.content.decode()
    assert "1 problem found; nothing has been imported." in content
    assert "lie outside the Netherlands" in content
    assert ExternalCourse.objects.filter(title="CNC").count() == 0


def test_coordinators_edit_the_catalogue_and_the_holidays(client, world):
    client.force_login(world["coordinator"])
    course = world["cc"].course

    response = client.post(
        reverse("demand:manage_course_edit", args=[course.pk]),
        {
            "title": "CNC-frezen gevorderd",
            "provider": course.provider,
            "days": 2,
            "hours": "12",
            "location_name": "Utrecht",
            "latitude": "52.09083",
            "longitude": "5.12222",
            "price": "495",
            "min_participants": 8,
            "second_group_at": 8,
            "equipment": ["cnc_mill"],
        },
        **ENGLISH,
    )
    holiday = client.post(
        reverse("demand:manage_holidays"),
        {"name": "Meivakantie", "starts_on": "2027-04-24", "ends_on": "2027-05-02"},
    )

    assert "The second group must start above the minimum." in response.content.decode()
    assert holiday.status_code == 302
    assert world["region"].school_holidays.get().name == "Meivakantie"
