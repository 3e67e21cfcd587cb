from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Attendance,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    SchoolQuota,
    Session,
)
from samenleren.core.text import search_document
from samenleren.network.tests.factories import OrganisationFactory, RegionFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Training {n}")
    kind = ActivityKind.TRAINING
    status = ActivityStatus.PUBLISHED
    capacity = 25
    claim_hours = 48
    promotion_stop_hours = 24
    summary = ""
    description = ""
    provider = ""
    # What the activity service stores on save, so the calendar's search finds factory data.
    search_text = factory.LazyAttribute(
        lambda a: search_document(a.title, a.summary, a.description, a.provider)
    )

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        """One session in two weeks unless `sessions=N` (N sessions a week apart) is given."""
        if not create:
            return
        count = 1 if extracted is None else extracted
        start = timezone.now().replace(hour=14, minute=0, second=0, microsecond=0)
        for index in range(count):
            begins = start + timedelta(days=14 + 7 * index)
            SessionFactory(activity=self, starts_at=begins, ends_at=begins + timedelta(hours=3))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    activity = factory.SubFactory(ActivityFactory, sessions=0)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=3))
    address = "Techniekweg 1, Heerlen"
    study_hours = Decimal("3")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


class QuestionFactory(factory.django.DjangoModelFactory):
    """A free question on the registration form."""

    class Meta:
        model = RegistrationQuestion

    activity = factory.SubFactory(ActivityFactory)
    label = factory.Sequence(lambda n: f"Vraag {n}")
    kind = QuestionKind.TEXT
    required = False


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolQuota

    activity = factory.SubFactory(ActivityFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    places = 2


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    session = factory.SubFactory(SessionFactory)
    present = True
