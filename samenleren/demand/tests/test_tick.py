import pytest
from django.core import mail
from django.core.management import call_command

from samenleren.activities.models import RegistrationStatus
from samenleren.activities.tests.factories import ActivityFactory, RegistrationFactory
from samenleren.demand.models import WaitlistAlert
from samenleren.network.tests.factories import coordinator_of

pytestmark = pytest.mark.django_db


def waiting(activity, n):
    RegistrationFactory.create_batch(n, activity=activity, status=RegistrationStatus.WAITLISTED)


def test_coordinators_are_told_once_when_the_waiting_list_reaches_the_threshold(
    settings, django_capture_on_commit_callbacks
):
    settings.DEMAND_WAITLIST_THRESHOLD = 3
    long_list, short_list = ActivityFactory(title="Lassen"), ActivityFactory()
    coordinator = coordinator_of(long_list.region, preferred_language="en")
    waiting(long_list, 3)
    waiting(short_list, 2)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("demand_tick", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demand_tick", verbosity=0)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([coordinator.email], "[Samen Leren] Long waiting list: Lassen")
    ]
    assert f"/agenda/beheer/{long_list.pk}/bewerken/" in mail.outbox[0].body
    assert list(WaitlistAlert.objects.values_list("activity_id", "waiting")) == [(long_list.pk, 3)]


def test_the_threshold_can_be_given_on_the_command_line(django_capture_on_commit_callbacks):
    activity = ActivityFactory()
    coordinator_of(activity.region)
    waiting(activity, 2)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("demand_tick", "--threshold", "2", verbosity=0)

    assert len(mail.outbox) == 1
