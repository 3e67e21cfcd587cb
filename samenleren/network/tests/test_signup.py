import pytest
from django.core import mail
from django.urls import reverse

from samenleren.accounts.models import User
from samenleren.accounts.tests.factories import UserFactory
from samenleren.network.models import Affiliation
from samenleren.network.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def signup_data(**overrides) -> dict:
    data = {
        "first_name": "Sanne",
        "last_name": "de Vries",
        "email": "sanne@school.example",
        "organisation": "",
        "organisation_other": "",
        "function": "teacher",
        "preferred_language": "nl",
        "password1": "een-lang-wachtwoord-42",
        "password2": "een-lang-wachtwoord-42",
    }
    data.update(overrides)
    return data


def test_signup_creates_person_with_affiliation_and_sends_verification(client):
    school = OrganisationFactory()

    response = client.post(
        reverse("account_signup"), signup_data(organisation=str(school.pk), function="mentor")
    )

    assert response.status_code == 302
    person = User.objects.get(email="sanne@school.example")
    assert (person.first_name, person.last_name) == ("Sanne", "de Vries")
    assert list(
        Affiliation.objects.filter(person=person).values_list("organisation_id", "function")
    ) == [(school.pk, "mentor")]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sanne@school.example"]


def test_verification_mail_is_in_the_chosen_language_with_a_plain_text_part(client):
    school = OrganisationFactory()

    client.post(
        reverse("account_signup"), signup_data(organisation=str(school.pk), preferred_language="en")
    )

    message = mail.outbox[0]
    assert "Confirm" in message.subject
    assert message.body.strip() != ""


def test_duplicate_email_is_refused_with_a_message_at_the_field(client):
    UserFactory(email="sanne@school.example")
    school = OrganisationFactory()

    response = client.post(
        reverse("account_signup"),
        signup_data(organisation=str(school.pk), email="Sanne@School.example"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Er is al een gebruiker geregistreerd met dit e-mailadres."
    ]
    assert User.objects.filter(email__iexact="sanne@school.example").count() == 1


def test_other_organisation_needs_a_name(client):
    response = client.post(reverse("account_signup"), signup_data(organisation="other"))

    assert response.status_code == 200
    assert "organisation_other" in response.context["form"].errors
    assert User.objects.count() == 0


def test_other_organisation_is_kept_as_a_note_without_affiliation(client):
    response = client.post(
        reverse("account_signup"),
        signup_data(organisation="other", organisation_other="Kinderopvang De Vlinder"),
    )

    assert response.status_code == 302
    person = User.objects.get(email="sanne@school.example")
    assert person.organisation_note == "Kinderopvang De Vlinder"
    assert person.affiliations.count() == 0


def test_inactive_organisation_cannot_be_chosen(client):
    school = OrganisationFactory(is_active=False)

    response = client.post(reverse("account_signup"), signup_data(organisation=str(school.pk)))

    assert "organisation" in response.context["form"].errors
    assert User.objects.count() == 0
