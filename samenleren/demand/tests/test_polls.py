from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from samenleren.accounts.tests.factories import UserFactory
from samenleren.demand.models import DatePoll, PollAnswer
from samenleren.demand.selectors.polls import best_option, poll_results
from samenleren.demand.services.polls import PollError, poll_answer, poll_open

from .factories import (
    CampaignCourseFactory,
    PledgeFactory,
    PollOptionFactory,
    SchoolHolidayFactory,
)

pytestmark = pytest.mark.django_db


def nl_subject(cc) -> str:
    with translation.override("nl"):
        return translation.gettext("Choose the dates: %(title)s") % {"title": cc.course.title}


def tipped():
    return CampaignCourseFactory(tipped_at=timezone.now())


def in_days(n: int):
    return timezone.localdate() + timedelta(days=n)


def test_a_poll_is_opened_and_the_pledgers_are_asked(django_capture_on_commit_callbacks):
    cc = tipped()
    PledgeFactory.create_batch(2, campaign_course=cc)

    with django_capture_on_commit_callbacks(execute=True):
        poll = poll_open(
            actor=UserFactory(),
            campaign_course=cc,
            deadline=timezone.now() + timedelta(days=7),
            options=[(in_days(20), time(13), time(17)), (in_days(27), time(13), time(17))],
        )

    assert poll.options.count() == 2
    assert len(mail.outbox) == 2
    assert [m.subject for m in mail.outbox] == [f"[Samen Leren] {nl_subject(cc)}"] * 2


def test_dates_in_the_school_holidays_are_refused():
    cc = tipped()
    holiday = SchoolHolidayFactory(
        region=cc.campaign.region, name="Kerstvakantie", starts_on=in_days(30), ends_on=in_days(43)
    )

    with pytest.raises(PollError) as error:
        poll_open(
            actor=UserFactory(),
            campaign_course=cc,
            deadline=timezone.now() + timedelta(days=7),
            options=[(in_days(20), time(13), time(17)), (in_days(31), time(13), time(17))],
        )

    label = in_days(31).strftime("%d-%m-%Y")
    assert error.value.messages == [
        f"{label} falls in the Kerstvakantie ({holiday.starts_on:%d-%m-%Y} – "
        f"{holiday.ends_on:%d-%m-%Y}). Choose another day."
    ]
    assert DatePoll.objects.count() == 0


def test_a_course_that_has_not_tipped_gets_no_poll():
    with pytest.raises(PollError) as error:
        poll_open(
            actor=UserFactory(),
            campaign_course=CampaignCourseFactory(),
            deadline=timezone.now() + timedelta(days=7),
            options=[(in_days(20), time(13), time(17))],
        )

    assert error.value.code == "not_tipped"


def test_options_before_the_deadline_or_ending_before_they_start_are_refused():
    with pytest.raises(PollError) as error:
        poll_open(
            actor=UserFactory(),
            campaign_course=tipped(),
            deadline=timezone.now() + timedelta(days=7),
            options=[(in_days(3), time(13), time(17)), (in_days(20), time(17), time(13))],
        )

    assert len(error.value.messages) == 2


def test_answers_are_saved_and_changed():
    option = PollOptionFactory()
    pledge = PledgeFactory(campaign_course=option.poll.campaign_course)

    poll_answer(poll=option.poll, person=pledge.person, answers={str(option.pk): "maybe"})
    poll_answer(poll=option.poll, person=pledge.person, answers={str(option.pk): "yes"})

    assert list(PollAnswer.objects.values_list("answer", flat=True)) == ["yes"]


def test_an_answer_for_an_option_that_does_not_exist_writes_nothing():
    option = PollOptionFactory()
    other = PollOptionFactory()  # another poll's option
    pledge = PledgeFactory(campaign_course=option.poll.campaign_course)

    with pytest.raises(PollError) as error:
        poll_answer(
            poll=option.poll,
            person=pledge.person,
            answers={str(option.pk): "yes", str(other.pk): "yes"},
        )

    assert error.value.messages == [
        f"The date option {other.pk} is not part of this poll. Reload the page and try again."
    ]
    assert PollAnswer.objects.count() == 0


def test_only_pledgers_answer_and_only_with_the_three_answers():
    option = PollOptionFactory()
    pledge = PledgeFactory(campaign_course=option.poll.campaign_course)

    with pytest.raises(PollError) as outsider:
        poll_answer(poll=option.poll, person=UserFactory(), answers={str(option.pk): "yes"})
    with pytest.raises(PollError) as nonsense:
        poll_answer(poll=option.poll, person=pledge.person, answers={str(option.pk): "misschien"})

    assert (outsider.value.code, nonsense.value.code) == ("not_pledged", "unknown_answer")
    assert PollAnswer.objects.count() == 0


def test_a_closed_poll_takes_no_answers():
    option = PollOptionFactory(poll__deadline=timezone.now() - timedelta(minutes=1))
    pledge = PledgeFactory(campaign_course=option.poll.campaign_course)

    with pytest.raises(PollError) as error:
        poll_answer(poll=option.poll, person=pledge.person, answers={str(option.pk): "yes"})

    assert error.value.code == "closed"


def test_the_best_option_has_most_yes_then_most_if_need_be():
    first = PollOptionFactory()
    poll = first.poll
    second, third = PollOptionFactory(poll=poll), PollOptionFactory(poll=poll)
    for answers in (
        {first: "yes", second: "yes", third: "no"},
        {first: "no", second: "yes", third: "yes"},
        {first: "yes", second: "maybe", third: "yes"},
    ):
        person = PledgeFactory(campaign_course=poll.campaign_course).person
        poll_answer(poll=poll, person=person, answers={str(o.pk): a for o, a in answers.items()})

    results = poll_results(poll=poll)

    assert [(r.yes, r.maybe, r.no) for r in results] == [(2, 0, 1), (2, 1, 0), (2, 0, 1)]
    assert best_option(results).option == second
