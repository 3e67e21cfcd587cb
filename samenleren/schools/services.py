"""Writes of the school intake and the TechLabs. Every service validates, raises a
ValidationError with a Dutch message (keyed by field where there is one) and writes nothing
when the input is wrong. Mail is enqueued after the commit."""

from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.activities.models import Activity, ActivityKind, Certificate
from samenleren.activities.services.activity import activity_save
from samenleren.core.services import audit_log
from samenleren.network.models import (
    Affiliation,
    Equipment,
    EquipmentKind,
    EquipmentSkill,
    Organisation,
    Region,
    Role,
    RoleAssignment,
    SkillLevel,
)
from samenleren.network.selectors import can_edit_organisation, roles_of

from . import links
from .models import (
    TRANSITIONS,
    ActivityTeaches,
    Intake,
    IntakeAnswer,
    IntakeStatus,
    NeedStatus,
    SchoolDetails,
    SchoolLevel,
    TrainingNeed,
    Visit,
)
from .selectors import (
    equipment_statuses,
    is_contact_of,
    is_coordinator_for,
    school_contacts_to_mail,
)
from .teaching import certificate_codes_by_kind
from .tour import MAX_STOPS, Route

# --- the school page ---------------------------------------------------------------------------


@transaction.atomic
def school_details_save(*, actor: User, organisation: Organisation, levels: list[str]) -> None:
    unknown = set(levels) - set(SchoolLevel.values)
    if unknown:
        raise ValidationError({"levels": _("Choose levels from the list.")})
    ordered = [code for code in SchoolLevel.values if code in levels]
    SchoolDetails.objects.update_or_create(organisation=organisation, defaults={"levels": ordered})
    audit_log(actor=actor, action="school.details", target=organisation, levels=ordered)


# --- the intake --------------------------------------------------------------------------------

# The steps of the guided form, in order, with the fields each fills in.
STEPS: list[tuple[str, tuple[str, ...]]] = [
    ("doel", ("aim", "equipment")),
    ("doelgroep", ("target_group",)),
    ("nu", ("current_situation",)),
    ("straks", ("desired_situation",)),
    ("vorm", ("preferred_forms",)),
    ("urgentie", ("urgency",)),
]
REQUIRED = {
    "aim": "doel",
    "target_group": "doelgroep",
    "current_situation": "nu",
    "desired_situation": "straks",
    "preferred_forms": "vorm",
    "urgency": "urgentie",
}


def intake_start(*, actor: User, organisation: Organisation) -> Intake:
    if not is_contact_of(user=actor, organisation=organisation):
        raise PermissionDenied
    return Intake.objects.create(organisation=organisation, created_by=actor)


@transaction.atomic
def intake_step_save(*, actor: User, intake: Intake, values: dict) -> Intake:
    """Save one step of a draft (the form has validated the values)."""
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if locked.status != IntakeStatus.DRAFT:
        raise ValidationError(_("This question has already been submitted."))
    allowed = {name for _slug, names in STEPS for name in names}
    changed = []
    for name, value in values.items():
        if name not in allowed:
            continue
        foreign = (
            name == "equipment"
            and value is not None
            and value.lab.organisation_id != locked.organisation_id
        )
        if foreign:
            raise ValidationError({"equipment": _("Choose a machine of your own school.")})
        setattr(locked, name, value)
        changed.append(name)
    locked.save(update_fields=[*changed, "updated_at"])
    return locked


