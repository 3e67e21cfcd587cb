from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from samenleren.activities.models import ActivityKind
from samenleren.activities.tests.factories import RegistrationFactory
from samenleren.community.models import Question
from samenleren.community.tests.factories import QuestionFactory
from samenleren.demand.tests.factories import (
    CampaignCourseFactory,
    PledgeFactory,
    UnnamedPledgeFactory,
)
from samenleren.insights.selectors.figures import dashboard_tables
from samenleren.insights.selectors.period import ReportFilter, school_year_bounds, school_year_of
from samenleren.insights.selectors.tables import HIDDEN
from samenleren.learning.tests.factories import ModuleFactory, completed
from samenleren.network.models import Function, OrganisationKind, StoFunction
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    EquipmentSkillFactory,
    OrganisationFactory,
    RegionFactory,
    SubregionFactory,
)
from samenleren.schools.models import IntakeStatus
from samenleren.schools.tests.factories import IntakeFactory

from .factories import EvaluationFactory, participants, past_activity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_school_year_runs_from_august_to_july():
    assert school_year_of(date(2026, 7, 31)) == 2025
    assert school_year_of(date(2026, 8, 1)) == 2026
    assert school_year_bounds(2025) == (date(2025, 8, 1), date(2026, 7, 31))


@pytest.fixture
def region_with_data():
    region = RegionFactory(name="Zuid-Limburg")
    parkstad = SubregionFactory(region=region, name="Parkstad")
    college = OrganisationFactory(
        region=region, name="Grotius College", staff_count=120, subregion=parkstad
    )
    StoFunction.objects.bulk_create([StoFunction(organisation=college, function=Function.TEACHER)])
    small = OrganisationFactory(
        region=region, name="Basisschool De Linde", kind=OrganisationKind.PO
    )
    training = past_activity(region=region, title="Lasersnijden", hours="3")
    participants(activity=training, organisation=college, count=8, present=6)
    participants(activity=training, organisation=college, count=5, present=5, function=Function.TOA)
    participants(activity=training, organisation=small, count=2, present=2)
    other = OrganisationFactory(region=region, name="Sint-Janscollege")
    participants(activity=training, organisation=other, count=6, present=6)
    return region, college, small, training


def test_reach_per_organisation_counts_people_attendance_sto_and_share(region_with_data):
    region, _college, _small, _training = region_with_data
    table = dashboard_tables(ReportFilter.school_year(region=region))["reach_organisation"]

    assert table.value("Grotius College", "people") == 13
    assert table.value("Grotius College", "attended") == 11
    assert table.value("Grotius College", "sto") == 8
    assert table.value("Grotius College", "others") == 5
    assert table.value("Grotius College", "undetermined") == 0
    assert table.value("Grotius College", "share") == 11  # 13 of 120
    assert table.value("Basisschool De Linde", "people") == HIDDEN
    assert table.value("Basisschool De Linde", "undetermined") == HIDDEN
    # The one hidden school would follow from the total: the next smallest is hidden too.
    assert table.value("Sint-Janscollege", "people") == HIDDEN
    assert table.value("Sint-Janscollege", "registrations") == HIDDEN
    assert table.display_total[1].text == "21"


def test_people_with_an_earlier_registration_are_not_new(region_with_data):
    region, college, _small, _training = region_with_data
    earlier = past_activity(region=region, days_ago=800)
    old_hands = participants(activity=earlier, organisation=college, count=6)
    training = region_with_data[3]
    for registration in old_hands:  # the same people come back this year
        RegistrationFactory(
            activity=training,
            person=registration.person,
            organisation=college,
            function=Function.TEACHER,
        )
    table = dashboard_tables(ReportFilter.school_year(region=region))["reach_organisation"]

    assert table.value("Grotius College", "people") == 19
    assert table.value("Grotius College", "new") == 13


def test_the_filters_limit_by_period_subregion_and_kind(region_with_data):
    region, _college, _small, _training = region_with_data
    parkstad = region.subregions.get()
    meeting = past_activity(region=region, kind=ActivityKind.NETWORK_MEETING)
    participants(activity=meeting, organisation=region_with_data[1], count=5)

    only_parkstad = dashboard_tables(ReportFilter.school_year(region=region, subregion=parkstad))
    only_meetings = dashboard_tables(
        ReportFilter.school_year(region=region, kind=ActivityKind.NETWORK_MEETING)
    )
    last_year = dashboard_tables(
        ReportFilter(region=region, start=date(2000, 8, 1), end=date(2001, 7, 31))
    )

    assert only_parkstad["reach_organisation"].total["people"] == 18
    assert [r["name"] for r in only_parkstad["reach_organisation"].rows] == ["Grotius College"]
    assert only_meetings["reach_organisation"].total["people"] == 5
    assert last_year["reach_organisation"].total["people"] == 0


def test_hours_kinds_evaluations_and_no_show(region_with_data):
    region, _college, _small, training = region_with_data
    for registration in training.registrations.all()[:6]:
        EvaluationFactory(registration=registration, rating=4)
    tables = dashboard_tables(ReportFilter.school_year(region=region))

    assert tables["hours"].value("Activities (sessions attended)", "hours") == Decimal("57")
    assert tables["activity_kinds"].value("Training", "activities") == 1
    assert tables["evaluations"].value("Training", "average") == Decimal("4.0")
    assert tables["ratings"].value("4", "evaluations") == 6
    assert tables["no_show"].value("Training", "expected") == 21
    assert tables["no_show"].value("Training", "absent") == HIDDEN
    assert tables["no_show"].value("Training", "present") == HIDDEN
    assert tables["no_show"].value("Training", "rate") == 10


