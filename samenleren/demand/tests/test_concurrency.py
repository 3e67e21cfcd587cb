"""Tipping exactly once, on PostgreSQL with real threads (see docs/demand.md).

Minimum 3, two pledges already. Four people pledge at the same moment. First the negative
control: with the row lock off (`pledges.LOCK_ROWS = False`) and the gap between counting and
deciding widened (`pledges.race_window` waits on a barrier until every thread has counted),
each thread sees the course untipped with enough pledges, so everyone gets the "tipped" mail
several times. Then with the lock: the course's row is locked before counting, the threads
take turns, and the tip and its mail happen exactly once.

SQLite serialises writers and would hide the race, so this module runs on PostgreSQL only.
"""

import contextlib
import threading
from collections import Counter

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections

from samenleren.accounts.tests.factories import UserFactory
from samenleren.demand.models import Pledge
from samenleren.demand.services import pledges as service
from samenleren.demand.services.pledges import pledge_create
from samenleren.network.tests.factories import coordinator_of

from .factories import CampaignCourseFactory, PledgeFactory

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Races need PostgreSQL (SQLite serialises writers): set DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]

RACE_TIMEOUT = 20.0
LOCKED_TIMEOUT = 2.0
JOIN_TIMEOUT = 60.0
PLEDGERS = 4


def barrier_window(parties: int, timeout: float):
    barrier = threading.Barrier(parties, timeout=timeout)

    def wait() -> None:
        # With the lock only one thread at a time gets here: the barrier breaks, go on.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()

    return wait


def rush(monkeypatch, *, lock: bool):
    monkeypatch.setattr(service, "LOCK_ROWS", lock)
    monkeypatch.setattr(
        service, "race_window", barrier_window(PLEDGERS, LOCKED_TIMEOUT if lock else RACE_TIMEOUT)
    )
    cc = CampaignCourseFactory(course__min_participants=3, course__title="CNC-frezen")
    coordinator = coordinator_of(cc.campaign.region, preferred_language="en")
    PledgeFactory.create_batch(2, campaign_course=cc)
    people = UserFactory.create_batch(PLEDGERS, preferred_language="en")
    start = threading.Barrier(PLEDGERS, timeout=RACE_TIMEOUT)
    errors: list[Exception] = []

    def run(person) -> None:
        try:
            start.wait()
            pledge_create(campaign_course_id=cc.pk, person=person)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    assert ([t.is_alive() for t in threads], errors) == ([False] * PLEDGERS, [])
    tipped_mail = Counter(
        m.to[0] for m in mail.outbox if "Tipped" in m.subject or "Enough interest" in m.subject
    )
    return cc, coordinator, tipped_mail


def test_without_the_lock_the_coordinator_is_told_more_than_once(monkeypatch):
    cc, coordinator, tipped_mail = rush(monkeypatch, lock=False)

    assert Pledge.objects.filter(campaign_course=cc).count() == 6
    assert tipped_mail[coordinator.email] == PLEDGERS


def test_with_the_lock_the_course_tips_once_and_everyone_is_told_once(monkeypatch):
    cc, coordinator, tipped_mail = rush(monkeypatch, lock=True)

    assert Pledge.objects.filter(campaign_course=cc).count() == 6
    assert tipped_mail[coordinator.email] == 1
    assert set(tipped_mail.values()) == {1}
    cc.refresh_from_db()
    assert cc.tipped_at is not None
