"""Every role against every insights view."""

import pytest
from django.urls import reverse

from samenleren.insights.tests.factories import ReportRunFactory
from tests.test_permission_matrix import (
    LOGIN,
    NO,
    OK,
    ROLES,
    answers_by_role,
    expected_by_role,
)

pytestmark = pytest.mark.django_db

GONE = 404
#                     anon   part  c_own c_oth coord c_oth train partn steer super
SIGNED_IN = [LOGIN, OK, OK, OK, OK, OK, OK, OK, OK, OK]
REPORT_READERS = [LOGIN, NO, NO, NO, OK, OK, NO, NO, OK, NO]
REPORT_WRITERS = [LOGIN, NO, NO, NO, OK, OK, NO, NO, NO, NO]
OWN_REGION_RUN = [LOGIN, GONE, GONE, GONE, OK, GONE, GONE, GONE, OK, GONE]
OWN_SCHOOL = [LOGIN, NO, OK, NO, OK, NO, NO, NO, OK, NO]
CONTACTS = [LOGIN, NO, 302, 302, NO, NO, NO, NO, NO, NO]  # straight to the one school
API_REPORT = [401, 403, 403, 403, OK, OK, 403, 403, OK, 403]
API_SIGNED_IN = [401, OK, OK, OK, OK, OK, OK, OK, OK, OK]

VIEWS = {
    "dashboard": (lambda w: reverse("insights:dashboard"), REPORT_READERS),
    "export csv": (
        lambda w: reverse("insights:export", args=["reach_organisation", "csv"]),
        REPORT_READERS,
    ),
    "export all": (lambda w: reverse("insights:export_all"), REPORT_READERS),
    "yearly report": (lambda w: reverse("insights:report"), REPORT_READERS),
    "report run": (lambda w: reverse("insights:report_run", args=[w["run"].pk]), OWN_REGION_RUN),
    "school index": (lambda w: reverse("insights:school_index"), CONTACTS),
    "school view": (lambda w: reverse("insights:school", args=[w["school"].pk]), OWN_SCHOOL),
    "school export": (
        lambda w: reverse("insights:school_export", args=[w["school"].pk, "named", "csv"]),
        OWN_SCHOOL,
    ),
    "my development": (lambda w: reverse("insights:development"), SIGNED_IN),
    "development pdf": (lambda w: reverse("insights:development_pdf"), SIGNED_IN),
    "development json": (lambda w: reverse("insights:development_json"), SIGNED_IN),
    "api reach": (lambda w: "/api/v1/reports/reach", API_REPORT),
    "api portfolio": (lambda w: "/api/v1/me/portfolio", API_SIGNED_IN),
}


@pytest.fixture
def insights_world(world):
    world["run"] = ReportRunFactory(region=world["activity"].region)
    return world


@pytest.mark.parametrize("view", list(VIEWS))
def test_each_role_gets_exactly_the_expected_answer(client, insights_world, view):
    url_for, expected = VIEWS[view]

    assert answers_by_role(client, insights_world, url_for(insights_world)) == expected_by_role(
        expected
    )


def test_writing_the_report_is_for_coordinators_only(client, insights_world):
    answers = []
    for role in ROLES:
        client.logout()
        person = insights_world["people"][role]
        if person is not None:
            client.force_login(person)
        answers.append(
            client.post(reverse("insights:report"), {"action": "text", "text": "x"}).status_code
        )

    expected = [LOGIN, NO, NO, NO, 302, 302, NO, NO, NO, NO]
    assert dict(zip(ROLES, answers, strict=True)) == dict(zip(ROLES, expected, strict=True))
