"""The calendar's clock (`manage.py calendar_tick`): lapsed offers pass on, reminders go once and
only to people registered before the reminder's moment, evaluation requests only to attendees,
and coordinators hear once about an activity short of its minimum."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import MailLog, RegistrationStatus
from samenleren.activities.services.activity import go_no_go_check
from samenleren.activities.services.tick import calendar_tick
from samenleren.activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    QuotaFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.core.models import AuditEntry
from samenleren.network.tests.factories import RegionFactory, coordinator_of

pytestmark = pytest.mark.django_db


def activity_starting(start, **kwargs):
    activity = ActivityFactory(sessions=0, **kwargs)
    SessionFactory(activity=activity, starts_at=start, ends_at=start + timedelta(hours=3))
    return activity


def registered(activity, *, at, status=RegistrationStatus.CONFIRMED, **kwargs):
    return RegistrationFactory(
        activity=activity,
        status=status,
        confirmed_at=at,
        person=UserFactory(preferred_language="en"),
        **kwargs,
    )


def logged(kind: str) -> list[int]:
    return sorted(MailLog.objects.filter(kind=kind).values_list("registration_id", flat=True))


def test_the_seven_day_reminder_goes_once_and_not_to_people_who_registered_later(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    activity = activity_starting(now + timedelta(days=6, hours=20), title="Lasersnijden")
    early = registered(activity, at=now - timedelta(days=10))
    late = registered(activity, at=now - timedelta(hours=1))  # after start - 7 days
    registered(activity, at=now - timedelta(days=10), status=RegistrationStatus.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        first = calendar_tick(now=now)
        second = calendar_tick(now=now + timedelta(minutes=5))

    assert (first.reminders, second.reminders) == (
        {"reminder_7d": 1, "reminder_1d": 0},
        {"reminder_7d": 0, "reminder_1d": 0},
    )
    assert logged("reminder_7d") == [early.pk]
    assert late.pk not in logged("reminder_7d")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([early.person.email], "[Samen Leren] Reminder: Lasersnijden")
    ]


def test_the_one_day_reminder_and_no_late_seven_day_reminder(django_capture_on_commit_callbacks):
    now = timezone.now()
    activity = activity_starting(now + timedelta(hours=20))
    long_ago = registered(activity, at=now - timedelta(days=10))
    three_days_ago = registered(activity, at=now - timedelta(days=3))
    this_morning = registered(activity, at=now - timedelta(hours=2))  # after start - 1 day

    with django_capture_on_commit_callbacks(execute=True):
        report = calendar_tick(now=now)

    assert report.reminders == {"reminder_7d": 0, "reminder_1d": 2}
    assert logged("reminder_1d") == sorted([long_ago.pk, three_days_ago.pk])
    assert logged("reminder_7d") == []
    assert this_morning.pk not in logged("reminder_1d")
    assert len(mail.outbox) == 2


def test_the_command_sends_reminders_on_time(django_capture_on_commit_callbacks):
    start = (timezone.now() + timedelta(days=40)).replace(microsecond=0)
    activity = activity_starting(start)
    with time_machine.travel(start - timedelta(days=10), tick=False):
        early = RegistrationFactory(activity=activity)
    with time_machine.travel(start - timedelta(days=3), tick=False):
        late = RegistrationFactory(activity=activity)

    output = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(start - timedelta(days=6, hours=23), tick=False):
            call_command("calendar_tick", stdout=output)
        with time_machine.travel(start - timedelta(hours=23), tick=False):
            call_command("calendar_tick", stdout=output)

    assert logged("reminder_7d") == [early.pk]
    assert logged("reminder_1d") == sorted([early.pk, late.pk])
    assert len(mail.outbox) == 3
    assert "reminder_7d=1" in output.getvalue()


def test_the_evaluation_request_goes_only_to_attendees_once(django_capture_on_commit_callbacks):
    now = timezone.now()
    activity = activity_starting(now - timedelta(hours=5), title="Korte lontjes")
    session = activity.sessions.get()
    attended = registered(activity, at=now - timedelta(days=20))
    no_show = registered(activity, at=now - timedelta(days=20))
    registered(activity, at=now - timedelta(days=20))  # no attendance taken for them
    AttendanceFactory(registration=attended, session=session, present=True)
    AttendanceFactory(registration=no_show, session=session, present=False)

    with django_capture_on_commit_callbacks(execute=True):
        first = calendar_tick(now=now)
        second = calendar_tick(now=now + timedelta(hours=1))

    assert (first.evaluations, second.evaluations) == (1, 0)
    assert logged("evaluation") == [attended.pk]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([attended.person.email], "[Samen Leren] How was it? Korte lontjes")
    ]


def test_no_evaluation_request_before_the_last_session_has_ended(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    activity = activity_starting(now - timedelta(days=7))
    SessionFactory(activity=activity, starts_at=now + timedelta(days=7))
    attended = registered(activity, at=now - timedelta(days=20))
    AttendanceFactory(registration=attended, session=activity.sessions.first(), present=True)

    with django_capture_on_commit_callbacks(execute=True):
        report = calendar_tick(now=now)

    assert report.evaluations == 0
    assert logged("evaluation") == []


def test_an_expired_offer_passes_to_the_next_person(django_capture_on_commit_callbacks):
    now = timezone.now()
    activity = ActivityFactory(capacity=1, claim_hours=48)
    offered = RegistrationFactory(
        activity=activity,
        status=RegistrationStatus.OFFERED,
        offered_until=now - timedelta(minutes=1),
    )
    waiting = RegistrationFactory(
        activity=activity,
        status=RegistrationStatus.WAITLISTED,
        waitlisted_at=now - timedelta(days=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        report = calendar_tick(now=now)

    offered.refresh_from_db()
    waiting.refresh_from_db()
    assert report.offers_expired == 1
    assert (offered.status, waiting.status) == ("expired", "offered")
    assert waiting.offered_until == now + timedelta(hours=48)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [offered.person.email, waiting.person.email]
    )


def test_coordinators_hear_once_about_an_activity_short_of_its_minimum(
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    region = RegionFactory()
    english = coordinator_of(region, preferred_language="en")
    dutch = coordinator_of(region, preferred_language="nl")
    coordinator_of(RegionFactory())  # another region's coordinator is not told
    short = ActivityFactory(
        region=region,
        title="PIE-netwerk",
        min_participants=5,
        go_no_go_on=today + timedelta(days=2),
    )
    RegistrationFactory.create_batch(3, activity=short)
    RegistrationFactory(activity=short, status=RegistrationStatus.PENDING)
    enough = ActivityFactory(region=region, min_participants=2, go_no_go_on=today)
    RegistrationFactory.create_batch(2, activity=enough)
    ActivityFactory(region=region, min_participants=5, go_no_go_on=today + timedelta(days=5))

    with django_capture_on_commit_callbacks(execute=True):
        first = go_no_go_check(today=today)
        second = go_no_go_check(today=today + timedelta(days=1))

    assert (first, second) == (1, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([english.email, dutch.email])
    to_english = next(m for m in mail.outbox if m.to == [english.email])
    assert to_english.subject == (
        "[Samen Leren] Go/no-go: PIE-netwerk has 3 of at least 5 participants"
    )
    assert to_english.alternatives[0].mimetype == "text/html"
    assert list(
        AuditEntry.objects.filter(action="activity.go_no_go_warned").values_list(
            "data__activity_id", flat=True
        )
    ) == [short.pk]


def test_places_kept_by_quotas_go_to_the_waiting_list_once_released(
    django_capture_on_commit_callbacks,
):
    """Until the release, the school's two kept places are not for the others; after it, the
    tick offers them to the waiting list in order, once."""
    now = timezone.now()
    release = now + timedelta(days=2)
    activity = activity_starting(now + timedelta(days=20), capacity=3, quota_release_at=release)
    QuotaFactory(activity=activity, places=2)
    registered(activity, at=now - timedelta(days=3))
    first, second, third = (
        RegistrationFactory(
            activity=activity,
            status=RegistrationStatus.WAITLISTED,
            waitlisted_at=now - timedelta(days=2, minutes=minutes),
        )
        for minutes in (30, 20, 10)
    )

    with django_capture_on_commit_callbacks(execute=True):
        before = calendar_tick(now=now)
    assert before.quota_places_offered == 0

    with django_capture_on_commit_callbacks(execute=True):
        after = calendar_tick(now=release + timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        again = calendar_tick(now=release + timedelta(minutes=10))

    for registration in (first, second, third):
        registration.refresh_from_db()
    assert (after.quota_places_offered, again.quota_places_offered) == (2, 0)
    assert [r.status for r in (first, second, third)] == ["offered", "offered", "waitlisted"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.person.email, second.person.email])


def test_released_quotas_offer_nothing_once_the_activity_has_begun():
    now = timezone.now()
    activity = activity_starting(
        now - timedelta(hours=1), capacity=2, quota_release_at=now - timedelta(days=1)
    )
    QuotaFactory(activity=activity, places=2)
    waiting = RegistrationFactory(
        activity=activity, status=RegistrationStatus.WAITLISTED, waitlisted_at=now
    )

    assert calendar_tick(now=now).quota_places_offered == 0
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"