@transaction.atomic
def intake_from_question(
    *, actor: User, question, organisation: Organisation
) -> tuple[Intake, list[User]]:
    """A draft school question made by a coordinator from a question on the board: the board
    question becomes the aim, the school's contacts are asked by mail to complete and submit it,
    and the board question is marked converted. Returns the draft and the contacts who are
    mailed; a school without a contact gets the draft all the same, but nobody is mailed (the
    caller must say so) and `schools_tick` mails the contacts once the school has them."""
    from samenleren.community.models import QuestionStatus
    from samenleren.community.services.conversions import question_mark_converted

    if not is_coordinator_for(user=actor, organisation=organisation):
        raise PermissionDenied
    if organisation.region_id != question.region_id:
        raise ValidationError({"organisation": _("Choose a school of the question's region.")})
    if question.status == QuestionStatus.CONVERTED:
        raise ValidationError(_("This question has already been taken further."))
    contacts = school_contacts_to_mail(organisation=organisation)
    intake = Intake.objects.create(
        organisation=organisation,
        created_by=actor,
        aim=question.text,
        from_question=True,
        contacts_told_at=timezone.now() if contacts else None,
    )
    audit_log(
        actor=actor,
        action="intake.from_question",
        target=intake,
        question_id=question.pk,
        contacts_mailed=[c.pk for c in contacts],
    )
    question_mark_converted(
        question=question,
        kind="intake",
        # The school page: its contacts find the draft there, coordinators the submitted question.
        target_url=reverse("network:organisation_detail", args=[organisation.pk]) + "#schoolvragen",
        actor=actor,
    )
    from .tasks import send_intake_prepared

    for contact in contacts:
        transaction.on_commit(
            lambda pk=contact.pk: send_intake_prepared.enqueue(intake_id=intake.pk, person_id=pk)
        )
    return intake, contacts


def missing_steps(intake: Intake) -> list[str]:
    """The slugs of the required steps still empty, in the order of the form."""
    missing = set()
    for name, slug in REQUIRED.items():
        value = getattr(intake, name)
        if not value or (isinstance(value, str) and not value.strip()):
            missing.add(slug)
    return [slug for slug, _names in STEPS if slug in missing]


@transaction.atomic
def intake_submit(*, actor: User, intake: Intake) -> Intake:
    """Turn the draft into a new question. All required steps must be filled in; otherwise a
    ValidationError lists the missing steps (by slug) and nothing changes."""
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if locked.status != IntakeStatus.DRAFT:
        raise ValidationError(_("This question has already been submitted."))
    missing = missing_steps(locked)
    if missing:
        raise ValidationError({slug: _("This step is required.") for slug in missing})
    locked.status = IntakeStatus.NEW
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_log(actor=actor, action="intake.submit", target=locked, intake_id=locked.pk)
    coordinators = list(
        RoleAssignment.objects.filter(
            role=Role.COORDINATOR, region_id=locked.organisation.region_id
        ).values_list("person_id", flat=True)
    )
    from .tasks import send_intake_submitted

    for person_id in coordinators:
        transaction.on_commit(
            lambda pk=person_id: send_intake_submitted.enqueue(intake_id=locked.pk, person_id=pk)
        )
    return locked


def intake_discard(*, actor: User, intake: Intake) -> None:
    if intake.status != IntakeStatus.DRAFT:
        raise ValidationError(_("Only a draft can be thrown away."))
    intake.delete()


@transaction.atomic
def intake_status_change(*, actor: User, intake: Intake, status: str) -> Intake:
    """Move a submitted question on. Only the transitions in TRANSITIONS are allowed; the row is
    locked so that two coordinators cannot move it from the same status at once."""
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    allowed = TRANSITIONS.get(locked.status, ())
    if status not in allowed:
        raise ValidationError(
            {
                "status": _("A question that is '%(current)s' cannot become '%(new)s'.")
                % {
                    "current": locked.get_status_display(),
                    "new": dict(IntakeStatus.choices).get(status, status),
                }
            }
        )
    previous = locked.status
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="intake.status", target=locked, before=previous, after=status)
    return locked


@transaction.atomic
def intake_answer_add(*, actor: User, intake: Intake, kind: str, object_id: int) -> IntakeAnswer:
    found = links.candidate(kind=kind, object_id=object_id, region=intake.organisation.region)
    if found is None:
        raise ValidationError({"object_id": _("Choose something from the list.")})
    if IntakeAnswer.objects.filter(intake=intake, kind=kind, object_id=object_id).exists():
        raise ValidationError({"object_id": _("This is already linked to the question.")})
    answer = IntakeAnswer.objects.create(
        intake=intake,
        kind=kind,
        object_id=object_id,
        title=found.title[:250],
        url=found.url[:300],
        added_by=actor,
    )
    audit_log(actor=actor, action="intake.answer_add", target=intake, kind=kind, id=object_id)
    return answer


