"""What a ReportFilter covers: its activities, registrations, organisations and people."""

from django.db.models import Min, QuerySet

from samenleren.accounts.models import User
from samenleren.activities.models import Activity, ActivityStatus, Registration, RegistrationStatus
from samenleren.network.models import Affiliation, Organisation

from .period import ReportFilter


def activities_in_scope(f: ReportFilter) -> QuerySet[Activity]:
    queryset = Activity.objects.filter(region=f.region, status=ActivityStatus.PUBLISHED)
    if f.kind:
        queryset = queryset.filter(kind=f.kind)
    return queryset.annotate(first_start=Min("sessions__starts_at")).filter(
        first_start__gte=f.start_at, first_start__lt=f.end_at
    )


def registrations_in_scope(
    f: ReportFilter, *, statuses=(RegistrationStatus.CONFIRMED,)
) -> QuerySet[Registration]:
    queryset = Registration.objects.filter(
        activity_id__in=activities_in_scope(f).values("pk"), status__in=statuses
    )
    if f.subregion is not None:
        queryset = queryset.filter(organisation__subregion=f.subregion)
    if f.organisation is not None:
        queryset = queryset.filter(organisation=f.organisation)
    return queryset


def organisations_in_scope(f: ReportFilter) -> QuerySet[Organisation]:
    if f.organisation is not None:
        return Organisation.objects.filter(pk=f.organisation.pk)
    queryset = Organisation.objects.filter(region=f.region, is_active=True)
    if f.subregion is not None:
        queryset = queryset.filter(subregion=f.subregion)
    return queryset


def people_in_scope(f: ReportFilter) -> QuerySet[User]:
    """The people working (now) at the organisations in scope: for e-learning hours."""
    return User.objects.filter(
        pk__in=Affiliation.objects.filter(
            organisation__in=organisations_in_scope(f), ended_on__isnull=True
        ).values("person_id")
    )


def _grouped(queryset: QuerySet, field: str, annotations: dict) -> dict:
    return {
        row.pop(field): row
        for row in queryset.order_by().values(field).annotate(**annotations).order_by()
    }
