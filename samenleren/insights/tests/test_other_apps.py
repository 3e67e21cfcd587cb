"""Mijn ontwikkeling and the personal-data export read learning, community and demand."""

from decimal import Decimal

import pytest

from samenleren.community.tests.factories import MembershipFactory, QuestionFactory
from samenleren.demand.tests.factories import PledgeFactory
from samenleren.insights.selectors.portfolio import development_of, personal_data
from samenleren.learning.services.badges import badge_issue
from samenleren.learning.tests.factories import (
    BadgeClassFactory,
    ModuleFactory,
    ModuleProgressFactory,
    completed,
)
from samenleren.network.tests.factories import AffiliationFactory

pytestmark = pytest.mark.django_db


def test_a_new_colleague_has_empty_lists_from_every_app():
    person = AffiliationFactory().person
    mine = development_of(person=person)

    assert (mine.modules, mine.badges, mine.questions, mine.networks) == ([], [], [], [])
    data = personal_data(person=person)
    assert data["learning"] == {"completions": [], "modules_in_progress": [], "badges": []}
    assert data["community"] == {"questions": [], "networks": []}
    assert data["demand"] == {"pledges": []}


def test_her_modules_badge_questions_networks_and_pledges_are_in_the_export():
    person = AffiliationFactory().person
    module = ModuleFactory(title="Veilig werken met de lasersnijder", study_hours=Decimal("2"))
    completed(person, module)
    badge_issue(badge=BadgeClassFactory(module=module, name="Lasersnijder basis"), person=person)
    ModuleProgressFactory(person=person, module=ModuleFactory(title="3D-printen"), percent=40)
    QuestionFactory(author=person, title="Wie heeft een lesbrief over solderen?")
    MembershipFactory(person=person, network__name="PIE-docenten Parkstad")
    PledgeFactory(person=person)

    mine = development_of(person=person)
    data = personal_data(person=person)

    assert mine.hours.elearning == Decimal("2")
    assert [c["title"] for c in data["learning"]["completions"]] == [
        "Veilig werken met de lasersnijder"
    ]
    assert data["learning"]["completions"][0]["study_hours"] == "2"
    assert [b["title"] for b in data["learning"]["badges"]] == ["Lasersnijder basis"]
    assert data["learning"]["modules_in_progress"] == [{"percent": 40, "module": "3D-printen"}]
    assert [q["title"] for q in data["community"]["questions"]] == [
        "Wie heeft een lesbrief over solderen?"
    ]
    assert [n["name"] for n in data["community"]["networks"]] == ["PIE-docenten Parkstad"]
    assert len(data["demand"]["pledges"]) == 1
