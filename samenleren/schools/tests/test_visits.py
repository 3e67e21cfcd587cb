from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenleren.core.models import AuditEntry
from samenleren.network.tests.factories import coordinator_of
from samenleren.schools.models import Visit
from samenleren.schools.services import schools_tick, visit_update
from samenleren.schools.tests.factories import IntakeFactory, VisitFactory

pytestmark = pytest.mark.django_db


def _day(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def _edit(visit: Visit, **changes) -> dict:
    """The edit form's fields as they stand, with some changed."""
    data = {
        "visited_on": visit.visited_on.isoformat(),
        "intake": visit.intake_id or "",
        "who": visit.who,
        "notes": visit.notes,
        "agreements": visit.agreements,
        "next_step": visit.next_step,
        "remind_on": visit.remind_on.isoformat() if visit.remind_on else "",
    }
    return {**data, **changes}


def _tick_on(day: date) -> dict[str, int]:
    moment = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    return schools_tick(now=moment + timedelta(hours=7))


@pytest.fixture
def visit(school):
    return VisitFactory(
        organisation=school["organisation"],
        author=school["coordinator"],
        visited_on=_day(-7),
        who="De TOA",
        agreements="De school stuurt vier namen.",
        remind_on=_day(7),
    )


def test_the_coordinator_logs_a_visit(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:school_visits", args=[school["organisation"].pk]),
        {
            "visited_on": _day(-1).isoformat(),
            "intake": intake.pk,
            "who": "Marieke Bemelmans en de TOA",
            "notes": "Rondleiding door het TechLab.",
            "agreements": "De school stuurt de namen van vier docenten.",
            "next_step": "Trainer zoeken",
            "remind_on": _day(14).isoformat(),
        },
    )

    visit = Visit.objects.get()
    assert response.status_code == 302
    assert (visit.author, visit.intake, visit.remind_on) == (
        school["coordinator"],
        intake,
        _day(14),
    )


def test_a_reminder_before_the_visit_is_refused(client, school):
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:school_visits", args=[school["organisation"].pk]),
        {"visited_on": "2026-03-04", "who": "De TOA", "remind_on": "2026-03-01"},
    )

    assert "De herinnering moet op of na het bezoek zijn." in response.text
    assert Visit.objects.count() == 0


def test_a_reminder_on_a_day_that_has_passed_is_refused(client, school):
    """It would go out at once instead of on the chosen day."""
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:school_visits", args=[school["organisation"].pk]),
        {"visited_on": _day(-10).isoformat(), "who": "De TOA", "remind_on": _day(-3).isoformat()},
    )

    assert (
        "De herinneringsdatum is al voorbij. Kies vandaag of een latere dag, of laat het veld leeg."
        in response.text
    )
    assert 'aria-invalid="true"' in response.text
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


# --- editing and removing a visit -----------------------------------------------------------


def test_the_visits_page_links_to_editing_and_removing_each_visit(client, school, visit):
    client.force_login(school["coordinator"])

    page = client.get(reverse("schools:school_visits", args=[school["organisation"].pk]))

    assert reverse("schools:visit_edit", args=[visit.pk]) in page.text
    assert reverse("schools:visit_delete", args=[visit.pk]) in page.text
    assert f'id="bezoek-{visit.pk}"' in page.text


def test_the_coordinator_edits_a_visit(client, school, visit):
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["coordinator"])
    url = reverse("schools:visit_edit", args=[visit.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _edit(
            visit,
            visited_on=_day(-6).isoformat(),
            intake=intake.pk,
            notes="Rondleiding en gesprek met de teamleider.",
            agreements="De school stuurt vijf namen.",
            next_step="Trainer vragen",
        ),
        follow=True,
    )

    visit.refresh_from_db()
    assert response.redirect_chain[-1][0] == (
        reverse("schools:school_visits", args=[school["organisation"].pk]) + f"#bezoek-{visit.pk}"
    )
    assert "Je wijzigingen in het bezoek zijn opgeslagen." in response.text
    assert (visit.visited_on, visit.intake, visit.agreements, visit.next_step) == (
        _day(-6),
        intake,
        "De school stuurt vijf namen.",
        "Trainer vragen",
    )
    assert (visit.organisation, visit.author) == (school["organisation"], school["coordinator"])
    assert AuditEntry.objects.filter(action="visit.update", data__visit_id=visit.pk).exists()


def test_another_coordinator_of_the_region_edits_and_the_author_keeps_the_reminder(
    client, school, visit
):
    colleague = coordinator_of(school["region"])
    client.force_login(colleague)

    page = client.get(reverse("schools:visit_edit", args=[visit.pk]))
    assert (
        f"{school['coordinator'].full_name}, die het bezoek vastlegde, krijgt op deze dag één "
        "keer een e-mail." in page.text
    )
    client.post(reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, who="De TOA en PIE"))

    visit.refresh_from_db()
    assert (visit.who, visit.author) == ("De TOA en PIE", school["coordinator"])


def test_a_wrong_edit_writes_nothing_and_says_what_to_fix(client, school, visit):
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:visit_edit", args=[visit.pk]),
        _edit(visit, notes="Nieuwe notities", remind_on=_day(-8).isoformat()),
    )

    assert response.status_code == 200
    assert "De herinnering moet op of na het bezoek zijn." in response.text
    assert 'aria-describedby="id_remind_on_helptext id_remind_on_errors"' in response.text
    visit.refresh_from_db()
    assert (visit.notes, visit.remind_on) == ("Rondleiding door het TechLab.", _day(7))


def test_a_question_of_another_school_cannot_be_chosen(client, school, visit):
    other = IntakeFactory()
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, intake=other.pk)
    )

    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.intake is None


