"""Races on the scarce places, on PostgreSQL with real threads (the pretix pattern).

Each scenario runs twice. First as a negative control, with the activity's row lock switched off
(`registration.LOCK_ROWS = False`) and the gap between counting places and writing widened, to
prove that the race is real: more people get a place than there are places. Then with the lock,
where the same scenario gives exactly the capacity. See docs/locking.md.

How the gap is widened:
- For registrations, `registration.race_window()` (called between counting and writing) waits on a
  `threading.Barrier`, so without the lock every thread has counted before anyone writes. With the
  lock only one thread at a time gets there; it waits until the barrier times out and goes on.
- For a freed place (an offer that is accepted just as it expires, a holder who cancels while
  passing the place to a colleague), the transaction that frees the place pauses after its first
  write until PostgreSQL shows the other transaction waiting for a lock. Without the row lock the
  other one has read the old state by then; with it, it waits before reading anything.

SQLite serialises writers and would hide every race, so this module runs on PostgreSQL only
(CI's second pass sets DATABASE_URL).
"""

import contextlib
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import (
    SEAT_HOLDING,
    Registration,
    RegistrationStatus,
    SchoolQuota,
    SessionAbsence,
)
from samenleren.activities.services import registration as service
from samenleren.activities.services.registration import (
    AlreadyRegistered,
    RegistrationError,
    offer_accept,
    offers_expire,
    registration_cancel,
    registration_create,
    registration_transfer,
    session_absence_set,
)
from samenleren.activities.tests.factories import ActivityFactory, RegistrationFactory
from samenleren.network.tests.factories import AffiliationFactory, OrganisationFactory

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Races need PostgreSQL (SQLite serialises writers): set DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]

# Without the lock every thread reaches the barrier at once and it opens at once; this only
# bounds a broken run.
RACE_TIMEOUT = 20.0
# With the lock the barrier can never fill: the thread holding the lock waits this long, the
# barrier breaks, and everyone after it goes straight on.
LOCKED_TIMEOUT = 2.0
JOIN_TIMEOUT = 60.0


# --- helpers ----------------------------------------------------------------------------------


def barrier_window(parties: int, timeout: float) -> Callable[[], None]:
    """A race_window() that holds every caller until `parties` callers have counted."""
    barrier = threading.Barrier(parties, timeout=timeout)

    def wait() -> None:
        # With the lock only one thread at a time gets here: the barrier breaks, go on.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()

    return wait


def widen_race(monkeypatch, *, lock: bool, parties: int) -> None:
    monkeypatch.setattr(service, "LOCK_ROWS", lock)
    timeout = LOCKED_TIMEOUT if lock else RACE_TIMEOUT
    monkeypatch.setattr(service, "race_window", barrier_window(parties, timeout))


def run_threads(calls: list[Callable[[], object]]) -> list[object]:
    """Run each call in its own thread, all started together; return results or the
    RegistrationError each one raised, in the order of `calls`."""
    results: list[object] = [None] * len(calls)
    start = threading.Barrier(len(calls), timeout=RACE_TIMEOUT)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            start.wait()
            results[index] = call()
        except RegistrationError as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert [thread.is_alive() for thread in threads] == [False] * len(threads)
    return results


