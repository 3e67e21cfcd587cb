"""The other apps' real contract selectors, wired in (schools is left out while its tables have
no migration in this tree)."""

import pytest
from django.utils import translation

from samenleren.insights.selectors import contracts
from samenleren.insights.selectors.figures import dashboard_tables
from samenleren.insights.selectors.period import ReportFilter
from samenleren.insights.selectors.portfolio import development_of, personal_data
from samenleren.network.tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real(monkeypatch):
    monkeypatch.setattr(
        contracts,
        "contract",
        lambda app, name: None if app == "schools" else contracts.find(app, name),
    )


def test_learning_demand_and_community_figures_appear(real):
    school = OrganisationFactory()
    AffiliationFactory(organisation=school)
    with translation.override("en"):
        tables = dashboard_tables(ReportFilter.school_year(region=school.region))

    assert [r["name"] for r in tables["hours"].rows] == [
        "Activities (sessions attended)",
        "E-learning (modules completed)",
    ]
    assert tables["demand"].value("Pledges for courses", "value") == 0
    assert tables["open_questions"].total["questions"] == 0


def test_the_portfolio_reads_learning_and_community(real):
    person = AffiliationFactory().person
    mine = development_of(person=person)

    assert (mine.modules, mine.badges, mine.questions, mine.networks) == ([], [], [], [])
    data = personal_data(person=person)
    assert data["learning"] == {"completions": [], "modules_in_progress": [], "badges": []}
    assert data["community"] == {"questions": [], "networks": []}
