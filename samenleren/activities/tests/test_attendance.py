from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import Attendance, RegistrationStatus
from samenleren.activities.selectors.attendance import attendance_rows, confirmed_registrations
from samenleren.activities.services.attendance import (
    CheckinError,
    attendance_checkin,
    attendance_mark,
)
from samenleren.activities.services.registration import session_absence_set
from samenleren.activities.tests.factories import (
    ActivityFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.network.tests.factories import OrganisationFactory, coordinator_of

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
START = datetime(2026, 3, 10, 14, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests


def one_session_activity(**kwargs):
    activity = ActivityFactory(sessions=0, **kwargs)
    session = SessionFactory(
        activity=activity, starts_at=START, ends_at=START + timedelta(hours=3), study_hours=3
    )
    return activity, session


def trainer_of(activity):
    trainer = UserFactory(preferred_language="en")
    activity.trainers.add(trainer)
    return trainer


def marks(session) -> dict[int, tuple[bool, str]]:
    return {
        a.registration_id: (a.present, a.method) for a in Attendance.objects.filter(session=session)
    }


def test_marking_records_present_and_absent_for_every_confirmed_registration():
    activity, session = one_session_activity()
    came, stayed_away, also_away = RegistrationFactory.create_batch(3, activity=activity)
    waiting = RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED)
    trainer = trainer_of(activity)

    written = attendance_mark(
        session=session, actor=trainer, present_ids={came.pk, waiting.pk}, method="list"
    )

    assert written == 3
    assert marks(session) == {
        came.pk: (True, "list"),
        stayed_away.pk: (False, "list"),
        also_away.pk: (False, "list"),
    }


def test_marking_again_changes_what_changed_and_keeps_a_qr_check_in(time_machine):
    activity, session = one_session_activity()
    scanned, late, absent = RegistrationFactory.create_batch(3, activity=activity)
    trainer = trainer_of(activity)
    time_machine.move_to(START - timedelta(minutes=10), tick=False)
    attendance_checkin(session=session, person=scanned.person)
    attendance_mark(session=session, actor=trainer, present_ids={scanned.pk})

    written = attendance_mark(session=session, actor=trainer, present_ids={scanned.pk, late.pk})

    assert written == 1
    assert marks(session) == {
        scanned.pk: (True, "qr"),
        late.pk: (True, "list"),
        absent.pk: (False, "list"),
    }


def test_marking_one_page_leaves_the_other_rows_alone():
    activity, session = one_session_activity()
    first, _second = RegistrationFactory.create_batch(2, activity=activity)
    trainer = trainer_of(activity)

    attendance_mark(
        session=session, actor=trainer, present_ids={first.pk}, registration_ids={first.pk}
    )

    assert marks(session) == {first.pk: (True, "list")}


def test_people_who_sent_apologies_are_shown_as_such_on_the_list(client_for):
    activity, session = one_session_activity()
    apologised = RegistrationFactory(activity=activity)
    coming = RegistrationFactory(activity=activity)
    session_absence_set(
        registration=apologised,
        session_id=session.pk,
        absent=True,
        now=session.starts_at - timedelta(days=1),
    )
    registrations = list(confirmed_registrations(activity=activity).order_by("pk"))

    rows = attendance_rows(session=session, registrations=registrations)
    response = client_for(trainer_of(activity)).get(
        reverse("activities:attendance", args=[session.pk])
    )

    assert [(row.registration.pk, row.absent_in_advance) for row in rows] == [
        (apologised.pk, True),
        (coming.pk, False),
    ]
    assert response.status_code == 200
    assert (
        response.content.decode().count('<span class="tag">sent apologies for this session</span>')
        == 1
    )


def test_mark_everyone_present_leaves_out_who_sent_apologies(client_for):
    activity, session = one_session_activity()
    apologised, first, second = RegistrationFactory.create_batch(3, activity=activity)
    session_absence_set(
        registration=apologised,
        session_id=session.pk,
        absent=True,
        now=session.starts_at - timedelta(days=1),
    )
    client = client_for(trainer_of(activity))
    ids = [apologised.pk, first.pk, second.pk]

    response = client.post(
        reverse("activities:attendance", args=[session.pk]), {"shown": ids, "action": "all"}
    )

    assert response.status_code == 302
    assert marks(session) == {
        apologised.pk: (False, "list"),
        first.pk: (True, "list"),
        second.pk: (True, "list"),
    }


def test_the_list_form_saves_ticked_as_present_and_the_rest_as_absent(client_for):
    activity, session = one_session_activity()
    came, absent = RegistrationFactory.create_batch(2, activity=activity)
    client = client_for(coordinator_of(activity.region, preferred_language="en"))

    response = client.post(
        reverse("activities:attendance", args=[session.pk]),
        {"shown": [came.pk, absent.pk], "present": [came.pk], "action": "save"},
    )

    assert response.status_code == 302
    assert marks(session) == {came.pk: (True, "list"), absent.pk: (False, "list")}


def test_only_coordinators_and_trainers_of_the_activity_take_attendance(client_for):
    activity, session = one_session_activity()
    participant = RegistrationFactory(activity=activity).person
    other_trainer = trainer_of(ActivityFactory(region=activity.region))

    assert (
        client_for(participant).get(reverse("activities:attendance", args=[session.pk])).status_code
        == 403
    )
    assert (
        client_for(other_trainer)
        .post(reverse("activities:attendance", args=[session.pk]), {"action": "all"})
        .status_code
        == 403
    )
    assert (
        client_for(participant)
        .get(reverse("activities:participants", args=[activity.pk]))
        .status_code
        == 403
    )
    assert Attendance.objects.count() == 0


def test_the_qr_page_shows_the_check_in_address(client_for, settings):
    settings.SITE_URL = "https://samenleren.example"
    activity, session = one_session_activity()

    response = client_for(trainer_of(activity)).get(
        reverse("activities:checkin_qr", args=[session.pk])
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert f"https://samenleren.example/agenda/inchecken/{session.checkin_code}/" in content
    assert 'src="data:image/svg+xml' in content
    assert "style=" not in content


def test_participants_list_shows_organisation_function_and_diet(client_for):
    activity, _session = one_session_activity()
    school = OrganisationFactory(region=activity.region, name="Techniekcollege Parkstad")
    RegistrationFactory(
        activity=activity,
        person=UserFactory(first_name="Zoë", last_name="Brouwer"),
        organisation=school,
        function="toa",
        diet="Vegetarisch, geen noten",
    )
    RegistrationFactory(activity=activity, status=RegistrationStatus.WAITLISTED)

    response = client_for(trainer_of(activity)).get(
        reverse("activities:participants", args=[activity.pk])
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Zoë Brouwer" in content
    assert "Techniekcollege Parkstad" in content
    assert "Technical assistant (TOA)" in content
    assert "Vegetarisch, geen noten" in content
    assert "1 result" in content


def test_a_participant_checks_in_with_the_qr_code_on_the_day(client_for, time_machine):
    activity, session = one_session_activity()
    registration = RegistrationFactory(activity=activity)
    time_machine.move_to(START - timedelta(minutes=30), tick=False)
    client = client_for(registration.person)
    url = reverse("activities:checkin", args=[session.checkin_code])

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert response.status_code == 302
    assert marks(session) == {registration.pk: (True, "qr")}
    assert Attendance.objects.get().marked_by == registration.person


def test_checking_in_twice_keeps_one_row(time_machine):
    activity, session = one_session_activity()
    registration = RegistrationFactory(activity=activity)
    time_machine.move_to(START + timedelta(hours=1), tick=False)

    attendance_checkin(session=session, person=registration.person)
    attendance_checkin(session=session, person=registration.person)

    assert marks(session) == {registration.pk: (True, "qr")}


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (START - timedelta(hours=1, minutes=1), "too_early"),
        (START - timedelta(days=1), "too_early"),
        (START + timedelta(hours=3), "too_late"),
        (START + timedelta(days=1), "too_late"),
    ],
)
def test_check_in_outside_the_session_is_refused_and_writes_nothing(time_machine, moment, code):
    activity, session = one_session_activity()
    registration = RegistrationFactory(activity=activity)
    time_machine.move_to(moment, tick=False)

    with pytest.raises(CheckinError) as error:
        attendance_checkin(session=session, person=registration.person)

    assert error.value.code == code
    assert Attendance.objects.count() == 0


def test_check_in_too_early_says_when_it_opens(client_for, time_machine):
    activity, session = one_session_activity()
    registration = RegistrationFactory(
        activity=activity, person=UserFactory(preferred_language="en")
    )
    time_machine.move_to(START - timedelta(days=2), tick=False)

    response = client_for(registration.person).post(
        reverse("activities:checkin", args=[session.checkin_code])
    )

    assert response.status_code == 403
    assert "Check-in opens on Tuesday 10 March 2026 at 13:00" in response.content.decode()
    assert Attendance.objects.count() == 0


def test_someone_without_a_place_cannot_check_in(client_for, time_machine):
    activity, session = one_session_activity()
    RegistrationFactory(activity=activity)
    waiting = RegistrationFactory(
        activity=activity,
        status=RegistrationStatus.WAITLISTED,
        person=UserFactory(preferred_language="en"),
    )
    stranger = UserFactory(preferred_language="en")
    time_machine.move_to(START, tick=False)
    url = reverse("activities:checkin", args=[session.checkin_code])

    stranger_response = client_for(stranger).post(url)
    waiting_response = client_for(waiting.person).post(url)

    assert stranger_response.status_code == 403
    assert "You are not on the list of participants" in stranger_response.content.decode()
    assert waiting_response.status_code == 403
    assert Attendance.objects.count() == 0


def test_check_in_asks_to_log_in_first(client):
    _activity, session = one_session_activity()
    url = reverse("activities:checkin", args=[session.checkin_code])

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    assert Attendance.objects.count() == 0


def test_a_list_with_unknown_people_is_refused_and_writes_nothing(client_for):
    activity, session = one_session_activity()
    registration = RegistrationFactory(activity=activity)
    stranger = RegistrationFactory()

    response = client_for(trainer_of(activity)).post(
        reverse("activities:attendance", args=[session.pk]),
        {"shown": [registration.pk, stranger.pk], "present": [stranger.pk], "action": "save"},
    )

    assert response.status_code == 200
    assert "The list has changed since you opened it." in response.content.decode()
    assert Attendance.objects.count() == 0
