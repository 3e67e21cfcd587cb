import factory
from django.utils import timezone

from samenleren.activities.tests.factories import ActivityFactory
from samenleren.network.models import EquipmentKind
from samenleren.network.tests.factories import EquipmentFactory, OrganisationFactory
from samenleren.schools.models import (
    ActivityTeaches,
    Intake,
    IntakeAnswer,
    IntakeAnswerKind,
    IntakeStatus,
    SchoolDetails,
    TrainingNeed,
    Visit,
)


class SchoolDetailsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolDetails

    organisation = factory.SubFactory(OrganisationFactory)
    levels = factory.LazyFunction(lambda: ["vmbo_bb", "vmbo_kb"])


class IntakeFactory(factory.django.DjangoModelFactory):
    """A submitted question, complete in every step (status `new`)."""

    class Meta:
        model = Intake

    organisation = factory.SubFactory(OrganisationFactory)
    status = IntakeStatus.NEW
    aim = "Meer collega's kunnen met de lasersnijder werken."
    target_group = "De docenten BWI en PIE."
    current_situation = "Alleen de TOA kan de lasersnijder bedienen."
    desired_situation = "Vier collega's werken zelfstandig met de lasersnijder."
    preferred_forms = factory.LazyFunction(lambda: ["training"])
    urgency = "this_term"
    submitted_at = factory.LazyFunction(timezone.now)


class DraftIntakeFactory(IntakeFactory):
    status = IntakeStatus.DRAFT
    aim = ""
    target_group = ""
    current_situation = ""
    desired_situation = ""
    preferred_forms = factory.LazyFunction(list)
    urgency = ""
    submitted_at = None


class IntakeAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeAnswer

    intake = factory.SubFactory(IntakeFactory)
    kind = IntakeAnswerKind.ACTIVITY
    object_id = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Training {n}")
    url = ""


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    organisation = factory.SubFactory(OrganisationFactory)
    visited_on = factory.LazyFunction(timezone.localdate)
    who = "De teamleider techniek"
    notes = "Rondleiding door het TechLab."


class ActivityTeachesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityTeaches

    activity = factory.SubFactory(ActivityFactory)
    kind = EquipmentKind.LASER_CUTTER


class TrainingNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingNeed

    equipment = factory.SubFactory(EquipmentFactory)
    organisation = factory.LazyAttribute(lambda n: n.equipment.lab.organisation)
    reason = "Maar één persoon kan ermee werken."
