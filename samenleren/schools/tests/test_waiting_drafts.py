"""Drafts made from a board question for a school without a contact: once the school has a
contact, the daily clock tells them, once (schools_tick)."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.community.tests.factories import QuestionFactory
from samenleren.network.models import Role
from samenleren.network.tests.factories import OrganisationFactory, RoleAssignmentFactory
from samenleren.schools.models import Intake, IntakeStatus
from samenleren.schools.services import (
    intake_discard,
    intake_from_question,
    intake_step_save,
    intake_submit,
    schools_tick,
)

pytestmark = pytest.mark.django_db

LASER = "Wie kan onze collega's leren werken met de lasersnijder?"
SOLDER = "Hoe leren we de leerlingen veilig solderen?"


@pytest.fixture
def rosveld(school):
    """A school of the region without a school contact yet."""
    return OrganisationFactory(region=school["region"], name="Rosveld College")


def _draft(school, organisation, text: str) -> Intake:
    question = QuestionFactory(region=school["region"], organisation=organisation, text=text)
    intake, _contacts = intake_from_question(
        actor=school["coordinator"], question=question, organisation=organisation
    )
    return intake


def _tick(capture) -> dict[str, int]:
    with capture(execute=True):
        return schools_tick()


def test_a_contact_given_the_role_later_is_told_once_about_the_waiting_drafts(
    school, rosveld, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        laser = _draft(school, rosveld, LASER)
        solder = _draft(school, rosveld, SOLDER)
    assert mail.outbox == []
    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 0  # no contact: not claimed
    assert list(Intake.objects.values_list("contacts_told_at", flat=True)) == [None, None]

    contact = UserFactory(first_name="Joep", last_name="Hermans", preferred_language="en")
    RoleAssignmentFactory(person=contact, role=Role.SCHOOL_CONTACT, organisation=rosveld)
    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 1
    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 0

    (message,) = mail.outbox  # one mail for the school, listing both drafts
    assert message.to == [contact.email]
    assert message.subject == "[Samen Leren] 2 school questions are ready for Rosveld College"
    assert (
        "A coordinator has started 2 school questions for Rosveld College, based on questions "
        "asked on the question board:"
    ) in message.body  # the plain-text part, in the contact's language
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert '<html lang="en">' in html
    for intake, text in [(laser, LASER), (solder, SOLDER)]:
        summary = reverse("schools:intake_summary", args=[intake.pk])
        assert f"{text}\n\nComplete the school question: {settings.SITE_URL}{summary}" in (
            message.body
        )
        assert f'<a href="{settings.SITE_URL}{summary}">Complete the school question</a>' in html
    assert Intake.objects.filter(contacts_told_at__isnull=True).count() == 0


def test_the_mail_from_the_clock_is_dutch_for_a_dutch_contact_and_names_one_draft(
    school, rosveld, django_capture_on_commit_callbacks
):
    _draft(school, rosveld, LASER)
    contact = UserFactory(first_name="Joep", preferred_language="nl")
    RoleAssignmentFactory(person=contact, role=Role.SCHOOL_CONTACT, organisation=rosveld)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("schools_tick", verbosity=0)

    (message,) = mail.outbox
    assert message.subject == "[Samen Leren] Er staat een schoolvraag klaar voor Rosveld College"
    assert message.body.startswith("Hallo Joep,")
    assert LASER in message.body


def test_drafts_mailed_when_they_were_made_are_never_mailed_again(
    school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        intake = _draft(school, school["organisation"], LASER)
    assert [m.to for m in mail.outbox] == [[school["contact"].email]]
    assert intake.contacts_told_at is not None
    second = UserFactory()
    RoleAssignmentFactory(
        person=second, role=Role.SCHOOL_CONTACT, organisation=school["organisation"]
    )

    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 0
    assert len(mail.outbox) == 1


def test_a_draft_started_by_the_school_itself_is_not_mailed(
    client, school, django_capture_on_commit_callbacks
):
    client.force_login(school["contact"])
    client.post(reverse("schools:intake_new", args=[school["organisation"].pk]))
    assert Intake.objects.get().status == IntakeStatus.DRAFT

    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 0
    assert mail.outbox == []


def test_submitted_and_thrown_away_drafts_are_not_mailed(
    school, rosveld, django_capture_on_commit_callbacks
):
    submitted = _draft(school, rosveld, LASER)
    discarded = _draft(school, rosveld, SOLDER)
    contact = UserFactory()
    RoleAssignmentFactory(person=contact, role=Role.SCHOOL_CONTACT, organisation=rosveld)
    # The new contact found both on the school page before the clock ran.
    intake_step_save(
        actor=contact,
        intake=submitted,
        values={
            "target_group": "De docenten BWI.",
            "current_situation": "Alleen de TOA kan het.",
            "desired_situation": "Vier collega's kunnen het.",
            "preferred_forms": ["training"],
            "urgency": "this_term",
        },
    )
    intake_submit(actor=contact, intake=submitted)
    intake_discard(actor=contact, intake=discarded)

    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 0
    assert mail.outbox == []
    submitted.refresh_from_db()
    assert (submitted.status, submitted.contacts_told_at) == (IntakeStatus.NEW, None)


def test_a_contact_without_an_active_account_is_not_mailed_and_the_draft_waits(
    school, rosveld, django_capture_on_commit_callbacks
):
    _draft(school, rosveld, LASER)
    gone = UserFactory(is_active=False)
    RoleAssignmentFactory(person=gone, role=Role.SCHOOL_CONTACT, organisation=rosveld)

    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 0
    assert mail.outbox == []
    assert Intake.objects.get().contacts_told_at is None


def test_each_contact_of_each_school_gets_one_mail(
    school, rosveld, django_capture_on_commit_callbacks
):
    other = OrganisationFactory(region=school["region"], name="Heuvelland Lyceum")
    _draft(school, rosveld, LASER)
    _draft(school, rosveld, SOLDER)
    _draft(school, other, LASER)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    RoleAssignmentFactory(person=first, role=Role.SCHOOL_CONTACT, organisation=rosveld)
    RoleAssignmentFactory(person=second, role=Role.SCHOOL_CONTACT, organisation=rosveld)
    RoleAssignmentFactory(person=third, role=Role.SCHOOL_CONTACT, organisation=other)

    assert _tick(django_capture_on_commit_callbacks)["drafts_told"] == 3

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [
            (first.email, "[Samen Leren] 2 schoolvragen staan klaar voor Rosveld College"),
            (second.email, "[Samen Leren] 2 schoolvragen staan klaar voor Rosveld College"),
            (third.email, "[Samen Leren] Er staat een schoolvraag klaar voor Heuvelland Lyceum"),
        ]
    )
