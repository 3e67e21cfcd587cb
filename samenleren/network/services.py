"""Writes to the regional network. Each function is one transaction and leaves an audit trail."""

from django.db import transaction
from django.utils import timezone

from samenleren.accounts.models import User
from samenleren.core.services import audit_log

from .models import (
    Affiliation,
    Function,
    Lab,
    Organisation,
    Profile,
    Region,
    Role,
    RoleAssignment,
    StoFunction,
)


@transaction.atomic
def organisation_save(
    *,
    actor: User,
    organisation: Organisation,
    profiles: list[Profile] | None = None,
    sto_functions: list[str] | None = None,
) -> Organisation:
    """Create or update an organisation with its profiles and the functions it counts as STO."""
    created = organisation.pk is None
    organisation.full_clean()
    organisation.save()
    if profiles is not None:
        organisation.profiles.set(profiles)
    if sto_functions is not None:
        organisation_sto_functions_set(organisation=organisation, functions=sto_functions)
    audit_log(
        actor=actor,
        action="organisation.create" if created else "organisation.update",
        target=organisation,
    )
    return organisation


def organisation_sto_functions_set(*, organisation: Organisation, functions: list[str]) -> None:
    wanted = set(functions) & set(Function.values)
    StoFunction.objects.filter(organisation=organisation).exclude(function__in=wanted).delete()
    existing = set(
        StoFunction.objects.filter(organisation=organisation).values_list("function", flat=True)
    )
    StoFunction.objects.bulk_create(
        [StoFunction(organisation=organisation, function=f) for f in sorted(wanted - existing)]
    )


@transaction.atomic
def lab_save(*, actor: User, lab: Lab) -> Lab:
    created = lab.pk is None
    lab.full_clean()
    lab.save()
    audit_log(actor=actor, action="lab.create" if created else "lab.update", target=lab)
    return lab


@transaction.atomic
def lab_delete(*, actor: User, lab: Lab) -> None:
    audit_log(actor=actor, action="lab.delete", target=lab)
    lab.delete()


@transaction.atomic
def role_assign(
    *,
    actor: User | None,
    person: User,
    role: str,
    organisation: Organisation | None = None,
    region: Region | None = None,
) -> RoleAssignment:
    assignment = RoleAssignment(person=person, role=role, organisation=organisation, region=region)
    assignment.full_clean()
    assignment, _ = RoleAssignment.objects.get_or_create(
        person=person, role=role, organisation=organisation, region=region
    )
    audit_log(
        actor=actor,
        action="role.assign",
        target=person,
        role=role,
        organisation=organisation.pk if organisation else None,
        region=region.pk if region else None,
    )
    return assignment


@transaction.atomic
def role_remove(*, actor: User, assignment: RoleAssignment) -> None:
    audit_log(actor=actor, action="role.remove", target=assignment.person, role=assignment.role)
    assignment.delete()


def role_scope_for(role: str) -> str:
    """'organisation' or 'region': what a role is scoped to."""
    return "region" if role in {Role.COORDINATOR, Role.STEERING} else "organisation"


@transaction.atomic
def affiliation_add(
    *,
    person: User,
    organisation: Organisation,
    function: str,
    profiles: list[Profile] | None = None,
    subjects: str = "",
) -> Affiliation:
    """Start (or update) the person's current affiliation with an organisation."""
    affiliation, _ = Affiliation.objects.update_or_create(
        person=person,
        organisation=organisation,
        ended_on__isnull=True,
        defaults={"function": function, "subjects": subjects},
        create_defaults={
            "function": function,
            "subjects": subjects,
            "is_primary": not person.affiliations.filter(ended_on__isnull=True).exists(),
        },
    )
    if profiles is not None:
        affiliation.profiles.set(profiles)
    return affiliation


@transaction.atomic
def affiliation_end(*, person: User, affiliation_id: int) -> bool:
    """The person left the organisation: kept for history, no longer current."""
    return bool(
        Affiliation.objects.filter(pk=affiliation_id, person=person, ended_on__isnull=True).update(
            ended_on=timezone.localdate(), is_primary=False
        )
    )
