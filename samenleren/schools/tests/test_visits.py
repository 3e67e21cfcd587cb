from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenleren.schools.models import Visit
from samenleren.schools.tests.factories import IntakeFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_logs_a_visit(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:school_visits", args=[school["organisation"].pk]),
        {
            "visited_on": "2026-03-04",
            "intake": intake.pk,
            "who": "Marieke Bemelmans en de TOA",
            "notes": "Rondleiding door het TechLab.",
            "agreements": "De school stuurt de namen van vier docenten.",
            "next_step": "Trainer zoeken",
            "remind_on": "2026-03-18",
        },
    )

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert (visit.author, visit.intake, visit.remind_on) == (
        school["coordinator"],
        intake,
        date(2026, 3, 18),
    )


def test_a_reminder_before_the_visit_is_refused(client, school):
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:school_visits", args=[school["organisation"].pk]),
        {"visited_on": "2026-03-04", "who": "De TOA", "remind_on": "2026-03-01"},
    )

    assert "De herinnering moet op of na het bezoek zijn." in response.text
    assert Visit.objects.count() == 0


def test_reminders_are_mailed_once_in_the_authors_language(
    school, django_capture_on_commit_callbacks
):
    school["coordinator"].preferred_language = "en"
    school["coordinator"].save(update_fields=["preferred_language"])
    today = timezone.localdate()
    VisitFactory(
        organisation=school["organisation"],
        author=school["coordinator"],
        remind_on=today,
        next_step="Trainer zoeken",
    )
    VisitFactory(
        organisation=school["organisation"],
        author=school["coordinator"],
        remind_on=today + timedelta(days=3),
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("schools_tick", verbosity=0)
        call_command("schools_tick", verbosity=0)

    (message,) = mail.outbox
    assert message.to == [school["coordinator"].email]
    assert message.subject == "[Samen Leren] Reminder: Maasoever Vakcollege"
    assert "Trainer zoeken" in message.body
    assert message.alternatives[0][1] == "text/html"
