"""Reads of the school intake and the TechLabs, and the access_* checks the views go through.

Who sees what:
- a school's people (a current affiliation), its school contacts and the region's coordinators
  see its labs' equipment and who can use it (the bus factor is about colleagues, so names stay
  within the school and its coordinators);
- school questions (intakes) are for the school contacts and the region's coordinators;
- the lab finder and the tour planner show labs and machines, no people.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from samenleren.network.models import (
    Affiliation,
    Equipment,
    EquipmentKind,
    EquipmentSkill,
    Lab,
    Organisation,
    Region,
    Role,
    RoleAssignment,
    SkillLevel,
)
from samenleren.network.selectors import access_managed_region, can_edit_organisation, roles_of
from samenleren.network.travel import coordinates_of, travel_minutes

from .models import (
    SUBMITTED,
    Intake,
    IntakeStatus,
    NeedStatus,
    SchoolDetails,
    TrainingNeed,
    Visit,
)

NO_SCHOOL = gettext_lazy(
    "Add your organisation to your profile first: travel times start at your school."
)

# --- who is who --------------------------------------------------------------------------------


def works_at(*, user, organisation_id: int) -> bool:
    """A current affiliation (not ended) at the organisation."""
    if not user.is_authenticated:
        return False
    return Affiliation.objects.filter(
        person=user, organisation_id=organisation_id, ended_on__isnull=True
    ).exists()


def is_contact_of(*, user, organisation: Organisation) -> bool:
    return organisation.pk in roles_of(user).contact_organisations


def is_coordinator_for(*, user, organisation: Organisation) -> bool:
    return organisation.region_id in roles_of(user).coordinator_regions


def sees_school_inside(*, user, organisation: Organisation) -> bool:
    """The school's own people, its contacts and the region's coordinators."""
    return (
        is_contact_of(user=user, organisation=organisation)
        or is_coordinator_for(user=user, organisation=organisation)
        or works_at(user=user, organisation_id=organisation.pk)
    )


def sees_intakes(*, user, organisation: Organisation) -> bool:
    return is_contact_of(user=user, organisation=organisation) or is_coordinator_for(
        user=user, organisation=organisation
    )


# --- access_* ------------------------------------------------------------------------------------


def _organisation(pk: int) -> Organisation:
    organisation = Organisation.objects.select_related("region").filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def access_school_details(*, user, pk: int) -> Organisation:
    """The school page's extra details: edited by its contacts and the region's coordinators."""
    if not user.is_authenticated:
        raise PermissionDenied
    organisation = _organisation(pk)
    if not can_edit_organisation(user=user, organisation=organisation):
        raise PermissionDenied
    return organisation


def access_school_inside(*, user, pk: int) -> Organisation:
    """A school whose equipment and operators the user may see."""
    if not user.is_authenticated:
        raise PermissionDenied
    organisation = _organisation(pk)
    if not sees_school_inside(user=user, organisation=organisation):
        raise PermissionDenied
    return organisation


def access_lab_register(*, user, pk: int) -> Lab:
    """A lab's equipment register: seen by the school's people, contacts and coordinators."""
    if not user.is_authenticated:
        raise PermissionDenied
    lab = Lab.objects.select_related("organisation", "organisation__region").filter(pk=pk).first()
    if lab is None:
        raise Http404
    if not sees_school_inside(user=user, organisation=lab.organisation):
        raise PermissionDenied
    return lab


def access_equipment(*, user, pk: int) -> Equipment:
    """A machine the user may edit or remove: the school's contacts and the coordinators."""
    if not user.is_authenticated:
        raise PermissionDenied
    equipment = (
        Equipment.objects.select_related("lab", "lab__organisation", "lab__organisation__region")
        .filter(pk=pk)
        .first()
    )
    if equipment is None:
        raise Http404
    if not can_edit_organisation(user=user, organisation=equipment.lab.organisation):
        raise PermissionDenied
    return equipment


def access_skill(*, user, pk: int) -> EquipmentSkill:
    """A skill the user may withdraw: one's own, or (school contact) a colleague's."""
    if not user.is_authenticated:
        raise PermissionDenied
    skill = (
        EquipmentSkill.objects.select_related("equipment__lab__organisation", "person")
        .filter(pk=pk)
        .first()
    )
    if skill is None:
        raise Http404
    organisation = skill.equipment.lab.organisation
    if skill.person_id != user.pk and not is_contact_of(user=user, organisation=organisation):
        raise PermissionDenied
    return skill


