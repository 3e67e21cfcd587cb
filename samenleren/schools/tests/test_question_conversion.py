"""A question on the board becomes a draft school question (issue 6, COMMUNITY_CONVERSIONS)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from samenleren.accounts.tests.factories import UserFactory
from samenleren.community.models import QuestionStatus
from samenleren.community.tests.factories import QuestionFactory
from samenleren.network.models import Role
from samenleren.network.tests.factories import (
    OrganisationFactory,
    RegionFactory,
    RoleAssignmentFactory,
    coordinator_of,
)
from samenleren.schools.models import Intake, IntakeStatus

pytestmark = pytest.mark.django_db

TEXT = "Wie kan onze collega's leren werken met de lasersnijder? Nu kan alleen de TOA het."


@pytest.fixture
def question(school):
    return QuestionFactory(region=school["region"], organisation=school["organisation"], text=TEXT)


def _url(question) -> str:
    return f"{reverse('schools:intake_from_question')}?question={question.pk}"


def test_the_conversion_is_offered_on_the_question_to_coordinators(client, school, question):
    client.force_login(school["coordinator"])

    page = client.get(question.get_absolute_url())

    assert _url(question) in page.text
    assert "School question (draft)" in page.text or "Schoolvraag (concept)" in page.text


def test_a_coordinator_makes_a_draft_school_question_and_the_contact_is_asked_to_complete_it(
    client, school, question, django_capture_on_commit_callbacks
):
    client.force_login(school["coordinator"])
    page = client.get(_url(question))
    assert page.status_code == 200
    assert Intake.objects.count() == 0  # GET writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(question), {"organisation": school["organisation"].pk})

    intake = Intake.objects.get()
    assert response.url == question.get_absolute_url()
    assert (intake.status, intake.organisation, intake.aim, intake.created_by) == (
        IntakeStatus.DRAFT,
        school["organisation"],
        TEXT,
        school["coordinator"],
    )
    question.refresh_from_db()
    school_page = reverse("network:organisation_detail", args=[school["organisation"].pk])
    assert (question.status, question.converted_kind, question.converted_url) == (
        QuestionStatus.CONVERTED,
        "intake",
        f"{school_page}#schoolvragen",
    )
    assert [m.to for m in mail.outbox] == [[school["contact"].email]]
    summary = reverse("schools:intake_summary", args=[intake.pk])
    assert summary in mail.outbox[0].body
    assert summary in mail.outbox[0].alternatives[0][0]
    # The contact finds the draft on the school page and can go on with it.
    client.force_login(school["contact"])
    assert summary in client.get(school_page).text
    assert client.get(reverse("schools:intake_step", args=[intake.pk, "doel"])).status_code == 200


def test_the_coordinator_may_choose_another_school_of_the_region_but_not_of_another(
    client, school, question
):
    other = OrganisationFactory(region=school["region"], name="Rosveld College")
    elsewhere = OrganisationFactory(name="Elders College")
    client.force_login(school["coordinator"])

    refused = client.post(_url(question), {"organisation": elsewhere.pk})
    assert refused.status_code == 200
    assert Intake.objects.count() == 0
    client.post(_url(question), {"organisation": other.pk})

    assert Intake.objects.get().organisation == other


def test_a_question_without_a_school_asks_the_coordinator_to_choose_one(client, school):
    question = QuestionFactory(region=school["region"], organisation=None, text=TEXT)
    client.force_login(school["coordinator"])

    client.post(_url(question), {"organisation": ""})
    assert Intake.objects.count() == 0
    client.post(_url(question), {"organisation": school["organisation"].pk})

    assert Intake.objects.get().organisation == school["organisation"]


def test_a_converted_question_is_not_converted_again(client, school, question):
    client.force_login(school["coordinator"])
    client.post(_url(question), {"organisation": school["organisation"].pk})

    again = client.post(_url(question), {"organisation": school["organisation"].pk})

    assert again.status_code == 200
    assert Intake.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("contact", 403), ("teacher", 403), ("other", 404)])
def test_only_a_coordinator_of_the_questions_region_converts(client, school, question, who, status):
    people = {
        "contact": school["contact"],
        "teacher": school["teacher"],
        "other": coordinator_of(RegionFactory()),
    }
    client.force_login(people[who])

    assert client.get(_url(question)).status_code == status
    assert (
        client.post(_url(question), {"organisation": school["organisation"].pk}).status_code
        == status
    )
    question.refresh_from_db()
    assert (Intake.objects.count(), question.status) == (0, QuestionStatus.NEW)


def test_anonymous_visitors_are_sent_to_log_in_and_bad_ids_are_not_found(client, school, question):
    assert client.post(_url(question)).status_code == 302
    client.force_login(school["coordinator"])
    url = reverse("schools:intake_from_question")
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?question=abc").status_code == 404
    assert client.get(f"{url}?question=999999").status_code == 404


def test_writes_need_post_and_the_csrf_token(client, school, question):
    client.force_login(school["coordinator"])
    assert client.put(_url(question)).status_code == 405
    assert client.delete(_url(question)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(school["coordinator"])

    assert (
        strict.post(_url(question), {"organisation": school["organisation"].pk}).status_code == 403
    )
    assert Intake.objects.count() == 0


# --- who is asked, and what the coordinator is told ---------------------------------------------


def test_the_contact_is_mailed_in_their_language_and_the_coordinator_is_told_who(
    client, school, question, django_capture_on_commit_callbacks
):
    school["contact"].preferred_language = "en"
    school["contact"].save(update_fields=["preferred_language"])
    client.force_login(school["coordinator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(question), {"organisation": school["organisation"].pk}, follow=True
        )

    (message,) = mail.outbox
    assert message.to == [school["contact"].email]
    assert message.subject == "[Samen Leren] A school question is ready for Maasoever Vakcollege"
    assert "Complete the remaining steps and submit the question" in message.body  # plain text
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert '<html lang="en">' in html
    assert (
        "Er is een concept-schoolvraag gemaakt voor Maasoever Vakcollege. Marieke Bemelmans "
        "krijgt een e-mail met het verzoek hem aan te vullen en in te dienen."
    ) in response.text


def test_every_contact_is_mailed_and_named(
    client, school, question, django_capture_on_commit_callbacks
):
    second = UserFactory(first_name="Joep", last_name="Hermans")
    RoleAssignmentFactory(
        person=second, role=Role.SCHOOL_CONTACT, organisation=school["organisation"]
    )
    client.force_login(school["coordinator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(question), {"organisation": school["organisation"].pk}, follow=True
        )

    assert sorted(m.to[0] for m in mail.outbox) == sorted([school["contact"].email, second.email])
    assert "Joep Hermans en Marieke Bemelmans krijgen een e-mail" in response.text


@pytest.mark.parametrize("case", ["no contact", "contact without an active account"])
def test_a_school_without_a_contact_gets_the_draft_and_nobody_is_mailed(
    client, school, question, django_capture_on_commit_callbacks, case
):
    target = OrganisationFactory(region=school["region"], name="Rosveld College")
    if case == "contact without an active account":
        gone = UserFactory(is_active=False)
        RoleAssignmentFactory(person=gone, role=Role.SCHOOL_CONTACT, organisation=target)
    client.force_login(school["coordinator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(question), {"organisation": target.pk}, follow=True)

    assert mail.outbox == []
    intake = Intake.objects.get()
    assert (intake.organisation, intake.status) == (target, IntakeStatus.DRAFT)
    question.refresh_from_db()
    assert question.status == QuestionStatus.CONVERTED
    text = response.text
    assert (
        "Er is een concept-schoolvraag gemaakt voor Rosveld College, maar die school heeft nog "
        "geen schoolcontactpersoon. Daarom heeft niemand een e-mail gekregen. Geef iemand van "
        "de school de rol schoolcontactpersoon: die krijgt dan binnen een dag een e-mail met het "
        "verzoek het concept aan te vullen."
    ) in text
    assert "krijgt een e-mail met het verzoek" not in text
    people = (
        reverse("network:people_list")
        + "?"
        + urlencode({"organisatie": target.pk, "regio": school["region"].slug})
    )
    assert f'<a href="{people.replace("&", "&amp;")}">Mensen van Rosveld College</a>' in text
    # The link leads the coordinator to the school's people, where roles are given.
    assert client.get(people).status_code == 200


def test_the_choice_of_school_says_which_schools_have_no_contact_yet(client, school, question):
    OrganisationFactory(region=school["region"], name="Rosveld College")
    client.force_login(school["coordinator"])

    page = client.get(_url(question))

    assert "Rosveld College (nog geen schoolcontactpersoon)" in page.text
    assert "Maasoever Vakcollege (nog geen" not in page.text
    assert "Maasoever Vakcollege</option>" in page.text