def test_reach_per_profile_uses_the_profiles_taught_at_that_school(region_with_data):
    region, college, _small, training = region_with_data
    from samenleren.network.models import Profile

    pie = Profile.objects.get_or_create(code="PIE")[0]
    for registration in training.registrations.filter(organisation=college)[:5]:
        AffiliationFactory(person=registration.person, organisation=college).profiles.add(pie)
    table = dashboard_tables(ReportFilter.school_year(region=region))["reach_profile"]

    assert table.value("PIE", "people") == 5
    assert table.value("BWI", "people") == 0


def _grow(region, organisation, n):
    for index in range(n):
        activity = past_activity(region=region, kind=ActivityKind.TRAINING, days_ago=5 + index)
        participants(activity=activity, organisation=organisation, count=3, present=2)


def test_the_number_of_queries_does_not_grow_with_the_data(django_assert_num_queries):
    region = RegionFactory()
    school = OrganisationFactory(region=region, staff_count=50)
    _grow(region, school, 2)
    with CaptureQueriesContext(connection) as small:
        dashboard_tables(ReportFilter.school_year(region=region))
    _grow(region, OrganisationFactory(region=region), 6)

    # A new filter object each time: a filter keeps the reach total it computed (memo).
    with django_assert_num_queries(len(small.captured_queries)):
        tables = dashboard_tables(ReportFilter.school_year(region=region))
    assert tables["reach_function"].total["people"] == 24
    assert tables["reach_organisation"].total["people"] == 24


def test_the_other_apps_figures_come_from_their_selectors(region_with_data):
    region, college, _small, _training = region_with_data
    # learning: two colleagues of the college completed a module this school year
    module = ModuleFactory(region=region, study_hours=Decimal("1.5"))
    for _n in range(2):
        completed(AffiliationFactory(organisation=college).person, module)
    # demand: a campaign of the region with 3 named pledges and 2 for colleagues
    course = CampaignCourseFactory(campaign__region=region)
    PledgeFactory.create_batch(3, campaign_course=course, organisation=college)
    UnnamedPledgeFactory(campaign_course=course, organisation=college, count=2)
    # schools: two questions (one answered) and a laser cutter only one person can use
    IntakeFactory(organisation=college)
    IntakeFactory(organisation=college, status=IntakeStatus.ANSWERED)
    laser = EquipmentFactory(lab__organisation=college)
    operator = AffiliationFactory(organisation=college).person
    EquipmentSkillFactory(equipment=laser, person=operator)
    # community: one open question of the college, asked 20 days ago
    question = QuestionFactory(region=region, organisation=college)
    Question.objects.filter(pk=question.pk).update(created_at=timezone.now() - timedelta(days=20))
    tables = dashboard_tables(ReportFilter.school_year(region=region))

    assert tables["hours"].value("E-learning (modules completed)", "hours") == HIDDEN
    assert tables["demand"].value("Pledges for courses", "value") == 5
    assert tables["demand"].value("Courses still collecting interest", "value") == 1
    assert tables["intakes"].total["intakes"] == 2
    assert tables["equipment_at_risk"].rows == [
        {
            "name": "Grotius College",
            "equipment": "Laser cutter",
            "operators": 1,
            "reason": "Only one person can use it.",
        }
    ]
    assert [r["questions"] for r in tables["open_questions"].rows] == [0, 1, 0, 0]
    assert tables["open_questions"].note == "The oldest open question has waited 20 days."


def test_every_block_is_there_in_order(region_with_data):
    tables = dashboard_tables(ReportFilter.school_year(region=region_with_data[0]))

    assert list(tables) == [
        "key_figures",
        "reach_organisation",
        "reach_board",
        "reach_subregion",
        "reach_level",
        "reach_function",
        "reach_profile",
        "activity_kinds",
        "hours",
        "evaluations",
        "ratings",
        "no_show",
        "demand",
        "open_questions",
        "intakes",
        "equipment_at_risk",
    ]
    assert [r["name"] for r in tables["hours"].rows] == [
        "Activities (sessions attended)",
        "E-learning (modules completed)",
    ]


def test_today_is_inside_the_default_period():
    region = RegionFactory()
    f = ReportFilter.school_year(region=region)

    assert f.start <= timezone.localdate() <= f.end
    assert f.end - f.start == timedelta(days=364) or f.end - f.start == timedelta(days=365)


def test_an_older_activity_of_the_same_kind_does_not_hide_this_years(region_with_data):
    """Counted per activity: before, the period's filter fell on the earliest session of the
    whole kind, so one training from years ago made this year's trainings count 0."""
    region, _college, _small, _training = region_with_data
    past_activity(region=region, kind=ActivityKind.TRAINING, days_ago=3 * 365)
    past_activity(region=region, kind=ActivityKind.TRAINING, days_ago=20)

    tables = dashboard_tables(ReportFilter.school_year(region=region))

    assert tables["activity_kinds"].value("Training", "activities") == 2
