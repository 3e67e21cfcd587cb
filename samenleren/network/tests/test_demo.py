import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Max
from django.test import RequestFactory

from samenleren.accounts.models import User
from samenleren.network.demo import DEMO_LOGINS
from samenleren.network.models import (
    Affiliation,
    Function,
    Lab,
    Organisation,
    Region,
    Role,
    RoleAssignment,
    StoFunction,
    Subregion,
)
from samenleren.network.validators import validate_brin, validate_coordinates, validate_postcode


def _counts() -> tuple[int, ...]:
    return (
        Region.objects.count(),
        Subregion.objects.count(),
        Organisation.objects.count(),
        User.objects.count(),
        EmailAddress.objects.count(),
        Affiliation.objects.count(),
        Affiliation.profiles.through.objects.count(),
        RoleAssignment.objects.count(),
        Lab.objects.count(),
        StoFunction.objects.count(),
    )


def _last_updates() -> tuple:
    return (
        Organisation.objects.aggregate(Max("updated_at"))["updated_at__max"],
        Affiliation.objects.aggregate(Max("updated_at"))["updated_at__max"],
        Lab.objects.aggregate(Max("updated_at"))["updated_at__max"],
    )


@pytest.mark.django_db
def test_demo_twice_creates_nothing_new_and_changes_nothing():
    call_command("demo", stdout=io.StringIO())
    first, first_updates = _counts(), _last_updates()

    call_command("demo", stdout=io.StringIO())

    assert _counts() == first
    assert _last_updates() == first_updates
    assert Subregion.objects.filter(region__slug="zuid-limburg").count() == 3
    assert 20 <= Organisation.objects.filter(region__slug="zuid-limburg").count() <= 30
    assert 250 <= User.objects.count() <= 350


@pytest.mark.django_db
def test_demo_prints_the_logins_with_the_password():
    out = io.StringIO()

    call_command("demo", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Demo-logins (wachtwoord: samenleren-demo):" in lines
    assert [email for email, _ in DEMO_LOGINS if not any(email in line for line in lines)] == []


@pytest.mark.django_db
def test_demo_logins_can_log_in():
    call_command("demo", stdout=io.StringIO())
    emails = [email for email, _ in DEMO_LOGINS]
    # Axes guards the login and needs a request to count failures against.
    request = RequestFactory().post("/accounts/login/")

    people = [authenticate(request, email=email, password="samenleren-demo") for email in emails]

    assert people == [User.objects.get(email=email) for email in emails]


@pytest.mark.django_db
def test_everyone_has_a_verified_primary_lowercase_ascii_address():
    call_command("demo", stdout=io.StringIO())

    emails = list(User.objects.values_list("email", flat=True))
    assert [e for e in emails if e != e.lower() or not e.isascii()] == []
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == len(emails)


@pytest.mark.django_db
def test_linda_coordinates_zuid_limburg():
    call_command("demo", stdout=io.StringIO())

    assert RoleAssignment.objects.filter(
        person__email="linda@samenleren.example",
        role=Role.COORDINATOR,
        region__slug="zuid-limburg",
    ).exists()


@pytest.mark.django_db
def test_demo_teacher_teaches_pie_at_a_vmbo_school():
    call_command("demo", stdout=io.StringIO())

    affiliation = Affiliation.objects.get(person__email="docent@demo.samenleren.example")
    assert (affiliation.function, affiliation.organisation.kind) == (Function.TEACHER, "vo")
    assert list(affiliation.profiles.values_list("code", flat=True)) == ["PIE"]


@pytest.mark.django_db
def test_every_vmbo_school_has_exactly_one_school_contact():
    call_command("demo", stdout=io.StringIO())

    contacts = [
        school.role_assignments.filter(role=Role.SCHOOL_CONTACT).count()
        for school in Organisation.objects.filter(kind="vo")
    ]
    assert contacts == [1] * len(contacts)


@pytest.mark.django_db
def test_schools_have_a_valid_brin_postcode_and_coordinates_in_the_netherlands():
    call_command("demo", stdout=io.StringIO())
    schools = list(Organisation.objects.filter(kind__in=["vo", "po", "mbo"]))

    for school in schools:
        validate_brin(school.brin)
        validate_postcode(school.postcode)
        validate_coordinates(school.latitude, school.longitude)
    incomplete = [s.name for s in schools if not (s.brin and s.postcode and s.latitude)]
    assert incomplete == []