def test_the_coordinator_removes_a_visit_after_confirming(client, school, visit):
    client.force_login(school["coordinator"])
    url = reverse("schools:visit_delete", args=[visit.pk])

    confirm = client.get(url)
    assert "Bezoek verwijderen?" in confirm.text
    assert "De school stuurt vier namen." in confirm.text
    assert Visit.objects.filter(pk=visit.pk).exists()  # the confirmation writes nothing

    response = client.post(url, follow=True)

    assert not Visit.objects.filter(pk=visit.pk).exists()
    assert response.redirect_chain[-1][0] == reverse(
        "schools:school_visits", args=[school["organisation"].pk]
    )
    assert "is verwijderd" in response.text
    assert AuditEntry.objects.filter(action="visit.delete", data__visit_id=visit.pk).exists()


def test_visits_of_another_region_cannot_be_edited_or_removed(client, school, visit):
    client.force_login(coordinator_of(school["region"].__class__.objects.create(name="Elders")))

    assert client.get(reverse("schools:visit_edit", args=[visit.pk])).status_code == 403
    assert client.post(reverse("schools:visit_delete", args=[visit.pk])).status_code == 403
    assert client.get(reverse("schools:visit_edit", args=[999999])).status_code == 404
    assert Visit.objects.filter(pk=visit.pk).exists()


# --- the reminder after an edit ------------------------------------------------------------------


def test_an_edit_that_keeps_the_date_sends_no_second_reminder(
    client, school, visit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _tick_on(_day(7))["reminders"] == 1
    client.force_login(school["coordinator"])
    page = client.get(reverse("schools:visit_edit", args=[visit.pk]))
    assert "De herinnering van" in page.text  # says it has gone out

    client.post(reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, notes="Aangevuld"))

    with django_capture_on_commit_callbacks(execute=True):
        assert _tick_on(_day(8))["reminders"] == 0
    assert len(mail.outbox) == 1


def test_a_sent_reminder_moved_to_a_later_day_is_sent_again_on_that_day(
    client, school, visit, django_capture_on_commit_callbacks
):
    visit.remind_on = timezone.localdate()
    visit.save(update_fields=["remind_on"])
    with django_capture_on_commit_callbacks(execute=True):
        assert _tick_on(timezone.localdate())["reminders"] == 1
    client.force_login(school["coordinator"])

    client.post(
        reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, remind_on=_day(10).isoformat())
    )

    visit.refresh_from_db()
    assert (visit.remind_on, visit.reminder_sent_at) == (_day(10), None)
    with django_capture_on_commit_callbacks(execute=True):
        assert _tick_on(_day(9))["reminders"] == 0
        assert _tick_on(_day(10))["reminders"] == 1
        assert _tick_on(_day(11))["reminders"] == 0
    assert [m.to for m in mail.outbox] == [[school["coordinator"].email]] * 2


def test_a_reminder_moved_later_before_it_went_out_waits_for_the_new_day(
    client, school, visit, django_capture_on_commit_callbacks
):
    client.force_login(school["coordinator"])

    client.post(
        reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, remind_on=_day(20).isoformat())
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert _tick_on(_day(7))["reminders"] == 0
        assert _tick_on(_day(20))["reminders"] == 1


def test_a_reminder_moved_to_a_day_that_has_passed_is_refused(client, school, visit):
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, remind_on=_day(-1).isoformat())
    )

    assert "De herinneringsdatum is al voorbij." in response.text
    visit.refresh_from_db()
    assert visit.remind_on == _day(7)


def test_an_old_visit_whose_reminder_has_passed_can_still_be_edited(client, school, visit):
    Visit.objects.filter(pk=visit.pk).update(
        visited_on=_day(-40), remind_on=_day(-30), reminder_sent_at=timezone.now()
    )
    visit.refresh_from_db()
    client.force_login(school["coordinator"])

    client.post(reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, notes="Aangevuld"))

    visit.refresh_from_db()
    assert (visit.notes, visit.remind_on) == ("Aangevuld", _day(-30))
    assert visit.reminder_sent_at is not None


def test_an_edit_does_not_undo_a_reminder_the_clock_claimed_meanwhile(school, visit):
    """The coordinator opened the form before the clock ran: saving the notes afterwards must
    not clear the claim, or the reminder would go out twice."""
    stale = Visit.objects.get(pk=visit.pk)
    Visit.objects.filter(pk=visit.pk).update(reminder_sent_at=timezone.now())
    stale.notes = "Aangevuld"

    visit_update(actor=school["coordinator"], visit=stale)

    visit.refresh_from_db()
    assert visit.notes == "Aangevuld"
    assert visit.reminder_sent_at is not None


def test_a_reminder_set_on_a_visit_without_an_author_goes_to_the_editor(
    client, school, visit, django_capture_on_commit_callbacks
):
    Visit.objects.filter(pk=visit.pk).update(author=None, remind_on=None)
    visit.refresh_from_db()
    colleague = coordinator_of(school["region"])
    client.force_login(colleague)

    client.post(
        reverse("schools:visit_edit", args=[visit.pk]), _edit(visit, remind_on=_day(3).isoformat())
    )

    visit.refresh_from_db()
    assert visit.author == colleague
    with django_capture_on_commit_callbacks(execute=True):
        assert _tick_on(_day(3))["reminders"] == 1
    assert mail.outbox[0].to == [colleague.email]


def test_a_removed_visit_sends_no_reminder(
    client, school, visit, django_capture_on_commit_callbacks
):
    client.force_login(school["coordinator"])

    client.post(reverse("schools:visit_delete", args=[visit.pk]))

    with django_capture_on_commit_callbacks(execute=True):
        assert _tick_on(_day(7))["reminders"] == 0
    assert mail.outbox == []
