from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samenleren.network.models import EquipmentKind
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    EquipmentSkillFactory,
    LabFactory,
    OrganisationFactory,
)
from samenleren.schools.models import IntakeStatus, NeedStatus
from samenleren.schools.selectors import equipment_at_risk, intakes_by_status, intakes_of
from samenleren.schools.tests.factories import (
    DraftIntakeFactory,
    IntakeFactory,
    TrainingNeedFactory,
)

pytestmark = pytest.mark.django_db


def _operator(equipment, **affiliation):
    person = AffiliationFactory(organisation=equipment.lab.organisation, **affiliation).person
    EquipmentSkillFactory(person=person, equipment=equipment)
    return person


def test_a_machine_nobody_can_use_is_at_risk(school):
    (risk,) = equipment_at_risk(region=school["region"])

    assert (risk.equipment, risk.organisation, risk.operators) == (
        school["laser"],
        school["organisation"],
        0,
    )
    assert risk.reason == "Niemand op school heeft aangegeven ermee te kunnen werken."


def test_a_machine_one_person_can_use_is_at_risk(school):
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])

    (risk,) = equipment_at_risk(region=school["region"])

    assert (risk.operators, risk.reason) == (1, "Maar één persoon kan ermee werken.")


def test_two_operators_make_a_machine_safe(school):
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])
    EquipmentSkillFactory(person=school["teacher"], equipment=school["laser"])

    assert equipment_at_risk(region=school["region"]) == []


def test_an_operator_who_left_the_school_no_longer_counts(school):
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])
    leaver = _operator(school["laser"], ended_on=date(2026, 1, 31))

    (risk,) = equipment_at_risk(region=school["region"])

    assert risk.operators == 1
    assert [s.person for s in risk.leavers] == [leaver]
    assert risk.reason == "Maar één persoon kan ermee werken; de anderen zijn van school af."


def test_when_the_only_operators_leave_the_reason_says_so(school):
    _operator(school["laser"], ended_on=date(2026, 1, 31))
    moved = AffiliationFactory(organisation=OrganisationFactory(region=school["region"])).person
    EquipmentSkillFactory(person=moved, equipment=school["laser"])  # works elsewhere now

    (risk,) = equipment_at_risk(region=school["region"])

    assert (risk.operators, len(risk.leavers)) == (0, 2)
    assert risk.reason == "De 2 mensen die ermee konden werken, zijn van school af."


def test_at_risk_is_scoped_to_region_and_organisation(school):
    other = OrganisationFactory(region=school["region"])
    EquipmentFactory(lab=LabFactory(organisation=other), kind=EquipmentKind.VR_SET)
    EquipmentFactory(kind=EquipmentKind.ROBOT_ARM)  # another region

    in_region = equipment_at_risk(region=school["region"])
    at_school = equipment_at_risk(region=school["region"], organisation=school["organisation"])

    assert sorted(r.equipment.kind for r in in_region) == ["laser_cutter", "vr_set"]
    assert [r.equipment.kind for r in at_school] == ["laser_cutter"]


def test_the_open_training_question_is_attached(school):
    need = TrainingNeedFactory(equipment=school["laser"], status=NeedStatus.IN_PROGRESS)

    (risk,) = equipment_at_risk(region=school["region"])

    assert risk.need == need


def _count_queries(region) -> int:
    with CaptureQueriesContext(connection) as context:
        equipment_at_risk(region=region)
    return len(context.captured_queries)


def test_equipment_at_risk_takes_the_same_number_of_queries_however_much_data(school):
    before = _count_queries(school["region"])
    for _ in range(6):
        lab = LabFactory(organisation=OrganisationFactory(region=school["region"]))
        machine = EquipmentFactory(lab=lab)
        _operator(machine)
        _operator(machine, ended_on=date(2026, 1, 31))
        TrainingNeedFactory(equipment=machine)

    assert _count_queries(school["region"]) == before == 3


def test_intakes_by_status_counts_submitted_questions_only(school):
    organisation = school["organisation"]
    IntakeFactory(organisation=organisation)
    IntakeFactory(organisation=organisation, status=IntakeStatus.ANSWERED)
    IntakeFactory(organisation=OrganisationFactory(region=school["region"]))
    DraftIntakeFactory(organisation=organisation)

    assert intakes_by_status(region=school["region"]) == {
        "new": 2,
        "in_conversation": 0,
        "worked_out": 0,
        "answered": 1,
        "closed": 0,
    }
    assert intakes_by_status(region=school["region"], organisation=organisation)["new"] == 1


def test_intakes_of_leaves_drafts_out(school):
    intake = IntakeFactory(organisation=school["organisation"])
    DraftIntakeFactory(organisation=school["organisation"])

    assert list(intakes_of(organisation=school["organisation"])) == [intake]