def access_intake(*, user, pk: int, edit: bool = False) -> Intake:
    """A school question. Its school contacts see it and fill in the draft (`edit`); the
    region's coordinators see submitted questions. Drafts are nobody else's business."""
    if not user.is_authenticated:
        raise PermissionDenied
    intake = (
        Intake.objects.select_related("organisation", "organisation__region", "created_by")
        .filter(pk=pk)
        .first()
    )
    if intake is None:
        raise Http404
    organisation = intake.organisation
    contact = is_contact_of(user=user, organisation=organisation)
    if edit:
        if not contact:
            raise PermissionDenied
        if intake.status != IntakeStatus.DRAFT:
            raise Http404
        return intake
    if contact:
        return intake
    if is_coordinator_for(user=user, organisation=organisation):
        if intake.status == IntakeStatus.DRAFT:
            raise Http404
        return intake
    raise PermissionDenied


def access_intake_manage(*, user, pk: int) -> Intake:
    """A submitted question the user coordinates (status, visits, answers)."""
    if not user.is_authenticated:
        raise PermissionDenied
    intake = (
        Intake.objects.select_related("organisation", "organisation__region")
        .filter(pk=pk)
        .exclude(status=IntakeStatus.DRAFT)
        .first()
    )
    if intake is None:
        raise Http404
    if not is_coordinator_for(user=user, organisation=intake.organisation):
        raise PermissionDenied
    return intake


def access_school_manage(*, user, pk: int) -> Organisation:
    """A school of the coordinator's region (visits)."""
    if not user.is_authenticated:
        raise PermissionDenied
    organisation = _organisation(pk)
    if not is_coordinator_for(user=user, organisation=organisation):
        raise PermissionDenied
    return organisation