def intake_answer_remove(*, actor: User, answer: IntakeAnswer) -> None:
    with transaction.atomic():
        audit_log(
            actor=actor, action="intake.answer_remove", target=answer.intake, kind=answer.kind
        )
        answer.delete()


# --- visits ----------------------------------------------------------------------------------


# What a coordinator may change on a logged visit (the school and the author stay).
VISIT_FIELDS = ("visited_on", "intake", "who", "notes", "agreements", "next_step", "remind_on")


def _visit_check(visit: Visit, *, reminder_changed: bool) -> None:
    """The rules of a visit, as Dutch messages by field. A reminder that is set or moved must
    not lie in the past: it would go out at once instead of on the chosen day."""
    errors = {}
    if visit.intake_id and visit.intake.organisation_id != visit.organisation_id:
        errors["intake"] = _("Choose a question of this school.")
    if visit.remind_on and visit.remind_on < visit.visited_on:
        errors["remind_on"] = _("The reminder must be on or after the visit.")
    elif reminder_changed and visit.remind_on and visit.remind_on < timezone.localdate():
        errors["remind_on"] = _(
            "The reminder date has passed. Choose today or a later day, or leave it empty."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def visit_save(*, actor: User, visit: Visit) -> Visit:
    """Log a new visit (an existing one goes through visit_update)."""
    if visit.pk is not None:
        return visit_update(actor=actor, visit=visit)
    _visit_check(visit, reminder_changed=True)
    visit.author = actor
    visit.full_clean()
    visit.save()
    audit_log(actor=actor, action="visit.save", target=visit, visit_id=visit.pk)
    return visit


@transaction.atomic
def visit_update(*, actor: User, visit: Visit) -> Visit:
    """Save the changes a coordinator made to a logged visit (`visit` carries the new values).

    The row is locked and only the visit's own fields are written, so a reminder the clock
    claims meanwhile stays claimed. A moved (or newly set) reminder date is a new reminder:
    it is mailed once on the new day, even when the old one has gone out; an unchanged date is
    not mailed again. The reminder goes to the coordinator who logged the visit; when that
    account is gone, to the one who sets the new date (otherwise nobody would get it)."""
    locked = Visit.objects.select_for_update().get(pk=visit.pk)
    before = locked.remind_on
    for name in VISIT_FIELDS:
        setattr(locked, name, getattr(visit, name))
    reminder_changed = locked.remind_on != before
    _visit_check(locked, reminder_changed=reminder_changed)
    fields = [*VISIT_FIELDS, "updated_at"]
    if reminder_changed:
        locked.reminder_sent_at = None
        fields.append("reminder_sent_at")
        if locked.remind_on and locked.author_id is None:
            locked.author = actor
            fields.append("author")
    locked.full_clean()
    locked.save(update_fields=fields)
    audit_log(
        actor=actor,
        action="visit.update",
        target=locked,
        visit_id=locked.pk,
        remind_on=str(locked.remind_on or ""),
    )
    return locked


@transaction.atomic
def visit_delete(*, actor: User, visit: Visit) -> None:
    audit_log(
        actor=actor,
        action="visit.delete",
        target=visit,
        visit_id=visit.pk,
        organisation_id=visit.organisation_id,
    )
    visit.delete()


def visit_reminders_send(*, today: date) -> int:
    """Reminders due today or earlier, each sent once: the row is claimed with a conditional
    UPDATE (reminder_sent_at still empty, the date still due), so overlapping runs never send
    one twice and a reminder moved to a later day in the meantime waits for that day."""
    from .tasks import send_visit_reminder

    due = list(
        Visit.objects.filter(
            remind_on__lte=today, reminder_sent_at__isnull=True, author__isnull=False
        ).values_list("pk", flat=True)
    )
    sent = 0
    for pk in due:
        with transaction.atomic():
            claimed = Visit.objects.filter(
                pk=pk, reminder_sent_at__isnull=True, remind_on__lte=today
            ).update(reminder_sent_at=timezone.now())
            if claimed:
                sent += 1
                transaction.on_commit(lambda pk=pk: send_visit_reminder.enqueue(visit_id=pk))
    return sent


# --- equipment and skills ---------------------------------------------------------------------


@transaction.atomic
def equipment_save(*, actor: User, equipment: Equipment) -> Equipment:
    if equipment.kind != EquipmentKind.OTHER:
        equipment.other_kind = ""
    elif not equipment.other_kind.strip():
        raise ValidationError({"other_kind": _("Say what kind of machine it is.")})
    created = equipment.pk is None
    equipment.full_clean()
    equipment.save()
    audit_log(
        actor=actor,
        action="equipment.create" if created else "equipment.update",
        target=equipment,
        lab_id=equipment.lab_id,
    )
    return equipment


@transaction.atomic
def equipment_delete(*, actor: User, equipment: Equipment) -> None:
    audit_log(actor=actor, action="equipment.delete", target=equipment, lab_id=equipment.lab_id)
    equipment.delete()


@transaction.atomic
def skill_declare(*, actor: User, person: User, equipment: Equipment, level: str) -> EquipmentSkill:
    """Someone can use (or instruct) a machine. The person declares it themselves, or the school
    contact does for a colleague; either way only for a machine of a school the person works at
    now. A valid certificate of an activity that teaches this kind confirms it at once."""
    organisation = equipment.lab.organisation
    if level not in SkillLevel.values:
        raise ValidationError({"level": _("Choose what the person can do.")})
    if person.pk != actor.pk and not is_contact_of(user=actor, organisation=organisation):
        raise ValidationError(
            {"person": _("Only the school contact can declare skills for colleagues.")}
        )
    works_there = Affiliation.objects.filter(
        person=person, organisation=organisation, ended_on__isnull=True
    ).exists()
    if not works_there:
        raise ValidationError(
            {
                "equipment": _(
                    "This machine belongs to %(school)s. Skills can only be declared for "
                    "machines of a school the person works at."
                )
                % {"school": organisation.name}
            }
        )
    code = certificate_codes_by_kind(person=person).get(equipment.kind, "")
    skill, created = EquipmentSkill.objects.get_or_create(
        person=person,
        equipment=equipment,
        defaults={"level": level, "declared_by": actor, "certificate_code": code},
    )
    if not created:
        skill.level = level
        skill.declared_by = actor
        if code and not skill.certificate_code:
            skill.certificate_code = code
        skill.save(update_fields=["level", "declared_by", "certificate_code", "updated_at"])
    audit_log(actor=actor, action="skill.declare", target=skill, person_id=person.pk, level=level)
    return skill


@transaction.atomic
def skill_remove(*, actor: User, skill: EquipmentSkill) -> None:
    audit_log(actor=actor, action="skill.remove", target=skill, person_id=skill.person_id)
    skill.delete()


def skills_confirm(*, people: list[int] | None = None) -> int:
    """Confirm skills without a certificate code by a valid certificate of an activity that
    teaches the machine's kind. Returns the number confirmed."""
    unconfirmed = EquipmentSkill.objects.filter(certificate_code="").select_related(
        "equipment", "person"
    )
    if people is not None:
        unconfirmed = unconfirmed.filter(person_id__in=people)
    holders = set(
        Certificate.objects.filter(revoked_at__isnull=True).values_list("person_id", flat=True)
    )
    confirmed = 0
    by_person: dict[int, list[EquipmentSkill]] = {}
    for skill in unconfirmed:
        if skill.person_id in holders:
            by_person.setdefault(skill.person_id, []).append(skill)
    for skills in by_person.values():
        codes = certificate_codes_by_kind(person=skills[0].person)
        for skill in skills:
            code = codes.get(skill.equipment.kind)
            if code:
                confirmed += EquipmentSkill.objects.filter(pk=skill.pk, certificate_code="").update(
                    certificate_code=code
                )
    return confirmed


@transaction.atomic
def activity_teaches_set(*, actor: User, activity: Activity, kinds: list[str]) -> None:
    """What the activity teaches; then confirm the skills of its certificate holders."""
    if activity.region_id not in roles_of(actor).coordinator_regions:
        raise PermissionDenied
    wanted = {k for k in kinds if k in EquipmentKind.values and k != EquipmentKind.OTHER}
    if set(kinds) - wanted:
        raise ValidationError({"kinds": _("Choose kinds of machine from the list.")})
    ActivityTeaches.objects.filter(activity=activity).exclude(kind__in=wanted).delete()
    have = set(ActivityTeaches.objects.filter(activity=activity).values_list("kind", flat=True))
    ActivityTeaches.objects.bulk_create(
        [ActivityTeaches(activity=activity, kind=k) for k in sorted(wanted - have)]
    )
    audit_log(actor=actor, action="activity.teaches", target=activity, kinds=sorted(wanted))
    holders = list(
        Certificate.objects.filter(
            registration__activity=activity, revoked_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    if holders:
        skills_confirm(people=holders)


# --- training demand from a risk -----------------------------------------------------------------


def training_need_create(*, actor: User, equipment: Equipment) -> tuple[TrainingNeed, bool]:
    """Turn a machine at risk into a to-do for the coordinators: (need, created). Pressing
    twice gives the open to-do back instead of a second one."""
    organisation = equipment.lab.organisation
    if not can_edit_organisation(user=actor, organisation=organisation):
        raise PermissionDenied
    statuses = {s.equipment.pk: s for s in equipment_statuses(organisation=organisation.pk)}
    status = statuses.get(equipment.pk)
    if status is None or not status.at_risk:
        raise ValidationError(_("At least two people can use this machine, so it is not at risk."))
    if status.need is not None:
        return status.need, False
    try:
        with transaction.atomic():
            need = TrainingNeed.objects.create(
                organisation=organisation,
                equipment=equipment,
                reason=status.reason[:300],
                created_by=actor,
            )
            audit_log(actor=actor, action="training_need.create", target=need, need_id=need.pk)
    except IntegrityError:  # pressed twice at the same moment: the other one won
        need = (
            TrainingNeed.objects.filter(equipment=equipment).exclude(status=NeedStatus.DONE).get()
        )
        return need, False
    return need, True


@transaction.atomic
def training_need_status_set(*, actor: User, need: TrainingNeed, status: str) -> TrainingNeed:
    if not is_coordinator_for(user=actor, organisation=need.organisation):
        raise PermissionDenied
    if status not in NeedStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if (
        status != NeedStatus.DONE
        and TrainingNeed.objects.filter(
            ~Q(pk=need.pk),
            equipment=need.equipment,
            status__in=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS],
        ).exists()
    ):
        raise ValidationError({"status": _("There is already an open to-do for this machine.")})
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="training_need.status", target=need, status=status)
    return need


# --- the TechLab tour ------------------------------------------------------------------------


def tour_check(*, labs: list) -> None:
    """The planner's limits, as a clear message."""
    if not labs:
        raise ValidationError({"labs": _("Choose at least one lab to visit.")})
    if len(labs) > MAX_STOPS:
        raise ValidationError(
            {
                "labs": _(
                    "A tour can visit at most %(max)s labs in one day; you chose %(n)s. Leave "
                    "some out or plan a second day."
                )
                % {"max": MAX_STOPS, "n": len(labs)}
            }
        )


def tour_activity_create(
    *, actor: User, region: Region, route: Route, title: str, capacity: int
) -> Activity:
    """Make the tour a calendar activity of kind 'visit', saved as a draft: one session per lab
    (arrival to departure, at that school and lab), and the route sheet in the description."""
    if region.pk not in roles_of(actor).coordinator_regions:
        raise PermissionDenied
    tour_check(labs=[s.place for s in route.stops])
    lines = [_("Route of the TechLab tour:")]
    for number, stop in enumerate(route.stops, start=1):
        lines.append(
            _("%(n)s. %(from)s–%(until)s %(lab)s, %(school)s (%(town)s); %(drive)s min by car")
            % {
                "n": number,
                "from": _clock(stop.arrives_at),
                "until": _clock(stop.departs_at),
                "lab": stop.place.name,
                "school": stop.place.organisation.name,
                "town": stop.place.organisation.city,
                "drive": stop.drive_minutes,
            }
        )
    lines.append(_("Total driving time: %(n)s minutes.") % {"n": route.drive_minutes})
    activity = Activity(
        region=region,
        title=title,
        kind=ActivityKind.VISIT,
        summary=_("A day visiting %(n)s TechLabs in the region.") % {"n": len(route.stops)},
        description="\n".join(lines),
        capacity=capacity,
    )
    sessions = [
        {
            "starts_at": stop.arrives_at,
            "ends_at": stop.departs_at,
            "venue": stop.place.organisation,
            "lab": stop.place,
            "address": "",
            "online_url": "",
            "study_hours": "",
        }
        for stop in route.stops
    ]
    return activity_save(actor=actor, activity=activity, sessions=sessions)


def _clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


# --- the clock -------------------------------------------------------------------------------


def waiting_drafts_send() -> int:
    """Drafts made from a board question whose school had no contact then: once the school has
    contacts with an active account, each of them gets one mail per school listing its drafts.
    Each draft is claimed with a conditional UPDATE (still a draft, contacts_told_at still
    empty) before the mail is enqueued on commit, so overlapping runs never tell twice. Returns
    the number of mails enqueued."""
    from .tasks import send_intakes_prepared

    contact_roles = RoleAssignment.objects.filter(role=Role.SCHOOL_CONTACT, person__is_active=True)
    waiting = list(
        Intake.objects.filter(
            status=IntakeStatus.DRAFT,
            from_question=True,
            contacts_told_at__isnull=True,
            organisation_id__in=contact_roles.values("organisation_id"),
        )
        .order_by("organisation_id", "created_at", "pk")
        .values_list("organisation_id", "pk")
    )
    by_school: dict[int, list[int]] = {}
    for organisation_id, pk in waiting:
        by_school.setdefault(organisation_id, []).append(pk)
    contacts: dict[int, set[int]] = {}
    for organisation_id, person_id in contact_roles.filter(
        organisation_id__in=by_school
    ).values_list("organisation_id", "person_id"):
        contacts.setdefault(organisation_id, set()).add(person_id)
    mails = 0
    for organisation_id, pks in by_school.items():
        with transaction.atomic():
            told = timezone.now()
            claimed = [
                pk
                for pk in pks
                if Intake.objects.filter(
                    pk=pk, status=IntakeStatus.DRAFT, contacts_told_at__isnull=True
                ).update(contacts_told_at=told)
            ]
            if not claimed:
                continue
            for person_id in sorted(contacts[organisation_id]):
                mails += 1
                transaction.on_commit(
                    lambda org=organisation_id, person=person_id, ids=claimed: (
                        send_intakes_prepared.enqueue(
                            organisation_id=org, person_id=person, intake_ids=ids
                        )
                    )
                )
    return mails


def schools_tick(*, now: datetime | None = None) -> dict[str, int]:
    """Run from cron (`manage.py schools_tick`): visit reminders (each once), skills newly
    confirmed by certificates issued since the last run, and school contacts told about drafts
    made from a board question before the school had a contact."""
    now = now or timezone.now()
    reminders = visit_reminders_send(today=timezone.localdate(now))
    confirmed = skills_confirm()
    drafts = waiting_drafts_send()
    return {"reminders": reminders, "confirmed": confirmed, "drafts_told": drafts}


def default_tour_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=9)
