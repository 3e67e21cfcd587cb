from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import Certificate
from samenleren.activities.pdf import pdf_text
from samenleren.activities.selectors.attendance import (
    attended_hours_of,
    certificate_hours_of,
    certificates_of,
)
from samenleren.activities.services.attendance import attendance_mark
from samenleren.activities.services.certificates import certificate_revoke, certificates_issue
from samenleren.activities.tests.factories import (
    ActivityFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.network.tests.factories import RegionFactory, coordinator_of

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 3, 2, 14, 0, tzinfo=AMSTERDAM)
HOURS = ["1", "2", "3", "4", "5.5"]


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests


def five_session_activity(**kwargs):
    """Five weekly sessions with 1, 2, 3, 4 and 5.5 study hours."""
    activity = ActivityFactory(
        sessions=0,
        region=RegionFactory(name="STO-regio Zuid-Limburg", slug="zuid-limburg"),
        title="Omgaan met korte lontjes",
        provider="Trainingsbureau Één & Co",
        **kwargs,
    )
    sessions = [
        SessionFactory(
            activity=activity,
            starts_at=START + timedelta(weeks=index),
            ends_at=START + timedelta(weeks=index, hours=3),
            study_hours=Decimal(hours),
        )
        for index, hours in enumerate(HOURS)
    ]
    return activity, sessions


def attend(sessions, pattern: dict):
    """pattern: registration -> indexes of the sessions attended; everyone else absent."""
    for index, session in enumerate(sessions):
        attendance_mark(
            session=session,
            actor=None,
            present_ids={r.pk for r, attended in pattern.items() if index in attended},
        )


def test_eighty_percent_of_five_sessions_is_four():
    activity, sessions = five_session_activity()
    four = RegistrationFactory(
        activity=activity, person=UserFactory(first_name="Zoë", last_name="van Daële")
    )
    three = RegistrationFactory(activity=activity)
    attend(sessions, {four: {0, 1, 2, 4}, three: {0, 1, 2}})

    issued = certificates_issue(activity=activity)

    assert issued == 1
    certificate = Certificate.objects.get()
    assert (
        certificate.registration,
        certificate.person,
        certificate.person_name,
        certificate.activity_title,
        certificate.provider,
        certificate.region_name,
        certificate.first_day,
        certificate.last_day,
        certificate.hours,
        certificate.sessions_attended,
        certificate.sessions_total,
    ) == (
        four,
        four.person,
        "Zoë van Daële",
        "Omgaan met korte lontjes",
        "Trainingsbureau Één & Co",
        "STO-regio Zuid-Limburg",
        date(2026, 3, 2),
        date(2026, 3, 30),
        Decimal("11.50"),
        4,
        5,
    )


def test_issuing_again_gives_nobody_a_second_certificate():
    activity, sessions = five_session_activity()
    early = RegistrationFactory(activity=activity)
    late = RegistrationFactory(activity=activity)
    attend(sessions, {early: {0, 1, 2, 3}, late: {0, 1, 2}})
    first = certificates_issue(activity=activity)
    attendance_mark(session=sessions[4], actor=None, present_ids={late.pk})  # corrected

    second = certificates_issue(activity=activity)
    third = certificates_issue(activity=activity)

    assert (first, second, third) == (1, 1, 0)
    assert sorted(Certificate.objects.values_list("registration_id", flat=True)) == [
        early.pk,
        late.pk,
    ]


def test_hours_of_a_person():
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(activity=activity)
    attend(sessions, {registration: {1, 2, 3, 4}})
    certificates_issue(activity=activity)

    assert certificate_hours_of(person=registration.person) == Decimal("14.50")
    assert attended_hours_of(person=registration.person) == Decimal("14.50")
    assert list(certificates_of(person=registration.person)) == [Certificate.objects.get()]


def test_the_owner_downloads_the_pdf_and_anyone_can_verify_it(client_for, client):
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(
        activity=activity,
        person=UserFactory(first_name="Zoë", last_name="Brouwer", email="zoe@school.example"),
    )
    attend(sessions, {registration: {0, 1, 2, 3, 4}})
    certificates_issue(activity=activity)
    certificate = Certificate.objects.get()

    verify = client.get(reverse("activities:certificate_verify", args=[certificate.code]))
    pdf = client_for(registration.person).get(
        reverse("activities:certificate_pdf", args=[certificate.code])
    )

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert verify.status_code == 200
    assert "Zoë Brouwer" in verify.content.decode()
    assert "Omgaan met korte lontjes" in verify.content.decode()
    assert "zoe@school.example" not in verify.content.decode()