def access_visit_manage(*, user, pk: int) -> Visit:
    """A logged visit the user may edit or remove: the coordinators who may log visits to its
    school (the same rule as access_school_manage), not only the one who wrote it."""
    if not user.is_authenticated:
        raise PermissionDenied
    visit = (
        Visit.objects.select_related("organisation", "organisation__region", "author", "intake")
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    if not is_coordinator_for(user=user, organisation=visit.organisation):
        raise PermissionDenied
    return visit


def access_training_need(*, user, pk: int) -> TrainingNeed:
    need = (
        TrainingNeed.objects.select_related(
            "organisation", "organisation__region", "equipment", "equipment__lab", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if need is None:
        raise Http404
    if not is_coordinator_for(user=user, organisation=need.organisation):
        raise PermissionDenied
    return need


# --- the school page -----------------------------------------------------------------------------


def school_levels(*, organisation: Organisation) -> list[str]:
    details = SchoolDetails.objects.filter(organisation=organisation).first()
    return details.level_labels if details else []


def school_contacts_to_mail(*, organisation: Organisation) -> list:
    """The school's contacts who can get mail (active accounts), by name."""
    from samenleren.accounts.models import User

    return list(
        User.objects.filter(
            role_assignments__role=Role.SCHOOL_CONTACT,
            role_assignments__organisation=organisation,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def schools_for_intake(*, region: Region | int) -> QuerySet[Organisation]:
    """The region's organisations a coordinator can start a school question for, each with
    `has_contact`: whether someone will be mailed to complete it."""
    contacts = RoleAssignment.objects.filter(
        organisation_id=OuterRef("pk"), role=Role.SCHOOL_CONTACT, person__is_active=True
    )
    return (
        Organisation.objects.filter(region=region)
        .annotate(has_contact=Exists(contacts))
        .order_by("name")
    )


def colleagues_of(*, organisation: Organisation) -> QuerySet:
    """People with a current affiliation at the school, for the school contact's skill form."""
    from samenleren.accounts.models import User

    return (
        User.objects.filter(
            affiliations__organisation=organisation, affiliations__ended_on__isnull=True
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


# --- the bus factor ------------------------------------------------------------------------------


@dataclass
class EquipmentStatus:
    """A machine with who can use it now, who has left, and whether it is at risk."""

    equipment: Equipment
    organisation: Organisation
    skills: list[EquipmentSkill] = field(default_factory=list)  # current operators
    leavers: list[EquipmentSkill] = field(default_factory=list)
    need: TrainingNeed | None = None

    @property
    def lab(self) -> Lab:
        return self.equipment.lab

    @property
    def operators(self) -> int:
        return len(self.skills)

    @property
    def instructors(self) -> int:
        return sum(1 for s in self.skills if s.level == SkillLevel.INSTRUCT)

    @property
    def at_risk(self) -> bool:
        return self.operators <= 1

    @property
    def reason(self) -> str:
        from django.utils.translation import gettext as _
        from django.utils.translation import ngettext

        if self.operators == 0 and self.leavers:
            return ngettext(
                "The only person who could use it has left the school.",
                "The %(n)s people who could use it have left the school.",
                len(self.leavers),
            ) % {"n": len(self.leavers)}
        if self.operators == 0:
            return _("Nobody at the school has said they can use it.")
        if self.operators == 1 and self.leavers:
            return _("Only one person can use it; the others have left the school.")
        if self.operators == 1:
            return _("Only one person can use it.")
        return ""


def equipment_statuses(
    *, region: Region | int | None = None, organisation: Organisation | int | None = None
) -> list[EquipmentStatus]:
    """Every machine of the region (or of one organisation) with its operators: three queries,
    however many machines, skills and people (the machines, the skills, the open to-dos).

    An operator counts while they have a current affiliation (no end date) at the school the
    machine stands in; a skill of someone who has left (ended, or no affiliation there at all)
    is a leaver."""
    machines = Equipment.objects.select_related("lab", "lab__organisation")
    if organisation is not None:
        machines = machines.filter(lab__organisation=organisation)
    if region is not None:
        machines = machines.filter(lab__organisation__region=region)
    machines = list(machines.order_by("lab__organisation__name", "lab__name", "kind", "pk"))
    statuses = {
        m.pk: EquipmentStatus(equipment=m, organisation=m.lab.organisation) for m in machines
    }
    if not statuses:
        return []
    current = Affiliation.objects.filter(
        person_id=OuterRef("person_id"),
        organisation_id=OuterRef("equipment__lab__organisation_id"),
        ended_on__isnull=True,
    )
    skills = (
        EquipmentSkill.objects.filter(equipment_id__in=statuses)
        .select_related("person")
        .annotate(current=Exists(current))
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for skill in skills:
        status = statuses[skill.equipment_id]
        (status.skills if skill.current else status.leavers).append(skill)
    for need in TrainingNeed.objects.filter(equipment_id__in=statuses).exclude(
        status=NeedStatus.DONE
    ):
        statuses[need.equipment_id].need = need
    return list(statuses.values())


def equipment_at_risk(
    *, region: Region | int, organisation: Organisation | int | None = None
) -> list[EquipmentStatus]:
    """The contract: machines nobody or only one person can use (or whose only operators have
    left), each with `.equipment`, `.organisation`, `.operators` and `.reason`. Constant queries."""
    return [s for s in equipment_statuses(region=region, organisation=organisation) if s.at_risk]


# --- intakes -------------------------------------------------------------------------------------


def intakes_by_status(
    *, region: Region | int, organisation: Organisation | int | None = None
) -> dict[str, int]:
    """Submitted questions per status (every status present, zero when none). Drafts are not
    counted: they are not questions yet."""
    qs = Intake.objects.filter(organisation__region=region, status__in=SUBMITTED)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    counts = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in SUBMITTED}


def intakes_of(*, organisation: Organisation | int) -> QuerySet[Intake]:
    """The school's submitted questions, newest first, with their answers."""
    return (
        Intake.objects.filter(organisation=organisation, status__in=SUBMITTED)
        .select_related("organisation", "created_by")
        .prefetch_related("answers")
        .order_by("-submitted_at", "-pk")
    )


def drafts_of(*, organisation: Organisation) -> QuerySet[Intake]:
    return Intake.objects.filter(organisation=organisation, status=IntakeStatus.DRAFT).order_by(
        "-updated_at"
    )


def intake_list(
    *,
    region: Region,
    status: str = "",
    search: str = "",
    organisation_id: int | None = None,
) -> QuerySet[Intake]:
    qs = (
        Intake.objects.filter(organisation__region=region, status__in=SUBMITTED)
        .select_related("organisation")
        .annotate(answer_count=Count("answers"))
    )
    if status:
        qs = qs.filter(status=status)
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    for word in search.split():
        qs = qs.filter(
            Q(aim__icontains=word)
            | Q(target_group__icontains=word)
            | Q(desired_situation__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return qs.order_by("-submitted_at", "-pk")


def visits_of(*, intake: Intake | None = None, organisation: Organisation | None = None):
    qs = Visit.objects.select_related("author", "intake")
    if intake is not None:
        qs = qs.filter(intake=intake)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


# --- training needs -----------------------------------------------------------------------------


def training_needs(*, region: Region, status: str = "") -> QuerySet[TrainingNeed]:
    qs = TrainingNeed.objects.filter(organisation__region=region).select_related(
        "organisation", "equipment", "equipment__lab", "created_by"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "-created_at")


def training_need_counts(*, region: Region) -> dict[str, int]:
    counts = dict(
        TrainingNeed.objects.filter(organisation__region=region)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {status: counts.get(status, 0) for status in NeedStatus.values}


# --- the region a person looks from ------------------------------------------------------------


def coordinated_regions(*, user) -> list[Region]:
    """The regions the user coordinates, by name (the first is their default)."""
    ids = roles_of(user).coordinator_regions
    return list(Region.objects.filter(pk__in=ids).order_by("name")) if ids else []


@dataclass(frozen=True)
class Viewpoint:
    """Where the person looks from: the region, and the school travel times start at."""

    region: Region | None
    origin: Organisation | None
    choices: list[Organisation]  # the schools the person may pick as starting point
    regions: list[Region] = field(default_factory=list)  # a coordinator's regions, to switch


def viewpoint_of(
    *, user, origin_id: int | None = None, region_slug: str | None = None
) -> Viewpoint:
    """Coordinators look at one of their regions: the one named by `region_slug` (a region they
    do not coordinate is a 404, never its data) or the first by name; they pick any organisation
    of it as starting point (default: their own school there, if any). Everyone else looks at the
    region of their own school (the main affiliation first; `region_slug` is ignored) and may
    pick another of their own schools."""
    roles = roles_of(user)
    own = [
        a.organisation
        for a in Affiliation.objects.filter(person=user, ended_on__isnull=True)
        .select_related("organisation", "organisation__region")
        .order_by("-is_primary", "organisation__name")
    ]
    regions: list[Region] = []
    if roles.coordinator_regions:
        region = access_managed_region(user=user, slug=region_slug or None)
        regions = coordinated_regions(user=user)
        choices = list(
            Organisation.objects.filter(region=region).select_related("region").order_by("name")
        )
        default = next((o for o in own if o.region_id == region.pk), None)
    else:
        choices = own
        default = own[0] if own else None
        region = default.region if default else None
    picked = next((o for o in choices if o.pk == origin_id), None) if origin_id else None
    return Viewpoint(region=region, origin=picked or default, choices=choices, regions=regions)


# --- the lab finder --------------------------------------------------------------------------


@dataclass
class LabHit:
    lab: Lab
    machines: list[Equipment]
    minutes: int | None  # from the starting school; None when either has no coordinates


def lab_finder(
    *,
    region: Region,
    kind: str = "",
    origin: Organisation | None = None,
    lab_kind: str = "",
    shared_only: bool = False,
    max_minutes: int | None = None,
    search: str = "",
) -> list[LabHit]:
    """Labs of the region with a machine of the kind (any machine when no kind is given),
    nearest first by car from the starting school. Two queries."""
    labs = Lab.objects.filter(organisation__region=region).select_related("organisation")
    machines = Equipment.objects.filter(lab__organisation__region=region)
    if kind:
        machines = machines.filter(kind=kind)
    labs = labs.filter(Exists(machines.filter(lab_id=OuterRef("pk"))))
    if lab_kind:
        labs = labs.filter(kind=lab_kind)
    if shared_only:
        labs = labs.filter(shared_with_primary=True)
    for word in search.split():
        labs = labs.filter(
            Q(name__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(organisation__city__icontains=word)
        )
    labs = list(labs)
    by_lab: dict[int, list[Equipment]] = {lab.pk: [] for lab in labs}
    for machine in machines.filter(lab_id__in=by_lab).order_by("kind", "pk"):
        by_lab[machine.lab_id].append(machine)
    start = coordinates_of(origin) if origin else None
    hits = []
    for lab in labs:
        place = coordinates_of(lab.organisation)
        minutes = round(travel_minutes(start, place)) if start and place else None
        if max_minutes is not None and (minutes is None or minutes > max_minutes):
            continue
        hits.append(LabHit(lab=lab, machines=by_lab[lab.pk], minutes=minutes))
    hits.sort(
        key=lambda h: (h.minutes is None, h.minutes or 0, h.lab.organisation.name, h.lab.name)
    )
    return hits


def tour_labs(*, region: Region) -> list[Lab]:
    """The labs a tour can visit: those whose school has coordinates."""
    return list(
        Lab.objects.filter(
            organisation__region=region,
            organisation__latitude__isnull=False,
            organisation__longitude__isnull=False,
        )
        .select_related("organisation")
        .order_by("organisation__city", "organisation__name", "name")
    )


def kind_label(kind: str) -> str:
    return str(dict(EquipmentKind.choices).get(kind, kind))


def today() -> date:
    from django.utils import timezone

    return timezone.localdate()
