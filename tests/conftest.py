"""Fixtures for the project-wide tests: the permission matrices of every capability share one
world of people in every role (each matrix extends it with its own objects)."""

import pytest

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.services.certificates import certificates_issue
from samenleren.activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    RegistrationFactory,
)
from samenleren.network.models import ImportJob, Role
from samenleren.network.tests.factories import (
    AffiliationFactory,
    LabFactory,
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)


@pytest.fixture
def world(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests
    region, other_region = RegionFactory(), RegionFactory()
    school = OrganisationFactory(region=region)
    other_school = OrganisationFactory(region=region)
    company = OrganisationFactory(region=region, kind="company", brin="")
    teacher = AffiliationFactory(organisation=school).person
    people = {
        "anonymous": None,
        "participant": teacher,
        "contact_own": RoleAssignmentFactory(organisation=school).person,
        "contact_other": RoleAssignmentFactory(organisation=other_school).person,
        "coordinator": coordinator_of(region),
        "coordinator_other_region": coordinator_of(other_region),
        "trainer": RoleAssignmentFactory(role=Role.TRAINER, organisation=company).person,
        "partner": RoleAssignmentFactory(role=Role.PARTNER, organisation=company).person,
        "steering": RoleAssignmentFactory(
            role=Role.STEERING, organisation=None, region=region
        ).person,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    trainer = people["trainer"]
    activity = ActivityFactory(region=region, sessions=1)
    activity.trainers.add(trainer)
    session = activity.sessions.get()
    registration = RegistrationFactory(activity=activity, person=teacher)
    AttendanceFactory(registration=registration, session=session)
    certificates_issue(activity=activity)
    return {
        "activity": activity,
        "session": session,
        "registration": registration,
        "certificate": registration.certificate,
        "people": people,
        "school": school,
        "teacher": teacher,
        "lab": LabFactory(organisation=school),
        "job": ImportJob.objects.create(region=region, kind="people", filename="x.csv"),
    }
