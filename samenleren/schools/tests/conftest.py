import pytest

from samenleren.accounts.tests.factories import UserFactory
from samenleren.network.models import EquipmentKind, Function, Role
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    LabFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests


@pytest.fixture
def school(db):
    """A school with a TechLab holding a laser cutter, a school contact, a TOA, a teacher and
    the region's coordinator."""
    region = RegionFactory()
    organisation = OrganisationFactory(region=region, name="Maasoever Vakcollege")
    lab = LabFactory(organisation=organisation, name="TechLab Maasoever")
    laser = EquipmentFactory(lab=lab, kind=EquipmentKind.LASER_CUTTER, brand="Trotec")
    contact = UserFactory(first_name="Marieke", last_name="Bemelmans")
    AffiliationFactory(person=contact, organisation=organisation, function=Function.TEAM_LEADER)
    RoleAssignmentFactory(person=contact, role=Role.SCHOOL_CONTACT, organisation=organisation)
    toa = AffiliationFactory(organisation=organisation, function=Function.TOA).person
    teacher = AffiliationFactory(organisation=organisation).person
    return {
        "region": region,
        "organisation": organisation,
        "lab": lab,
        "laser": laser,
        "contact": contact,
        "toa": toa,
        "teacher": teacher,
        "coordinator": coordinator_of(region),
        "outsider": UserFactory(),
    }
