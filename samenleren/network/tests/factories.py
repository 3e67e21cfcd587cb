from decimal import Decimal

import factory

from samenleren.accounts.tests.factories import UserFactory
from samenleren.network.models import (
    Affiliation,
    Board,
    Equipment,
    EquipmentKind,
    EquipmentSkill,
    Function,
    Lab,
    LabKind,
    Organisation,
    OrganisationKind,
    Region,
    Role,
    RoleAssignment,
    SkillLevel,
    Subregion,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class SubregionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subregion

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Subregio {n}")


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Stichting Onderwijs {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Techniekcollege {n}")
    kind = OrganisationKind.VO
    brin = factory.Sequence(
        lambda n: f"{10 + n % 90:02d}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
    )
    postcode = "6211 AB"
    city = "Maastricht"
    latitude = Decimal("50.85130")
    longitude = Decimal("5.69090")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = Function.TEACHER


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(UserFactory)
    role = Role.SCHOOL_CONTACT
    organisation = factory.SubFactory(OrganisationFactory)
    region = None


class LabFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lab

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"TechLab {n}")
    kind = LabKind.TECHLAB


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    lab = factory.SubFactory(LabFactory)
    kind = EquipmentKind.LASER_CUTTER


class EquipmentSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentSkill

    person = factory.SubFactory(UserFactory)
    equipment = factory.SubFactory(EquipmentFactory)
    level = SkillLevel.USE


def coordinator_of(region: Region, **kwargs):
    """A person who coordinates the region."""
    person = UserFactory(**kwargs)
    RoleAssignmentFactory(person=person, role=Role.COORDINATOR, organisation=None, region=region)
    return person
