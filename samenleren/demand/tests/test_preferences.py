"""Pledgers' preferences count: the most travel time they accept ranks the venues, and their
preferred months and weekdays suggest the dates of the poll."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samenleren.demand.models import DatePoll
from samenleren.demand.selectors.polls import poll_preferences, suggested_dates
from samenleren.demand.selectors.progress import campaign_progress
from samenleren.demand.views.manage import _course_day
from samenleren.network.models import EquipmentKind
from samenleren.network.tests.factories import (
    EquipmentFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)
from samenleren.network.travel import trip

from .factories import (
    CampaignCourseFactory,
    ExternalCourseFactory,
    PledgeFactory,
    SchoolHolidayFactory,
)

pytestmark = pytest.mark.django_db

HEERLEN = (Decimal("50.89138"), Decimal("5.98562"))
KERKRADE = (Decimal("50.86745"), Decimal("6.05873"))
MAASTRICHT = (Decimal("50.85312"), Decimal("5.66845"))
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def school(region, where, **kwargs):
    return OrganisationFactory(region=region, latitude=where[0], longitude=where[1], **kwargs)


def with_machine(organisation):
    EquipmentFactory(lab__organisation=organisation, kind=EquipmentKind.CNC_MILL)
    return organisation


def minutes(a, b) -> float:
    return trip(tuple(map(float, a)), tuple(map(float, b))).minutes


@pytest.fixture
def two_venues():
    """Three pledgers in Kerkrade (no maximum) make Heerlen the venue with the least total
    travel time; Maastricht is farther for them."""
    region = RegionFactory()
    heerlen = with_machine(school(region, HEERLEN, name="Vmbo De Mijnzetel"))
    maastricht = with_machine(school(region, MAASTRICHT, name="Maasoever Vakcollege"))
    kerkrade = school(region, KERKRADE)
    cc = CampaignCourseFactory(campaign__region=region, course__equipment=["cnc_mill"])
    PledgeFactory.create_batch(3, campaign_course=cc, organisation=kerkrade)
    return {"cc": cc, "heerlen": heerlen, "maastricht": maastricht}


# --- venue ranking ------------------------------------------------------------------------------


def test_without_stated_maximums_the_least_total_travel_time_wins(two_venues):
    progress = campaign_progress(campaign=two_venues["cc"].campaign)[0]

    assert [(v.organisation, v.too_far) for v in progress.venues] == [
        (two_venues["heerlen"], 0),
        (two_venues["maastricht"], 0),
    ]
    assert progress.venues[0].total_minutes == round(3 * minutes(KERKRADE, HEERLEN))


def test_a_venue_too_far_for_pledgers_ranks_below_one_that_suits_everyone(two_venues):
    cc = two_venues["cc"]
    to_heerlen = round(minutes(MAASTRICHT, HEERLEN))
    for _ in range(2):
        PledgeFactory(
            campaign_course=cc,
            organisation=two_venues["maastricht"],
            max_travel_minutes=to_heerlen - 1,
        )

    progress = campaign_progress(campaign=cc.campaign)[0]

    assert [(v.organisation, v.too_far) for v in progress.venues] == [
        (two_venues["maastricht"], 0),
        (two_venues["heerlen"], 2),
    ]
    heerlen_total = round(3 * minutes(KERKRADE, HEERLEN) + 2 * minutes(MAASTRICHT, HEERLEN))
    assert progress.venues[1].total_minutes == heerlen_total
    assert progress.venues[0].total_minutes > heerlen_total  # longer in total, yet first
    assert progress.travel.venue == two_venues["maastricht"]


def test_a_trip_as_long_as_the_stated_maximum_is_not_too_far(two_venues):
    cc = two_venues["cc"]
    PledgeFactory(
        campaign_course=cc,
        organisation=two_venues["maastricht"],
        max_travel_minutes=round(minutes(MAASTRICHT, HEERLEN)),
    )
    PledgeFactory(  # withdrawn: no longer counts
        campaign_course=cc,
        organisation=two_venues["maastricht"],
        max_travel_minutes=1,
        withdrawn_at=timezone.now(),
    )

    progress = campaign_progress(campaign=cc.campaign)[0]

    assert [(v.organisation, v.too_far) for v in progress.venues] == [
        (two_venues["heerlen"], 0),
        (two_venues["maastricht"], 0),
    ]


def test_the_venue_table_says_for_how_many_it_is_too_far(client, settings, two_venues):
    settings.MFA_REQUIRED_FOR_STAFF = False
    cc = two_venues["cc"]
    for _ in range(2):
        PledgeFactory(
            campaign_course=cc, organisation=two_venues["maastricht"], max_travel_minutes=5
        )
    url = reverse("demand:manage_course", args=[cc.pk])
    client.force_login(coordinator_of(cc.campaign.region, preferred_language="en"))
    english = client.get(url).content.decode()
    client.force_login(coordinator_of(cc.campaign.region, preferred_language="nl"))
    dutch = client.get(url).content.decode()

    assert '<th scope="col">Too far for</th>' in english
    assert "<td>Maasoever Vakcollege (" in english
    assert "</td><td>nobody</td>" in english
    assert "</td><td>2 people find this too far</td>" in english
    assert "</td><td>2 mensen vinden dit te ver</td>" in dutch
    assert "</td><td>niemand</td>" in dutch
    assert "Pledgers who gave no maximum accept any distance." in english


# --- preferred months and weekdays --------------------------------------------------------------


def test_preferences_are_counted_per_month_and_weekday_over_active_pledges():
    cc = CampaignCourseFactory()
    PledgeFactory(campaign_course=cc, months=[3, 4], weekdays=[2])
    PledgeFactory(campaign_course=cc, months=[3], weekdays=[2, 3])
    PledgeFactory(campaign_course=cc, months=[], weekdays=[1])
    PledgeFactory(campaign_course=cc, months=[], weekdays=[])
    PledgeFactory(campaign_course=cc, months=[5], weekdays=[4], withdrawn_at=timezone.now())
    PledgeFactory(months=[5], weekdays=[4])  # another course

    preferences = poll_preferences(campaign_course_id=cc.pk)

    assert (preferences.pledgers, preferences.with_months, preferences.with_weekdays) == (4, 2, 3)
    assert {m: n for m, n in preferences.months.items() if n} == {3: 2, 4: 1}
    assert {d: n for d, n in preferences.weekdays.items() if n} == {1: 1, 2: 2, 3: 1}
    assert (preferences.top_months, preferences.top_weekday) == ([3], 2)
    assert [(str(name), n, top) for name, n, top in preferences.weekday_rows] == [
        ("Monday", 0, False),
        ("Tuesday", 1, False),
        ("Wednesday", 2, True),
        ("Thursday", 1, False),
        ("Friday", 0, False),
    ]
    assert [(str(name), n, top) for name, n, top in preferences.month_rows][2:4] == [
        ("March", 2, True),
        ("April", 1, False),
    ]


def test_suggested_dates_fall_on_the_favourite_weekday_in_the_favourite_months():
    cc = CampaignCourseFactory()
    region = cc.campaign.region
    PledgeFactory(campaign_course=cc, months=[3, 4], weekdays=[2])
    PledgeFactory(campaign_course=cc, months=[3], weekdays=[2, 4])
    SchoolHolidayFactory(
        region=region, name="Studiedagen", starts_on=date(2027, 3, 8), ends_on=date(2027, 3, 12)
    )
    SchoolHolidayFactory(  # another region's holiday does not matter
        name="Elders", starts_on=date(2027, 3, 15), ends_on=date(2027, 3, 19)
    )
    preferences = poll_preferences(campaign_course_id=cc.pk)

    three = suggested_dates(region_id=region.pk, preferences=preferences, after=date(2027, 1, 10))
    five = suggested_dates(
        region_id=region.pk, preferences=preferences, after=date(2027, 1, 10), count=5
    )
    later = suggested_dates(region_id=region.pk, preferences=preferences, after=date(2027, 3, 3))

    # Wednesdays in March 2027 are the 3rd, 10th (holiday), 17th, 24th and 31st; April next.
    assert three == [date(2027, 3, 3), date(2027, 3, 17), date(2027, 3, 24)]
    assert five == [*three, date(2027, 3, 31), date(2027, 4, 7)]
    assert later == [date(2027, 3, 17), date(2027, 3, 24), date(2027, 3, 31)]


def test_without_preferences_the_first_working_days_outside_the_holidays_are_suggested():
    cc = CampaignCourseFactory()
    region = cc.campaign.region
    SchoolHolidayFactory(region=region, starts_on=date(2027, 1, 11), ends_on=date(2027, 1, 12))
    preferences = poll_preferences(campaign_course_id=cc.pk)

    suggestions = suggested_dates(
        region_id=region.pk, preferences=preferences, after=date(2027, 1, 8)
    )

    assert (preferences.top_months, preferences.top_weekday) == ([], None)
    assert suggestions == [date(2027, 1, 13), date(2027, 1, 14), date(2027, 1, 15)]


@pytest.mark.parametrize(
    ("hours", "days", "ends"),
    [
        ("6", 1, time(15, 30)),
        ("14", 2, time(16, 30)),
        ("9", 1, time(17, 0)),
        ("3", 1, time(12, 30)),
    ],
)
def test_a_suggested_course_day_starts_at_nine_and_ends_by_five(hours, days, ends):
    course = ExternalCourseFactory.build(hours=Decimal(hours), days=days)

    assert _course_day(course) == (time(9, 0), ends)


def test_the_poll_form_shows_the_preferences_and_starts_from_the_suggestions(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    cc = CampaignCourseFactory(tipped_at=timezone.now(), course__hours=Decimal("6"))
    today = timezone.localdate()
    month = (today.replace(day=1) + timedelta(days=62)).month
    for weekdays in ([2], [2], [0]):
        PledgeFactory(campaign_course=cc, months=[month], weekdays=weekdays)
    client.force_login(coordinator_of(cc.campaign.region, preferred_language="en"))
    url = reverse("demand:manage_course", args=[cc.pk])

    response = client.get(url, **ENGLISH)

    html = response.content.decode()
    assert '<caption id="months-caption">Preferred months</caption>' in html
    assert '<th scope="row">Wednesday</th><td>2 <span class="tag">most chosen</span></td>' in html
    assert '<th scope="row">Monday</th><td>1</td>' in html
    assert "Dates 1 to 3 below are suggestions" in html
    suggestions = response.context["suggestions"]
    deadline = date.fromisoformat(response.context["poll_form"].initial["deadline"][:10])
    assert len(suggestions) == 3
    assert all(d.weekday() == 2 and d.month == month and d > deadline for d in suggestions)
    form = response.context["poll_form"]
    assert [form.initial[f"date_{n}"] for n in (1, 2, 3)] == [d.isoformat() for d in suggestions]
    assert (form.initial["start_1"], form.initial["end_1"]) == ("09:00", "15:30")
    assert "date_4" not in form.initial

    # The coordinator accepts the suggestions as they are: the poll opens with those dates.
    posted = client.post(
        reverse("demand:manage_poll", args=[cc.pk]),
        {key: value for key, value in form.initial.items()},
        **ENGLISH,
    )

    assert posted.status_code == 302
    poll = DatePoll.objects.get(campaign_course=cc)
    assert [o.date for o in poll.options.order_by("date")] == suggestions


def test_a_refused_poll_shows_the_preferences_again(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    cc = CampaignCourseFactory(tipped_at=timezone.now())
    PledgeFactory(campaign_course=cc, weekdays=[3])
    client.force_login(coordinator_of(cc.campaign.region, preferred_language="en"))

    response = client.post(reverse("demand:manage_poll", args=[cc.pk]), {}, **ENGLISH)

    assert response.status_code == 400
    assert '<th scope="row">Thursday</th><td>1 <span class="tag">most chosen</span></td>' in (
        response.content.decode()
    )
    assert DatePoll.objects.count() == 0


def test_before_tipping_the_preferences_show_without_suggested_dates(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    cc = CampaignCourseFactory(tipped_at=None)
    PledgeFactory(campaign_course=cc, months=[10], weekdays=[1])
    client.force_login(coordinator_of(cc.campaign.region, preferred_language="en"))

    response = client.get(reverse("demand:manage_course", args=[cc.pk]))

    html = response.content.decode()
    assert '<th scope="row">October</th><td>1 <span class="tag">most chosen</span></td>' in html
    assert "below are suggestion" not in html
    assert "The date poll can be opened once the course has enough pledges." in html
    assert response.context["suggestions"] == []
