from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from samenleren.activities.models import Evaluation
from samenleren.activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.network.tests.factories import RegionFactory

from ..models import ReportRun, ReportText


class ReportTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportText

    region = factory.SubFactory(RegionFactory)
    school_year = 2025
    text = "Een jaar waarin veel scholen elkaar vonden."


class ReportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportRun

    region = factory.SubFactory(RegionFactory)
    start = date(2025, 8, 1)
    end = date(2026, 7, 31)


def past_activity(*, region, days_ago: int = 10, hours: str = "3", **kwargs):
    """A published activity with one session that took place `days_ago` days ago."""
    activity = ActivityFactory(region=region, sessions=0, **kwargs)
    start = timezone.now().replace(microsecond=0) - timedelta(days=days_ago)
    SessionFactory(
        activity=activity,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        study_hours=Decimal(hours),
    )
    return activity


def participants(
    *, activity, organisation, count: int, present: int = 0, function="teacher", **person
):
    """`count` confirmed registrations for the organisation; the first `present` attended."""
    session = activity.sessions.first()
    registrations = []
    for index in range(count):
        registration = RegistrationFactory(
            activity=activity,
            organisation=organisation,
            function=function,
            **{f"person__{k}": v for k, v in person.items()},
        )
        if index < present:
            AttendanceFactory(registration=registration, session=session, present=True)
        registrations.append(registration)
    return registrations


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    registration = factory.SubFactory(RegistrationFactory)
    rating = 4
