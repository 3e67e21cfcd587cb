"""Reads of the regional network, and the access_* checks every view goes through."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from samenleren.accounts.models import User

from .models import (
    ImportJob,
    Lab,
    Organisation,
    Region,
    Role,
    RoleAssignment,
)


@dataclass(frozen=True)
class Roles:
    """What a person may do beyond taking part (which everyone may)."""

    coordinator_regions: frozenset[int] = frozenset()
    steering_regions: frozenset[int] = frozenset()
    contact_organisations: frozenset[int] = frozenset()
    trainer_organisations: frozenset[int] = frozenset()
    partner_organisations: frozenset[int] = frozenset()
    is_superuser: bool = False

    @property
    def is_coordinator(self) -> bool:
        return bool(self.coordinator_regions)

    @property
    def is_school_contact(self) -> bool:
        return bool(self.contact_organisations)

    @property
    def is_trainer(self) -> bool:
        return bool(self.trainer_organisations)

    @property
    def is_partner(self) -> bool:
        return bool(self.partner_organisations)

    @property
    def is_steering(self) -> bool:
        return bool(self.steering_regions)

    @property
    def report_regions(self) -> frozenset[int]:
        return self.coordinator_regions | self.steering_regions


ANONYMOUS_ROLES = Roles()


def roles_of(user) -> Roles:
    """The person's roles, read once per request and kept on the user object."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS_ROLES
    cached = getattr(user, "_samenleren_roles", None)
    if cached is not None:
        return cached
    by_role: dict[str, set[int]] = {role: set() for role in Role.values}
    for role, organisation_id, region_id in RoleAssignment.objects.filter(person=user).values_list(
        "role", "organisation_id", "region_id"
    ):
        by_role[role].add(organisation_id or region_id)
    roles = Roles(
        coordinator_regions=frozenset(by_role[Role.COORDINATOR]),
        steering_regions=frozenset(by_role[Role.STEERING]),
        contact_organisations=frozenset(by_role[Role.SCHOOL_CONTACT]),
        trainer_organisations=frozenset(by_role[Role.TRAINER]),
        partner_organisations=frozenset(by_role[Role.PARTNER]),
        is_superuser=user.is_superuser,
    )
    user._samenleren_roles = roles
    return roles


def requires_mfa(user) -> bool:
    """Coordinators and superusers hold the keys to many people's data."""
    roles = roles_of(user)
    return roles.is_coordinator or roles.is_superuser


# --- access_*: the only way views fetch protected objects -----------------------------------


def access_managed_region(*, user, slug: str | None = None) -> Region:
    """A region the user coordinates: the one named, or the first one."""
    roles = roles_of(user)
    if not roles.coordinator_regions:
        raise PermissionDenied
    regions = Region.objects.filter(pk__in=roles.coordinator_regions)
    region = regions.filter(slug=slug).first() if slug else regions.first()
    if region is None:
        raise Http404
    return region


def access_organisation(*, user, pk: int, edit: bool = False) -> Organisation:
    """Anyone signed in may see an organisation; its school contacts and the region's
    coordinators may edit it."""
    if not user.is_authenticated:
        raise PermissionDenied
    organisation = (
        Organisation.objects.select_related("region", "subregion", "board").filter(pk=pk).first()
    )
    if organisation is None:
        raise Http404
    if edit and not can_edit_organisation(user=user, organisation=organisation):
        raise PermissionDenied
    return organisation


def can_edit_organisation(*, user, organisation: Organisation) -> bool:
    roles = roles_of(user)
    return (
        organisation.region_id in roles.coordinator_regions
        or organisation.pk in roles.contact_organisations
    )


def access_lab(*, user, pk: int) -> Lab:
    lab = Lab.objects.select_related("organisation").filter(pk=pk).first()
    if lab is None:
        raise Http404
    if not can_edit_organisation(user=user, organisation=lab.organisation):
        raise PermissionDenied
    return lab


def access_person_for_management(*, user, pk: int, region: Region) -> User:
    """A person the coordinator may manage: affiliated in the region, or without organisation."""
    person = people_for_management(region=region).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def access_role_assignment(*, person: User, pk: int, region: Region) -> RoleAssignment | None:
    """One of the person's roles that the region's coordinators may take away: a role in the
    region or at one of its organisations. None for a role of another region."""
    assignment = (
        RoleAssignment.objects.select_related("organisation").filter(pk=pk, person=person).first()
    )
    if assignment is None:
        raise Http404
    in_region = assignment.region_id == region.pk or (
        assignment.organisation is not None and assignment.organisation.region_id == region.pk
    )
    return assignment if in_region else None


def school_contacts(*, organisation: Organisation) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.filter(
        organisation=organisation, role=Role.SCHOOL_CONTACT
    ).select_related("person")


def access_import_job(*, user, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(pk=pk, region_id__in=roles_of(user).coordinator_regions).first()
    if job is None:
        raise Http404
    return job


# --- lists -------------------------------------------------------------------------------------


def organisation_list(
    *,
    region: Region | None = None,
    search: str = "",
    kind: str = "",
    subregion_id: int | None = None,
    active_only: bool = False,
) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("region", "subregion", "board").prefetch_related(
        "profiles"
    )
    if region is not None:
        qs = qs.filter(region=region)
    if active_only:
        qs = qs.filter(is_active=True)
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(city__icontains=search)
            | Q(brin__iexact=search)
            | Q(board__name__icontains=search)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if subregion_id:
        qs = qs.filter(subregion_id=subregion_id)
    return qs.order_by("name")


def people_for_management(
    *,
    region: Region,
    search: str = "",
    organisation_id: int | None = None,
    function: str = "",
    role: str = "",
) -> QuerySet[User]:
    """People a coordinator of the region may see: those working in the region, those holding a
    role there, and those who signed up with an organisation not yet in the list."""
    in_region = (
        Q(affiliations__organisation__region=region, affiliations__ended_on__isnull=True)
        | Q(role_assignments__region=region)
        | Q(role_assignments__organisation__region=region)
        | (Q(affiliations__isnull=True) & ~Q(organisation_note=""))
    )
    qs = User.objects.filter(in_region)
    if search:
        for word in search.split():
            qs = qs.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
    if organisation_id:
        qs = qs.filter(
            affiliations__organisation_id=organisation_id, affiliations__ended_on__isnull=True
        )
    if function:
        qs = qs.filter(affiliations__function=function, affiliations__ended_on__isnull=True)
    if role:
        qs = qs.filter(role_assignments__role=role)
    ids = qs.values("pk")
    return (
        User.objects.filter(pk__in=ids)
        .prefetch_related("affiliations__organisation", "role_assignments")
        .order_by("last_name", "first_name")
    )


def region_overview(*, region: Region) -> dict:
    counts = Organisation.objects.filter(region=region).aggregate(
        organisations=Count("pk"),
        schools=Count("pk", filter=Q(kind__in=["po", "vo", "mbo"])),
        labs=Count("labs", distinct=True),
    )
    counts["people"] = people_for_management(region=region).count()
    return counts


def current_affiliations(*, user) -> QuerySet:
    return user.affiliations.filter(ended_on__isnull=True).select_related(
        "organisation", "organisation__region"
    )


def colleagues_for_contact(*, user) -> QuerySet:
    """Current affiliations at the schools the user is school contact of: the colleagues a
    school contact may register. Personal data stays within the own school."""
    from .models import Affiliation

    return (
        Affiliation.objects.filter(
            organisation_id__in=roles_of(user).contact_organisations, ended_on__isnull=True
        )
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__last_name", "person__first_name")
    )
