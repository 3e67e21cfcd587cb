"""The yearly report's school pages: each school's own figures, as its school view shows them,
from a fixed number of queries however many schools the region has."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samenleren.activities.models import ActivityKind, RegistrationStatus
from samenleren.activities.tests.factories import RegistrationFactory
from samenleren.insights.exports import table_rows
from samenleren.insights.report import SCHOOL_TABLES, build_report, school_pages
from samenleren.insights.selectors.figures import dashboard_tables
from samenleren.insights.selectors.period import ReportFilter
from samenleren.learning.tests.factories import ModuleFactory, completed
from samenleren.network.models import Function, OrganisationKind, StoFunction
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    SubregionFactory,
)

from .factories import EvaluationFactory, participants, past_activity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def region():
    """Four schools that each look different, and one that took part only long ago."""
    region = RegionFactory(name="Zuid-Limburg")
    parkstad = SubregionFactory(region=region, name="Parkstad")
    college = OrganisationFactory(
        region=region, name="Grotius College", staff_count=120, subregion=parkstad
    )
    StoFunction.objects.bulk_create([StoFunction(organisation=college, function=Function.TEACHER)])
    linde = OrganisationFactory(
        region=region, name="Basisschool De Linde", kind=OrganisationKind.PO, subregion=parkstad
    )
    stjans = OrganisationFactory(region=region, name="Sint-Janscollege", staff_count=80)
    mbo = OrganisationFactory(
        region=region, name="Vista college", kind=OrganisationKind.MBO, staff_count=300
    )
    OrganisationFactory(region=region, name="Techniekfabriek", kind=OrganisationKind.COMPANY)

    training = past_activity(region=region, title="Lasersnijden", hours="3")
    meeting = past_activity(
        region=region, title="Netwerk W&T", hours="2", kind=ActivityKind.NETWORK_MEETING
    )
    earlier = past_activity(
        region=region, title="Vorig jaar", days_ago=800, kind=ActivityKind.VISIT
    )

    teachers = participants(activity=training, organisation=college, count=8, present=6)
    participants(activity=training, organisation=college, count=5, present=5, function=Function.TOA)
    for registration in teachers[:4]:  # four of them also came last year and to the meeting
        RegistrationFactory(
            activity=earlier,
            person=registration.person,
            organisation=college,
            function=Function.TEACHER,
        )
        RegistrationFactory(
            activity=meeting,
            person=registration.person,
            organisation=college,
            function=Function.TEACHER,
        )
    RegistrationFactory(  # waiting: not counted
        activity=meeting,
        organisation=college,
        function=Function.TEACHER,
        status=RegistrationStatus.WAITLISTED,
    )
    participants(activity=training, organisation=linde, count=2, present=2)
    mentors = participants(
        activity=meeting, organisation=stjans, count=6, present=6, function=Function.MENTOR
    )
    participants(activity=meeting, organisation=stjans, count=3, present=1, function="")
    vista = participants(activity=training, organisation=mbo, count=9, present=7)
    participants(activity=meeting, organisation=mbo, count=4, present=4, function=Function.OTHER)
    participants(activity=training, organisation=None, count=3, present=3)

    for registration, rating in zip(teachers[:6], [5, 5, 4, 4, 3, 4], strict=True):
        EvaluationFactory(registration=registration, rating=rating)
    for registration in mentors[:5]:
        EvaluationFactory(registration=registration, rating=2)
    for registration in vista[:7]:
        EvaluationFactory(registration=registration, rating=5)

    module = ModuleFactory(region=region, study_hours=Decimal("1.5"))
    for _n in range(5):
        completed(AffiliationFactory(organisation=college).person, module)
    both = AffiliationFactory(organisation=college).person  # works at two schools
    AffiliationFactory(organisation=stjans, person=both)
    completed(both, ModuleFactory(region=region, study_hours=Decimal("4")))
    for _n in range(6):
        completed(AffiliationFactory(organisation=stjans).person, module)
    return region


def _pages(f: ReportFilter) -> dict[str, dict]:
    return {
        organisation.name: tables
        for organisation, tables in school_pages(f=f, region_tables=dashboard_tables(f))
    }


def test_there_is_a_page_per_school_that_took_part_with_the_school_tables(region):
    pages = school_pages(
        f=ReportFilter.school_year(region=region),
        region_tables=dashboard_tables(ReportFilter.school_year(region=region)),
    )

    assert [organisation.name for organisation, _tables in pages] == [
        "Basisschool De Linde",
        "Grotius College",
        "Sint-Janscollege",
        "Vista college",
    ]
    assert [list(tables) for _organisation, tables in pages] == [list(SCHOOL_TABLES)] * 4


def test_each_page_has_the_schools_own_key_figures(region):
    pages = _pages(ReportFilter.school_year(region=region))

    assert {name: table_rows(tables["key_figures"])[1:] for name, tables in pages.items()} == {
        "Basisschool De Linde": [
            ["People reached", "< 5"],
            ["New this period", "< 5"],
            # Registrations and hours of a small group can be five or more: "hidden", not "< 5".
            ["Registrations", "hidden"],
            # Hidden: it is the hours table's total, which would give the hidden hours away.
            ["Participant hours", "hidden"],
            ["Activities", "2"],
            ["Average evaluation score", "–"],
        ],
        "Grotius College": [
            ["People reached", "13"],
            ["New this period", "9"],
            ["Registrations", "17"],
            ["Participant hours", "44.5"],
            ["Activities", "2"],
            ["Average evaluation score", "4.2"],
        ],
        "Sint-Janscollege": [
            ["People reached", "9"],
            ["New this period", "9"],
            ["Registrations", "9"],
            ["Participant hours", "27"],
            ["Activities", "2"],
            ["Average evaluation score", "2.0"],
        ],
        "Vista college": [
            ["People reached", "13"],
            ["New this period", "13"],
            ["Registrations", "13"],
            ["Participant hours", "29"],
            ["Activities", "2"],
            ["Average evaluation score", "5.0"],
        ],
    }


def _shown(table) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table_rows(table)[1:]}


def test_each_page_splits_the_schools_reach_by_function(region):
    pages = _pages(ReportFilter.school_year(region=region))
    grotius = _shown(pages["Grotius College"]["reach_function"])
    sint_jans = _shown(pages["Sint-Janscollege"]["reach_function"])
    vista = _shown(pages["Vista college"]["reach_function"])

    assert table_rows(pages["Grotius College"]["reach_function"])[0] == [
        "Function",
        "People",
        "Registrations",
        "Attended",
        "New this period",
        "STO staff",
        "Other staff",
        "STO not determined",
    ]
    # Four teachers came before (not new); the TOA's new (5) is hidden so 4 cannot be derived,
    # and it reads "hidden": "< 5" would be false.
    assert grotius["Teacher"] == ["8", "12", "6", "< 5", "8", "0", "0"]
    assert grotius["Technical assistant (TOA)"] == ["5", "5", "5", "hidden", "0", "5", "0"]
    assert grotius["Total"] == ["13", "17", "11", "9", "8", "5", "0"]
    assert "Function not given" not in grotius
    assert _shown(pages["Basisschool De Linde"]["reach_function"])["Total"] == (
        ["< 5", "hidden", "< 5", "< 5", "0", "0", "< 5"]
    )
    # Six mentors, hidden as the second cell beside the three without a function.
    assert sint_jans["Mentor"] == ["hidden", "hidden", "hidden", "hidden", "0", "0", "hidden"]
    assert sint_jans["Function not given"] == ["< 5", "hidden", "< 5", "< 5", "0", "0", "< 5"]
    assert sint_jans["Total"] == ["9", "9", "7", "9", "0", "0", "9"]
    assert vista["Teacher"] == ["hidden", "hidden", "hidden", "hidden", "0", "0", "hidden"]
    assert vista["Other"] == ["< 5", "hidden", "< 5", "< 5", "0", "0", "< 5"]
    assert vista["Total"] == ["13", "13", "11", "13", "0", "0", "13"]
    # Behind "< 5" and "hidden" each school still has its own figures.
    assert [
        (row["name"], row["people"], row["attended"])
        for name in ("Sint-Janscollege", "Vista college")
        for row in pages[name]["reach_function"].rows
        if row["people"]
    ] == [
        ("Mentor", 6, 6),
        ("Function not given", 3, 1),
        ("Teacher", 9, 7),
        ("Other", 4, 4),
    ]


def test_each_page_has_the_schools_kinds_hours_and_evaluations(region):
    pages = _pages(ReportFilter.school_year(region=region))

    # Activities, sessions and hours offered are the region's; people and hours the school's.
    assert _shown(pages["Grotius College"]["activity_kinds"])["Total"] == (
        ["2", "2", "5", "13", "17", "33"]
    )
    assert _shown(pages["Sint-Janscollege"]["activity_kinds"])["Training"] == (
        ["1", "1", "3", "0", "0", "0"]
    )
    assert _shown(pages["Sint-Janscollege"]["activity_kinds"])["Network meeting"] == (
        ["1", "1", "2", "9", "9", "14"]
    )
    assert _shown(pages["Vista college"]["activity_kinds"])["Total"] == (
        ["2", "2", "5", "13", "13", "29"]
    )
    assert [
        (row["name"], row["people"], row["registrations"], row["hours"])
        for name in ("Grotius College", "Vista college")
        for row in pages[name]["activity_kinds"].rows[:2]
    ] == [
        ("Training", 13, 13, Decimal("33")),
        ("Network meeting", 4, 4, Decimal("0")),
        ("Training", 9, 9, Decimal("21")),
        ("Network meeting", 4, 4, Decimal("8")),
    ]
    assert table_rows(pages["Grotius College"]["hours"]) == [
        ["Source", "People", "Participant hours"],
        ["Activities (sessions attended)", "11", "33"],
        ["E-learning (modules completed)", "6", "11.5"],
        ["Total", "–", "44.5"],
    ]
    # Someone working at both colleges counts at each (4 hours, in 11.5 and in 13).
    assert table_rows(pages["Sint-Janscollege"]["hours"])[1:] == [
        ["Activities (sessions attended)", "7", "14"],
        ["E-learning (modules completed)", "7", "13"],
        ["Total", "–", "27"],
    ]
    assert table_rows(pages["Basisschool De Linde"]["hours"])[1:] == [
        ["Activities (sessions attended)", "< 5", "hidden"],
        ["E-learning (modules completed)", "0", "0"],
        # 6 minus the 0 shown would be the hidden hours of activities.
        ["Total", "–", "hidden"],
    ]
    assert table_rows(pages["Vista college"]["hours"])[1:] == [
        ["Activities (sessions attended)", "11", "29"],
        ["E-learning (modules completed)", "0", "0"],
        ["Total", "–", "29"],
    ]
    assert [
        (name, _shown(tables["evaluations"])["Training"], _shown(tables["evaluations"])["Total"])
        for name, tables in pages.items()
    ] == [
        ("Basisschool De Linde", ["0", "–"], ["0", "–"]),
        ("Grotius College", ["6", "4.2"], ["6", "4.2"]),
        ("Sint-Janscollege", ["0", "–"], ["5", "2.0"]),
        ("Vista college", ["7", "5.0"], ["7", "5.0"]),
    ]


@pytest.mark.parametrize(
    "narrow",
    [
        {},
        {"subregion": "Parkstad"},
        {"kind": ActivityKind.NETWORK_MEETING},
        {"start": date(2023, 8, 1), "end": date(2099, 7, 31)},
    ],
    ids=["school-year", "subregion", "kind", "long-period"],
)
def test_every_page_shows_what_the_schools_own_view_shows(region, narrow):
    """The school pages agree with the school view (dashboard_tables for one school), figure
    for figure and cell for cell, for each kind of filter."""
    subregion = region.subregions.get() if "subregion" in narrow else None
    f = replace(ReportFilter.school_year(region=region), **{**narrow, "subregion": subregion})
    pages = school_pages(f=f, region_tables=dashboard_tables(f))
    own_views = [
        (
            organisation,
            dashboard_tables(replace(f, organisation=organisation, subregion=None)),
        )
        for organisation, _tables in pages
    ]

    assert len(pages) > 0
    assert [
        (
            organisation.pk,
            key,
            table.title,
            table.note,
            table.rows,
            table.total,
            table.hidden,
            table.small,
        )
        for organisation, tables in pages
        for key, table in tables.items()
    ] == [
        (
            organisation.pk,
            key,
            own[key].title,
            own[key].note,
            own[key].rows,
            own[key].total,
            own[key].hidden,
            own[key].small,
        )
        for organisation, own in own_views
        for key in SCHOOL_TABLES
    ]
    assert [table_rows(t) for _o, tables in pages for t in tables.values()] == [
        table_rows(own[key]) for _o, own in own_views for key in SCHOOL_TABLES
    ]


def _region_with_schools(n: int):
    region = RegionFactory()
    training = past_activity(region=region)
    meeting = past_activity(region=region, kind=ActivityKind.NETWORK_MEETING)
    module = ModuleFactory(region=region)
    for index in range(n):
        school = OrganisationFactory(region=region, staff_count=40 + index)
        StoFunction.objects.bulk_create(
            [StoFunction(organisation=school, function=Function.TEACHER)]
        )
        for registration in participants(
            activity=training, organisation=school, count=3, present=2
        ):
            EvaluationFactory(registration=registration, rating=4)
        participants(activity=meeting, organisation=school, count=2, present=1, function="")
        completed(AffiliationFactory(organisation=school).person, module)
    return region


def test_the_reports_queries_do_not_grow_with_the_number_of_schools():
    two = ReportFilter.school_year(region=_region_with_schools(2))
    six = ReportFilter.school_year(region=_region_with_schools(6))

    with CaptureQueriesContext(connection) as for_two:
        build_report(two, text="", language="en")
    with CaptureQueriesContext(connection) as for_six:
        build_report(six, text="", language="en")

    assert len(school_pages(f=six, region_tables=dashboard_tables(six))) == 6
    assert len(for_six.captured_queries) == len(for_two.captured_queries)