def lock_waiters() -> int:
    """Connections to the test database that wait for a row lock right now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def pause_after_first_write(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """The transaction that frees a place counts places (in `_promote`) after its first write.
    There it tells `written` and waits for `go`. Only the first call pauses."""
    written, go = threading.Event(), threading.Event()
    original = service.places_available

    def places_available(**kwargs):
        if not written.is_set():
            written.set()
            go.wait(RACE_TIMEOUT)
        return original(**kwargs)

    monkeypatch.setattr(service, "places_available", places_available)
    return written, go


def run_against_a_paused_writer(
    monkeypatch, freeing: Callable[[], object], competing: Callable[[], object]
) -> list[object]:
    """`freeing` writes and pauses inside its transaction; `competing` starts then, and once
    PostgreSQL shows it waiting for a lock (the row written by `freeing`, or the activity row
    when locking is on), `freeing` goes on and commits."""
    written, go = pause_after_first_write(monkeypatch)
    results: list[object] = [None, None]

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            results[index] = call()
        except RegistrationError as error:
            results[index] = error
        finally:
            connections.close_all()

    first = threading.Thread(target=run, args=(0, freeing))
    first.start()
    assert written.wait(RACE_TIMEOUT) is True
    second = threading.Thread(target=run, args=(1, competing))
    second.start()
    deadline = time.monotonic() + RACE_TIMEOUT
    while lock_waiters() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    waiting = lock_waiters()
    go.set()
    first.join(JOIN_TIMEOUT)
    second.join(JOIN_TIMEOUT)
    assert (waiting, first.is_alive(), second.is_alive()) == (1, False, False)
    return results


def count_by_status(activity) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Registration.objects.filter(activity=activity).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def seats_held(activity) -> int:
    return Registration.objects.filter(activity=activity, status__in=SEAT_HOLDING).count()


# --- (a) eight people register at once for three places --------------------------------------


def rush(monkeypatch, *, lock: bool):
    activity = ActivityFactory(capacity=3)
    people = UserFactory.create_batch(8)
    widen_race(monkeypatch, lock=lock, parties=8)

    results = run_threads(
        [
            lambda person=person: registration_create(activity_id=activity.pk, person=person)
            for person in people
        ]
    )
    return activity, results


def test_without_the_lock_eight_people_get_three_places(monkeypatch):
    activity, results = rush(monkeypatch, lock=False)

    assert [type(result) for result in results] == [Registration] * 8
    assert count_by_status(activity) == {"confirmed": 8}


def test_with_the_lock_three_get_a_place_and_five_wait(monkeypatch):
    activity, results = rush(monkeypatch, lock=True)

    assert [type(result) for result in results] == [Registration] * 8
    assert count_by_status(activity) == {"confirmed": 3, "waitlisted": 5}
    waiting = Registration.objects.filter(activity=activity, status="waitlisted")
    assert [service.waitlist_position(r) for r in waiting.order_by("waitlisted_at", "pk")] == [
        1,
        2,
        3,
        4,
        5,
    ]
    # Everyone on the list was told a different place, and it is still their place.
    told = {r.pk: r.position_at_registration for r in results if r.status == "waitlisted"}
    assert sorted(told.values()) == [1, 2, 3, 4, 5]
    assert {r.pk: service.waitlist_position(r) for r in waiting} == told


def test_a_request_that_gets_the_lock_later_joins_the_line_behind(monkeypatch):
    """The line is the order of the lock, not of the requests' first moment: a request that
    came in first but got the lock second is second, and both are told their true place."""
    activity = ActivityFactory(capacity=1)
    RegistrationFactory(activity=activity, status=RegistrationStatus.CONFIRMED)
    first_in, overtaker = UserFactory.create_batch(2)
    overtaken: dict[str, Registration] = {}
    original = service._locked_activity

    def lock_after_the_overtaker(activity_id):
        # In first_in's transaction, before its lock, the overtaker registers (only once: the
        # overtaker's own registration comes through here too).
        if threading.current_thread() is threading.main_thread():
            thread = threading.Thread(target=overtake)
            thread.start()
            thread.join(JOIN_TIMEOUT)
        return original(activity_id)

    def overtake():
        try:
            overtaken["registration"] = registration_create(
                activity_id=activity.pk, person=overtaker
            )
        finally:
            connections.close_all()

    monkeypatch.setattr(service, "_locked_activity", lock_after_the_overtaker)
    mine = registration_create(activity_id=activity.pk, person=first_in)
    theirs = overtaken["registration"]

    assert (theirs.position_at_registration, mine.position_at_registration) == (1, 2)
    assert (service.waitlist_position(theirs), service.waitlist_position(mine)) == (1, 2)


# --- (b1) an offer is taken just as it expires --------------------------------------------------
#
# Capacity 1. The place was freed earlier and offered to the first on the waiting list; the
# offer runs out at `deadline`. At that moment the expiry job passes the place to the next person
# while the first one clicks "take the place" a fraction earlier. Without the lock both get it.


def offer_taken_as_it_expires(monkeypatch, *, lock: bool):
    monkeypatch.setattr(service, "LOCK_ROWS", lock)
    activity = ActivityFactory(capacity=1)
    deadline = timezone.now() + timedelta(hours=1)
    offered = RegistrationFactory(
        activity=activity, status=RegistrationStatus.OFFERED, offered_until=deadline
    )
    next_in_line = RegistrationFactory(
        activity=activity, status=RegistrationStatus.WAITLISTED, waitlisted_at=timezone.now()
    )

    results = run_against_a_paused_writer(
        monkeypatch,
        freeing=lambda: offers_expire(
            activity_id=activity.pk, now=deadline + timedelta(milliseconds=100)
        ),
        competing=lambda: offer_accept(
            registration_id=offered.pk,
            person=offered.person,
            now=deadline - timedelta(milliseconds=100),
        ),
    )
    offered.refresh_from_db()
    next_in_line.refresh_from_db()
    return activity, results, offered, next_in_line


def test_without_the_lock_an_expiring_offer_goes_to_two_people(monkeypatch):
    activity, results, offered, next_in_line = offer_taken_as_it_expires(monkeypatch, lock=False)

    assert results[0] == 1
    assert (offered.status, next_in_line.status) == ("confirmed", "offered")
    assert seats_held(activity) == 2


def test_with_the_lock_an_expiring_offer_goes_to_one_person(monkeypatch):
    activity, results, offered, next_in_line = offer_taken_as_it_expires(monkeypatch, lock=True)

    assert results[0] == 1
    assert isinstance(results[1], RegistrationError)
    assert results[1].code == "no_offer"
    assert (offered.status, next_in_line.status) == ("expired", "offered")
    assert seats_held(activity) == 1


# --- (b2) the holder cancels while passing the place to a colleague ----------------------------
#
# Capacity 1, one holder and two people waiting. The holder clicks "cancel" in one tab and "send
# a colleague instead" in another. The cancellation offers the place to the first on the waiting
# list; without the lock the transfer, which read the holder's place before the cancellation
# committed, also gives it to the colleague.


def cancel_while_passing_on(monkeypatch, *, lock: bool):
    monkeypatch.setattr(service, "LOCK_ROWS", lock)
    school = OrganisationFactory()
    holder = AffiliationFactory(organisation=school).person
    colleague = AffiliationFactory(organisation=school).person
    activity = ActivityFactory(capacity=1)
    seat = RegistrationFactory(activity=activity, person=holder, organisation=school)
    waiting = [
        RegistrationFactory(
            activity=activity, status=RegistrationStatus.WAITLISTED, waitlisted_at=timezone.now()
        )
        for _ in range(2)
    ]

    results = run_against_a_paused_writer(
        monkeypatch,
        freeing=lambda: registration_cancel(registration_id=seat.pk, actor=holder),
        competing=lambda: registration_transfer(
            registration_id=seat.pk, person=holder, colleague_email=colleague.email
        ),
    )
    held = Registration.objects.filter(activity=activity, status__in=SEAT_HOLDING)
    holders = {r.person_id: r.status for r in held}
    return activity, results, holders, colleague, waiting


def test_without_the_lock_a_cancelled_place_goes_to_the_waiting_list_and_a_colleague(
    monkeypatch,
):
    activity, results, holders, colleague, waiting = cancel_while_passing_on(
        monkeypatch, lock=False
    )

    assert [type(result) for result in results] == [Registration, Registration]
    assert holders == {waiting[0].person_id: "offered", colleague.pk: "confirmed"}
    assert seats_held(activity) == 2


def test_with_the_lock_a_cancelled_place_goes_to_the_first_on_the_waiting_list_only(
    monkeypatch,
):
    activity, results, holders, _colleague, waiting = cancel_while_passing_on(
        monkeypatch, lock=True
    )

    assert type(results[0]) is Registration
    assert isinstance(results[1], RegistrationError)
    assert results[1].code == "no_seat"
    assert holders == {waiting[0].person_id: "offered"}
    assert seats_held(activity) == 1


# --- (c) a school quota: one of two places is kept for school A --------------------------------


def quota_rush(monkeypatch, *, lock: bool):
    school_a, school_b = OrganisationFactory(), OrganisationFactory()
    activity = ActivityFactory(capacity=2, quota_release_at=timezone.now() + timedelta(days=7))
    SchoolQuota.objects.create(activity=activity, organisation_id=school_a.pk, places=1)
    people_b = UserFactory.create_batch(5)
    widen_race(monkeypatch, lock=lock, parties=5)

    run_threads(
        [
            lambda person=person: registration_create(
                activity_id=activity.pk, person=person, organisation_id=school_b.pk
            )
            for person in people_b
        ]
    )
    monkeypatch.setattr(service, "race_window", lambda: None)
    from_a = registration_create(
        activity_id=activity.pk, person=UserFactory(), organisation_id=school_a.pk
    )
    return activity, from_a


def test_without_the_lock_school_b_takes_the_place_kept_for_school_a(monkeypatch):
    activity, from_a = quota_rush(monkeypatch, lock=False)

    assert count_by_status(activity) == {"confirmed": 5, "waitlisted": 1}
    assert from_a.status == "waitlisted"


def test_with_the_lock_school_b_gets_one_place_and_school_a_keeps_its_own(monkeypatch):
    activity, from_a = quota_rush(monkeypatch, lock=True)

    assert count_by_status(activity) == {"confirmed": 2, "waitlisted": 4}
    assert from_a.status == "confirmed"
    assert seats_held(activity) == 2


# --- a double submit: one person, five requests at once ----------------------------------------


@pytest.mark.parametrize("lock", [True, False], ids=["lock", "constraint-only"])
def test_a_double_submit_creates_one_registration(monkeypatch, lock):
    activity = ActivityFactory(capacity=3)
    person = UserFactory()
    widen_race(monkeypatch, lock=lock, parties=5)

    results = run_threads(
        [lambda: registration_create(activity_id=activity.pk, person=person) for _ in range(5)]
    )

    created = [r for r in results if isinstance(r, Registration)]
    refused = [r for r in results if isinstance(r, AlreadyRegistered)]
    assert (len(created), len(refused)) == (1, 4)
    assert {r.registration.pk for r in refused} == {created[0].pk}
    assert count_by_status(activity) == {"confirmed": 1}


# --- (d) a session with its own capacity: a small room in a larger series ---------------------
#
# The activity has ten places, its second session only three (a smaller lab). Eight people
# register at once: the activity has room for all of them, the session does not.


def session_rush(monkeypatch, *, lock: bool):
    activity = ActivityFactory(capacity=10, sessions=2)
    small = activity.sessions.order_by("starts_at").last()
    small.capacity = 3
    small.save(update_fields=["capacity"])
    people = UserFactory.create_batch(8)
    widen_race(monkeypatch, lock=lock, parties=8)

    results = run_threads(
        [
            lambda person=person: registration_create(activity_id=activity.pk, person=person)
            for person in people
        ]
    )
    return activity, small, results


def in_session(session) -> int:
    """People holding a place who will be at the session."""
    return (
        seats_held(session.activity)
        - SessionAbsence.objects.filter(
            session=session, registration__status__in=SEAT_HOLDING
        ).count()
    )


def test_without_the_lock_eight_people_get_a_session_with_three_places(monkeypatch):
    activity, small, results = session_rush(monkeypatch, lock=False)

    assert [type(result) for result in results] == [Registration] * 8
    assert count_by_status(activity) == {"confirmed": 8}
    assert in_session(small) == 8


def test_with_the_lock_three_get_the_session_and_five_wait(monkeypatch):
    activity, small, results = session_rush(monkeypatch, lock=True)

    assert [type(result) for result in results] == [Registration] * 8
    assert count_by_status(activity) == {"confirmed": 3, "waitlisted": 5}
    assert in_session(small) == 3


# --- (e) a freed session place: the one who gave it up comes back as a newcomer registers ------
#
# The session has one place. Its holder said they would miss it, so the place is free. Then, at
# the same moment, the holder says "I will be there after all" and someone new registers.


def session_place_claimed_twice(monkeypatch, *, lock: bool):
    activity = ActivityFactory(capacity=10, sessions=2)
    small = activity.sessions.order_by("starts_at").last()
    small.capacity = 1
    small.save(update_fields=["capacity"])
    holder = RegistrationFactory(activity=activity)
    SessionAbsence.objects.create(registration=holder, session=small)
    newcomer = UserFactory()
    widen_race(monkeypatch, lock=lock, parties=2)

    results = run_threads(
        [
            lambda: session_absence_set(registration=holder, session_id=small.pk, absent=False),
            lambda: registration_create(activity_id=activity.pk, person=newcomer),
        ]
    )
    return small, results


def test_without_the_lock_a_freed_session_place_goes_to_two_people(monkeypatch):
    small, results = session_place_claimed_twice(monkeypatch, lock=False)

    assert results[0] is None  # the holder is back
    assert results[1].status == "confirmed"  # and the newcomer got the same place
    assert in_session(small) == 2


def test_with_the_lock_a_freed_session_place_goes_to_one_person(monkeypatch):
    small, results = session_place_claimed_twice(monkeypatch, lock=True)

    back = results[0] is None
    newcomer_in = isinstance(results[1], Registration) and results[1].status == "confirmed"
    assert (back, newcomer_in) in {(True, False), (False, True)}
    if not back:
        assert results[0].code == "session_full"
    assert in_session(small) == 1
