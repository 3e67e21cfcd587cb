from datetime import date
from decimal import Decimal

import pytest

from samenleren.demand.selectors.progress import campaign_progress, campaign_totals
from samenleren.demand.selectors.summary import demand_summary, pledges_by_organisation
from samenleren.network.models import EquipmentKind
from samenleren.network.tests.factories import (
    EquipmentFactory,
    OrganisationFactory,
    RegionFactory,
    SubregionFactory,
)
from samenleren.network.travel import trip

from .factories import CampaignCourseFactory, PledgeFactory, UnnamedPledgeFactory

pytestmark = pytest.mark.django_db

HEERLEN = (Decimal("50.89138"), Decimal("5.98562"))
KERKRADE = (Decimal("50.86745"), Decimal("6.05873"))
MAASTRICHT = (Decimal("50.85312"), Decimal("5.66845"))


def school(region, where, subregion=None, **kwargs):
    return OrganisationFactory(
        region=region, latitude=where[0], longitude=where[1], subregion=subregion, **kwargs
    )


def with_machine(organisation, kind=EquipmentKind.CNC_MILL):
    EquipmentFactory(lab__organisation=organisation, kind=kind)
    return organisation


def test_the_venue_has_the_equipment_and_the_least_total_travel_time():
    region = RegionFactory()
    heerlen = with_machine(school(region, HEERLEN))
    maastricht = with_machine(school(region, MAASTRICHT))
    kerkrade = school(region, KERKRADE)  # no CNC machine: never proposed
    with_machine(kerkrade, EquipmentKind.LASER_CUTTER)
    cc = CampaignCourseFactory(campaign__region=region, course__equipment=["cnc_mill"])
    for origin in (heerlen, kerkrade, kerkrade):
        PledgeFactory(campaign_course=cc, organisation=origin)
    PledgeFactory(campaign_course=cc, organisation=maastricht)

    progress = campaign_progress(campaign=cc.campaign)[0]

    heerlen_minutes = round(
        2 * trip(tuple(map(float, KERKRADE)), tuple(map(float, HEERLEN))).minutes
        + trip(tuple(map(float, MAASTRICHT)), tuple(map(float, HEERLEN))).minutes
    )
    assert [(v.organisation, v.total_minutes) for v in progress.venues] == [
        (heerlen, heerlen_minutes),
        (maastricht, progress.venues[1].total_minutes),
    ]
    assert progress.venues[1].total_minutes > heerlen_minutes
    assert progress.travel.venue == heerlen


def test_travel_saved_counts_round_trips_for_every_course_day():
    region = RegionFactory()
    heerlen = with_machine(school(region, HEERLEN))
    cc = CampaignCourseFactory(
        campaign__region=region, course__equipment=["cnc_mill"], course__days=2
    )
    origin = school(region, MAASTRICHT)
    PledgeFactory(campaign_course=cc, organisation=origin)
    UnnamedPledgeFactory(campaign_course=cc, organisation=origin, count=2)

    travel = campaign_progress(campaign=cc.campaign)[0].travel

    central = trip(tuple(map(float, MAASTRICHT)), cc.course.coordinates)
    local = trip(tuple(map(float, MAASTRICHT)), tuple(map(float, HEERLEN)))
    assert (travel.venue, travel.people, travel.round_trips) == (heerlen, 3, 6)
    expected_hours = (
        Decimal(str(central.round_trip_hours)) * 6 - Decimal(str(local.round_trip_hours)) * 6
    )
    assert abs(travel.hours_saved - expected_hours) < Decimal("0.11")
    assert travel.cost_saved == (central.round_trip_cost - local.round_trip_cost) * 6


def test_progress_per_subregion_says_how_many_more_are_needed_there():
    region = RegionFactory()
    parkstad = SubregionFactory(region=region, name="Parkstad")
    SubregionFactory(region=region, name="Westelijke Mijnstreek")
    cc = CampaignCourseFactory(campaign__region=region, course__min_participants=10)
    for _ in range(7):
        PledgeFactory(campaign_course=cc, organisation=school(region, HEERLEN, parkstad))
    PledgeFactory(campaign_course=cc)  # no school: counted, not placed

    progress = campaign_progress(campaign=cc.campaign)[0]

    assert [(s.name, s.pledges, s.needed) for s in progress.subregions] == [
        ("Parkstad", 7, 3),
        ("Westelijke Mijnstreek", 0, 10),
    ]
    assert (progress.total, progress.needed, progress.unplaced) == (8, 2, 1)


def test_progress_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    region = RegionFactory()
    venue = with_machine(school(region, HEERLEN))
    campaign = CampaignCourseFactory(campaign__region=region).campaign
    for _ in range(5):
        cc = CampaignCourseFactory(campaign=campaign, course__equipment=["cnc_mill"])
        PledgeFactory.create_batch(3, campaign_course=cc, organisation=venue)

    with django_assert_max_num_queries(6):
        progress = campaign_progress(campaign=campaign)

    assert len(progress) == 6


def test_the_campaign_total_counts_tipped_courses_only():
    region = RegionFactory()
    with_machine(school(region, HEERLEN))
    origin = school(region, MAASTRICHT)
    tipped = CampaignCourseFactory(
        campaign__region=region, course__equipment=["cnc_mill"], tipped_at="2026-11-01T10:00Z"
    )
    waiting = CampaignCourseFactory(campaign=tipped.campaign, course__equipment=["cnc_mill"])
    for cc in (tipped, waiting):
        PledgeFactory(campaign_course=cc, organisation=origin)

    progress = campaign_progress(campaign=tipped.campaign)
    totals = campaign_totals(progress)

    by_course = {p.campaign_course: p for p in progress}
    assert totals.travel_hours_saved == by_course[tipped].travel.hours_saved
    assert (totals.pledges, totals.courses_tipped, totals.courses_open) == (2, 1, 1)


def test_the_contract_selectors_count_named_and_unnamed_pledges():
    region = RegionFactory()
    origin = school(region, MAASTRICHT)
    cc = CampaignCourseFactory(campaign__region=region)
    PledgeFactory(campaign_course=cc, organisation=origin)
    PledgeFactory(campaign_course=cc, organisation=origin, withdrawn_at="2026-11-01T10:00Z")
    UnnamedPledgeFactory(campaign_course=cc, organisation=origin, count=3)
    CampaignCourseFactory()  # another region

    summary = demand_summary(region=region, start=date(2000, 1, 1), end=date(2100, 1, 1))
    by_school = pledges_by_organisation(region=region, start=date(2000, 1, 1), end=date(2100, 1, 1))
    outside = demand_summary(region=region, start=date(2000, 1, 1), end=date(2000, 2, 1))

    assert summary == {
        "pledges": 4,
        "courses_tipped": 0,
        "courses_open": 1,
        "travel_hours_saved": Decimal("0"),
    }
    assert by_school == {origin.pk: 4}
    assert outside["pledges"] == 0
