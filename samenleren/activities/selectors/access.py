"""access_* checks for the calendar: the only way views fetch protected activity data."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from samenleren.network.selectors import roles_of

from ..models import Activity, ActivityStatus, Registration, Session


def is_coordinator_of(user, activity: Activity) -> bool:
    return activity.region_id in roles_of(user).coordinator_regions


def is_trainer_of(user, activity: Activity) -> bool:
    return user.is_authenticated and activity.trainers.filter(pk=user.pk).exists()


def access_activity_public(*, user, pk: int) -> Activity:
    """A published or cancelled activity, for everyone; drafts only for its coordinators."""
    activity = (
        Activity.objects.select_related("region", "provider_organisation").filter(pk=pk).first()
    )
    if activity is None:
        raise Http404
    if activity.status == ActivityStatus.DRAFT and not is_coordinator_of(user, activity):
        raise Http404
    return activity


def access_activity_manage(*, user, pk: int) -> Activity:
    """An activity the user coordinates (create, edit, publish, cancel, see registrations)."""
    activity = Activity.objects.select_related("region").filter(pk=pk).first()
    if activity is None:
        raise Http404
    if not is_coordinator_of(user, activity):
        raise PermissionDenied
    return activity


def access_activity_run(*, user, pk: int) -> Activity:
    """An activity the user runs on the day: its coordinators and its trainers (attendance,
    participants, catering)."""
    activity = Activity.objects.select_related("region").filter(pk=pk).first()
    if activity is None:
        raise Http404
    if not (is_coordinator_of(user, activity) or is_trainer_of(user, activity)):
        raise PermissionDenied
    return activity


def access_session_run(*, user, pk: int) -> Session:
    session = Session.objects.select_related("activity", "activity__region").filter(pk=pk).first()
    if session is None:
        raise Http404
    access_activity_run(user=user, pk=session.activity_id)
    return session


def access_own_registration(*, user, pk: int) -> Registration:
    registration = (
        Registration.objects.select_related("activity", "activity__region", "organisation")
        .filter(pk=pk, person=user)
        .first()
    )
    if registration is None:
        raise Http404
    return registration
