"""What a participant does in the browser: register, cancel, take a place, send a colleague,
miss a session, and see their own registrations."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import (
    QuestionKind,
    Registration,
    RegistrationStatus,
    SessionAbsence,
)
from samenleren.activities.services.registration import registration_cancel, registration_create
from samenleren.activities.tests.factories import (
    ActivityFactory,
    QuestionFactory,
    RegistrationFactory,
)
from samenleren.network.models import Function
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RoleAssignmentFactory,
)

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def statuses(activity) -> list[str]:
    return list(activity.registrations.order_by("pk").values_list("status", flat=True))


@pytest.fixture
def teacher():
    """An English-speaking teacher (TOA) at a school."""
    return AffiliationFactory(
        person=UserFactory(preferred_language="en"), function=Function.TOA
    ).person


def register_url(activity) -> str:
    return reverse("activities:register", args=[activity.pk])


def detail_url(activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def test_the_form_is_pre_filled_from_where_the_person_works(client, teacher):
    school = teacher.affiliations.get().organisation
    activity = ActivityFactory(catering=True)
    QuestionFactory(
        activity=activity, label="Welk profiel?", kind=QuestionKind.CHOICE, choices="PIE\nBWI"
    )
    QuestionFactory(activity=activity, label="Kom je met de auto?", kind=QuestionKind.YES_NO)
    client.force_login(teacher)

    response = client.get(detail_url(activity))

    form = response.context["form"]
    assert response.status_code == 200
    assert (form["organisation"].initial, form["function"].initial) == (school.pk, "toa")
    assert list(form.fields) == [
        "organisation",
        "function",
        "diet",
        f"question_{activity.questions.all()[0].pk}",
        f"question_{activity.questions.all()[1].pk}",
    ]
    page = response.content.decode()
    assert "<legend>Welk profiel?" in page
    assert 'type="radio"' in page


def test_without_catering_there_is_no_diet_question_and_without_a_school_it_is_optional(client):
    person = UserFactory(preferred_language="en")
    client.force_login(person)

    form = client.get(detail_url(ActivityFactory(catering=False))).context["form"]

    assert "diet" not in form.fields
    assert form.fields["organisation"].required is False
    assert "You have not told us where you work" in form.fields["organisation"].help_text


def test_registering_through_the_form_confirms_a_place(client, teacher):
    school = teacher.affiliations.get().organisation
    activity = ActivityFactory(title="Omgaan met korte lontjes", capacity=5, catering=True)
    client.force_login(teacher)

    response = client.post(
        register_url(activity), {"organisation": school.pk, "function": "", "diet": "vegetarisch"}
    )

    assert response.status_code == 302
    assert response.url == detail_url(activity)
    registration = Registration.objects.get(activity=activity)
    assert (registration.person, registration.status, registration.organisation) == (
        teacher,
        "confirmed",
        school,
    )
    assert (registration.function, registration.diet) == ("toa", "vegetarisch")
    assert messages_of(response) == [
        "You are registered for Omgaan met korte lontjes. A confirmation is on its way by e-mail."
    ]


def test_a_full_activity_puts_you_on_the_waiting_list_and_says_where(client, teacher):
    school = teacher.affiliations.get().organisation
    activity = ActivityFactory(title="TechLab-tour", capacity=1)
    RegistrationFactory(activity=activity)
    registration_create(activity_id=activity.pk, person=UserFactory())
    client.force_login(teacher)

    response = client.post(register_url(activity), {"organisation": school.pk})

    assert statuses(activity) == ["confirmed", "waitlisted", "waitlisted"]
    assert messages_of(response) == [
        "TechLab-tour is full, so you are on the waiting list at position 2. When a place comes "
        "free, it is offered to you automatically and you get an e-mail."
    ]
    page = client.get(detail_url(activity)).content.decode()
    assert "You are on the waiting list, at position 2." in page


def test_approval_needed_says_so(client, teacher):
    activity = ActivityFactory(title="Bezoek", requires_approval=True)
    client.force_login(teacher)

    response = client.post(
        register_url(activity), {"organisation": teacher.affiliations.get().organisation_id}
    )

    assert statuses(activity) == ["pending"]
    assert messages_of(response) == [
        "We have received your registration for Bezoek. It still needs approval; you will hear "
        "from us."
    ]


def test_a_missing_required_answer_shows_the_form_again_and_writes_nothing(client, teacher):
    activity = ActivityFactory()
    question = QuestionFactory(
        activity=activity,
        label="Welk profiel?",
        kind=QuestionKind.CHOICE,
        choices="PIE\nBWI",
        required=True,
    )
    client.force_login(teacher)

    response = client.post(
        register_url(activity), {"organisation": teacher.affiliations.get().organisation_id}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"question_{question.pk}": ["This field is required."]
    }
    assert f'aria-describedby="id_question_{question.pk}_errors"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_answers_are_stored_with_the_registration(client, teacher):
    activity = ActivityFactory()
    choice = QuestionFactory(
        activity=activity, kind=QuestionKind.CHOICE, choices="PIE\nBWI", required=True
    )
    yes_no = QuestionFactory(activity=activity, kind=QuestionKind.YES_NO)
    text = QuestionFactory(activity=activity, kind=QuestionKind.TEXT)
    client.force_login(teacher)

    client.post(
        register_url(activity),
        {
            "organisation": teacher.affiliations.get().organisation_id,
            f"question_{choice.pk}": "BWI",
            f"question_{yes_no.pk}": "yes",
            f"question_{text.pk}": "  Lasersnijder  ",
        },
    )

    assert Registration.objects.get().answers == {
        str(choice.pk): "BWI",
        str(yes_no.pk): "yes",
        str(text.pk): "Lasersnijder",
    }


def test_posting_twice_creates_one_registration(client, teacher):
    activity = ActivityFactory(capacity=5)
    data = {"organisation": teacher.affiliations.get().organisation_id}
    client.force_login(teacher)

    client.post(register_url(activity), data)
    second = client.post(register_url(activity), data)

    assert Registration.objects.filter(activity=activity).count() == 1
    assert second.status_code == 302
    assert messages_of(second)[-1] == "You are already registered for this activity."


def test_a_closed_registration_is_refused_with_the_reason(client, teacher):
    activity = ActivityFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    client.force_login(teacher)

    response = client.post(
        register_url(activity), {"organisation": teacher.affiliations.get().organisation_id}
    )

    assert response.status_code == 200
    assert "Registration for this activity has closed." in response.content.decode()
    assert Registration.objects.count() == 0


def test_registering_needs_a_login(client):
    activity = ActivityFactory()

    response = client.post(register_url(activity), {})

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={register_url(activity)}"


def test_cancelling_gives_the_place_to_the_first_on_the_waiting_list(client):
    activity = ActivityFactory(capacity=1, claim_hours=48)
    holder, first, second = (
        registration_create(activity_id=activity.pk, person=UserFactory(preferred_language="en"))
        for _ in range(3)
    )
    client.force_login(holder.person)

    response = client.post(reverse("activities:cancel", args=[holder.pk]))

    first.refresh_from_db()
    second.refresh_from_db()
    assert response.url == detail_url(activity)
    assert (first.status, second.status) == ("offered", "waitlisted")
    assert statuses(activity) == ["cancelled", "offered", "waitlisted"]
    assert messages_of(response) == [
        "Your registration has been cancelled. Thank you for letting us know."
    ]


def test_an_offered_place_can_be_taken_from_the_detail_page(client):
    activity = ActivityFactory(capacity=1, claim_hours=48)
    holder = registration_create(activity_id=activity.pk, person=UserFactory())
    waiting = registration_create(
        activity_id=activity.pk, person=UserFactory(preferred_language="en")
    )
    registration_cancel(registration_id=holder.pk, actor=holder.person)
    client.force_login(waiting.person)

    page = client.get(detail_url(activity)).content.decode()
    response = client.post(reverse("activities:accept", args=[waiting.pk]))

    assert "A place has come free for you. Take it before" in page
    assert statuses(activity) == ["cancelled", "confirmed"]
    assert messages_of(response) == [
        f"The place is yours: you are registered for {activity.title}."
    ]


def test_leaving_the_waiting_list(client):
    activity = ActivityFactory(capacity=1)
    registration_create(activity_id=activity.pk, person=UserFactory())
    waiting = registration_create(
        activity_id=activity.pk, person=UserFactory(preferred_language="en")
    )
    client.force_login(waiting.person)

    response = client.post(
        reverse("activities:cancel", args=[waiting.pk]), {"next": reverse("activities:mine")}
    )

    assert response.url == reverse("activities:mine")
    assert statuses(activity) == ["confirmed", "cancelled"]
    assert messages_of(response) == ["You have left the waiting list."]


def test_cancelling_after_the_deadline_shows_the_reason_and_changes_nothing(client):
    activity = ActivityFactory(cancellation_deadline=timezone.now() - timedelta(hours=1))
    registration = RegistrationFactory(
        activity=activity, person=UserFactory(preferred_language="en")
    )
    client.force_login(registration.person)

    response = client.post(reverse("activities:cancel", args=[registration.pk]))

    assert statuses(activity) == ["confirmed"]
    assert messages_of(response) == [
        "The deadline to cancel has passed. Send a colleague instead, or contact the coordinators."
    ]


def test_actions_are_post_only_and_on_your_own_registration(client):
    registration = RegistrationFactory()
    client.force_login(UserFactory())

    assert client.post(reverse("activities:cancel", args=[registration.pk])).status_code == 404
    client.force_login(registration.person)
    assert client.get(reverse("activities:cancel", args=[registration.pk])).status_code == 405
    assert statuses(registration.activity) == ["confirmed"]


def test_send_a_colleague_instead(client):
    school = OrganisationFactory()
    me = AffiliationFactory(organisation=school, person=UserFactory(preferred_language="en")).person
    colleague = AffiliationFactory(
        organisation=school, person=UserFactory(first_name="Anouk", last_name="Janssen")
    ).person
    activity = ActivityFactory()
    mine = registration_create(activity_id=activity.pk, person=me, organisation_id=school.pk)
    client.force_login(me)

    response = client.post(
        reverse("activities:transfer", args=[mine.pk]), {"email": colleague.email}
    )

    assert response.url == detail_url(activity)
    assert list(activity.registrations.order_by("pk").values_list("person", "status")) == [
        (me.pk, "cancelled"),
        (colleague.pk, "confirmed"),
    ]
    assert messages_of(response) == [
        "Your place has gone to Anouk Janssen, who gets an e-mail about it."
    ]


def test_sending_someone_from_another_school_shows_the_reason_on_the_form(client):
    school = OrganisationFactory()
    me = AffiliationFactory(organisation=school, person=UserFactory(preferred_language="en")).person
    stranger = AffiliationFactory().person
    activity = ActivityFactory()
    mine = registration_create(activity_id=activity.pk, person=me, organisation_id=school.pk)
    client.force_login(me)

    response = client.post(
        reverse("activities:transfer", args=[mine.pk]), {"email": stranger.email}
    )

    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["email"][0]
        .startswith("We cannot find a colleague with this e-mail address at your school.")
    )
    assert statuses(activity) == ["confirmed"]


def test_marking_a_session_as_missed_and_undoing_it(client):
    activity = ActivityFactory(sessions=2)
    second = activity.sessions.order_by("starts_at")[1]
    registration = RegistrationFactory(
        activity=activity, person=UserFactory(preferred_language="en")
    )
    client.force_login(registration.person)
    url = reverse("activities:absence", args=[registration.pk])

    page = client.get(detail_url(activity)).content.decode()
    missed = client.post(url, {"session": second.pk, "absent": "1"})
    after = client.get(detail_url(activity)).content.decode()

    assert "I will miss session 2" in page
    assert list(SessionAbsence.objects.values_list("session", flat=True)) == [second.pk]
    assert messages_of(missed) == ["Noted: you will miss this session."]
    assert "I will be at session 2 after all" in after

    client.post(url, {"session": second.pk, "absent": "0"})
    assert SessionAbsence.objects.count() == 0


def test_absence_needs_a_place_and_a_session_of_the_activity(client):
    registration = RegistrationFactory(
        status=RegistrationStatus.WAITLISTED,
        waitlisted_at=timezone.now(),
        person=UserFactory(preferred_language="en"),
    )
    other_session = ActivityFactory().sessions.get()
    client.force_login(registration.person)
    url = reverse("activities:absence", args=[registration.pk])

    waiting = client.post(
        url, {"session": registration.activity.sessions.get().pk, "absent": "1"}, follow=True
    )
    assert messages_of(waiting) == ["Only with a place can you say which sessions you will miss."]
    registration.status = RegistrationStatus.CONFIRMED
    registration.save()
    foreign = client.post(url, {"session": other_session.pk, "absent": "1"}, follow=True)

    assert messages_of(foreign) == ["This session is not part of the activity."]
    assert SessionAbsence.objects.count() == 0


def test_my_registrations_lists_upcoming_and_past(client):
    person = UserFactory(preferred_language="en")
    coming = RegistrationFactory(person=person, activity=ActivityFactory(title="Straks"))
    full = ActivityFactory(title="Vol", capacity=1)
    RegistrationFactory(activity=full)
    registration_create(activity_id=full.pk, person=person)
    RegistrationFactory(
        person=person, status=RegistrationStatus.CANCELLED, activity=ActivityFactory(title="Niet")
    )
    client.force_login(person)

    response = client.get(reverse("activities:mine"))

    assert response.status_code == 200
    assert [r.activity.title for r in response.context["upcoming"]] == ["Straks", "Vol"]
    assert [r.activity.title for r in response.context["page"].object_list] == ["Niet"]
    page = response.content.decode()
    assert "On the waiting list – position 1" in page
    assert coming.activity.title in page


def test_my_registrations_empty_state(client):
    client.force_login(UserFactory(preferred_language="en"))

    page = client.get(reverse("activities:mine")).content.decode()

    assert "You are not registered for anything coming up." in page
    assert "Make my calendar link" in page


def test_home_shows_the_next_five_registrations(client):
    person = UserFactory(preferred_language="en")
    for index in range(6):
        RegistrationFactory(person=person, activity=ActivityFactory(title=f"Activiteit {index}"))
    client.force_login(person)

    response = client.get(reverse("core:home"))

    section = next(s for s in response.context["sections"] if s.title == "Your registrations")
    assert len(section.context["registrations"]) == 5
    assert "All my registrations" in response.content.decode()


def test_home_invites_to_the_calendar_when_there_is_nothing(client):
    client.force_login(UserFactory(preferred_language="en"))

    page = client.get(reverse("core:home")).content.decode()

    assert "You are not registered for anything coming up. Have a look at the calendar" in page


def test_school_contact_registers_a_colleague_of_the_own_school(client):
    school = OrganisationFactory()
    contact = RoleAssignmentFactory(organisation_id=school.pk).person
    colleague = AffiliationFactory(organisation=school, function=Function.TOA)
    AffiliationFactory()  # someone of another school: not offered
    activity = ActivityFactory(capacity=1)
    client.force_login(contact)

    page = client.get(reverse("activities:register_colleague", args=[activity.pk]))
    response = client.post(
        reverse("activities:register_colleague", args=[activity.pk]),
        {"colleague": colleague.pk},
    )

    assert list(page.context["form"].fields["colleague"].queryset) == [colleague]
    assert response.status_code == 302
    registration = Registration.objects.get(activity=activity)
    assert (registration.person, registration.organisation, registration.function) == (
        colleague.person,
        school,
        "toa",
    )
    assert registration.registered_by == contact


def test_a_colleague_of_another_school_cannot_be_registered(client):
    school = OrganisationFactory()
    contact = RoleAssignmentFactory(organisation_id=school.pk).person
    stranger = AffiliationFactory()
    activity = ActivityFactory()
    client.force_login(contact)

    response = client.post(
        reverse("activities:register_colleague", args=[activity.pk]), {"colleague": stranger.pk}
    )

    assert response.status_code == 200
    assert "colleague" in response.context["form"].errors
    assert Registration.objects.count() == 0


def test_only_school_contacts_register_colleagues(client):
    client.force_login(AffiliationFactory().person)

    response = client.get(reverse("activities:register_colleague", args=[ActivityFactory().pk]))

    assert response.status_code == 403