def test_the_certificate_survives_deleting_the_activity(client_for, client):
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(
        activity=activity, person=UserFactory(first_name="Zoë", last_name="Brouwer")
    )
    person = registration.person
    attend(sessions, {registration: {0, 1, 2, 3}})
    certificates_issue(activity=activity)
    code = Certificate.objects.get().code

    activity.delete()

    verify = client.get(reverse("activities:certificate_verify", args=[code]))
    pdf = client_for(person).get(reverse("activities:certificate_pdf", args=[code]))
    assert Certificate.objects.get().registration is None
    assert verify.status_code == 200
    assert "Zoë Brouwer" in verify.content.decode()
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_coordinators_still_reach_the_certificate_after_the_activity_is_deleted(client_for):
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(activity=activity)
    attend(sessions, {registration: {0, 1, 2, 3}})
    certificates_issue(activity=activity)
    code = Certificate.objects.get().code
    coordinator = coordinator_of(activity.region)

    activity.delete()

    response = client_for(coordinator).get(reverse("activities:certificate_pdf", args=[code]))
    assert response.status_code == 200


def test_only_the_owner_and_the_coordinators_may_download(client_for):
    activity, sessions = five_session_activity()
    owner, classmate = RegistrationFactory.create_batch(2, activity=activity)
    attend(sessions, {owner: {0, 1, 2, 3, 4}, classmate: {0, 1, 2, 3, 4}})
    certificates_issue(activity=activity)
    url = reverse("activities:certificate_pdf", args=[owner.certificate.code])
    other_coordinator = coordinator_of(RegionFactory())

    assert client_for(classmate.person).get(url).status_code == 404
    assert client_for(other_coordinator).get(url).status_code == 404
    assert client_for(coordinator_of(activity.region)).get(url).status_code == 200


def test_the_pdf_is_in_the_owners_language(client_for):
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(
        activity=activity, person=UserFactory(preferred_language="en")
    )
    attend(sessions, {registration: {0, 1, 2, 3, 4}})
    certificates_issue(activity=activity)
    certificate = Certificate.objects.get()
    coordinator = coordinator_of(activity.region, preferred_language="nl")

    pdf = client_for(coordinator).get(
        reverse("activities:certificate_pdf", args=[certificate.code])
    )

    assert b"/Lang (en)" in pdf.content


def test_an_unknown_or_revoked_certificate_says_so(client):
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(activity=activity)
    attend(sessions, {registration: {0, 1, 2, 3, 4}})
    certificates_issue(activity=activity)
    certificate = Certificate.objects.get()
    certificate_revoke(certificate=certificate)

    revoked = client.get(
        reverse("activities:certificate_verify", args=[certificate.code]),
        headers={"accept-language": "en"},
    )
    unknown = client.get(
        reverse("activities:certificate_verify", args=["00000000-0000-4000-8000-000000000000"]),
        headers={"accept-language": "en"},
    )

    assert revoked.status_code == 200
    assert "no longer valid" in revoked.content.decode()
    assert unknown.status_code == 404
    assert "This certificate is unknown" in unknown.content.decode()


def test_the_manage_page_shows_who_qualifies(client_for):
    activity, sessions = five_session_activity()
    four = RegistrationFactory(activity=activity)
    three = RegistrationFactory(activity=activity)
    attend(sessions, {four: {0, 1, 2, 3}, three: {0, 1, 2}})
    client = client_for(coordinator_of(activity.region, preferred_language="en"))
    url = reverse("activities:certificates_manage", args=[activity.pk])

    page = client.get(url)
    only_not = client.get(url, {"voldoet": "nee"})
    issue = client.post(url)

    content = page.content.decode()
    assert page.status_code == 200
    assert "<td>80 %</td>" in content
    assert "<td>60 %</td>" in content
    assert "which is 4 sessions of 5" in content
    assert "<td>80 %</td>" not in only_not.content.decode()
    assert issue.status_code == 302
    assert list(Certificate.objects.values_list("registration_id", flat=True)) == [four.pk]


def test_trainers_and_participants_cannot_issue(client_for):
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(activity=activity)
    attend(sessions, {registration: {0, 1, 2, 3, 4}})
    trainer = UserFactory()
    activity.trainers.add(trainer)
    url = reverse("activities:certificates_manage", args=[activity.pk])

    assert client_for(trainer).post(url).status_code == 403
    assert client_for(registration.person).post(url).status_code == 403
    assert Certificate.objects.count() == 0


def test_my_certificates_lists_only_my_valid_ones(client_for):
    activity, sessions = five_session_activity()
    mine, theirs = RegistrationFactory.create_batch(2, activity=activity)
    attend(sessions, {mine: {0, 1, 2, 3, 4}, theirs: {0, 1, 2, 3, 4}})
    certificates_issue(activity=activity)

    response = client_for(mine.person).get(reverse("activities:my_certificates"))

    content = response.content.decode()
    assert response.status_code == 200
    assert str(mine.certificate.code) in content
    assert str(theirs.certificate.code) not in content


def test_text_outside_the_pdf_fonts_is_simplified():
    assert pdf_text("Zoë “Łukasz” Çelik – ĳs 😀") == "Zoë “Lukasz” Çelik – ijs ?"


def test_issued_at_is_now(time_machine):
    moment = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    time_machine.move_to(moment, tick=False)
    activity, sessions = five_session_activity()
    registration = RegistrationFactory(activity=activity)
    attend(sessions, {registration: {0, 1, 2, 3, 4}})

    certificates_issue(activity=activity)

    assert Certificate.objects.get().issued_at == moment
