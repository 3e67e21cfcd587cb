"""Mail of the interest campaigns, in the recipient's language, plain text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.activities.models import Activity, RegistrationStatus
from samenleren.network.models import Role, RoleAssignment

from .models import CampaignCourse, DatePoll, Pledge


def coordinators_of(region_id: int) -> list[User]:
    return [
        a.person
        for a in RoleAssignment.objects.filter(
            role=Role.COORDINATOR, region_id=region_id, person__is_active=True
        ).select_related("person")
    ]


def _send(person: User, make) -> None:
    """`make()` returns (subject, paragraphs, link label, url), called in the person's language."""
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject, paragraphs, label, url = make()
        context = {
            "LANGUAGE_CODE": translation.get_language(),
            "person": person,
            "subject": subject,
            "paragraphs": paragraphs,
            "label": label,
            "url": url,
        }
        message = EmailMultiAlternatives(
            subject=f"[Samen Leren] {subject}",
            body=render_to_string("demand/mail/message.txt", context),
            to=[person.email],
        )
        message.attach_alternative(
            render_to_string("demand/mail/message.html", context), "text/html"
        )
        message.send()


def _pledgers(campaign_course_id: int) -> list[User]:
    return [
        p.person
        for p in Pledge.objects.filter(
            campaign_course_id=campaign_course_id, withdrawn_at__isnull=True, person__is_active=True
        ).select_related("person")
    ]


def tipped_mail_send(*, campaign_course_id: int) -> None:
    """The course reached its minimum: the pledgers and the region's coordinators hear it."""
    cc = (
        CampaignCourse.objects.select_related("campaign", "course")
        .filter(pk=campaign_course_id)
        .first()
    )
    if cc is None:
        return
    public_url = settings.SITE_URL + reverse("demand:course", args=[cc.pk])
    manage_url = settings.SITE_URL + reverse("demand:manage_course", args=[cc.pk])
    values = {"title": cc.course.title, "minimum": cc.course.min_participants}

    def for_pledger():
        return (
            _("Enough interest: %(title)s can run in the region") % values,
            [
                _(
                    "Good news: %(title)s has reached its minimum of %(minimum)s participants in "
                    "the interest campaign. The coordinators will now look for a venue nearby and "
                    "ask you which dates suit you."
                )
                % values
            ],
            _("See the course"),
            public_url,
        )

    def for_coordinator():
        return (
            _("Tipped: %(title)s has reached its minimum") % values,
            [
                _(
                    "%(title)s has reached its minimum of %(minimum)s participants. Open a date "
                    "poll among the pledgers and choose a venue."
                )
                % values
            ],
            _("Manage the course"),
            manage_url,
        )

    pledgers = _pledgers(cc.pk)
    coordinators = coordinators_of(cc.campaign.region_id)
    coordinator_ids = {c.pk for c in coordinators}
    for person in pledgers:
        if person.pk not in coordinator_ids:
            _send(person, for_pledger)
    for person in coordinators:
        _send(person, for_coordinator)


def poll_mail_send(*, poll_id: int) -> None:
    poll = DatePoll.objects.select_related("campaign_course__course").filter(pk=poll_id).first()
    if poll is None:
        return
    url = settings.SITE_URL + reverse("demand:course", args=[poll.campaign_course_id])

    def make():
        values = {
            "title": poll.campaign_course.course.title,
            "deadline": timezone.localtime(poll.deadline).strftime("%d-%m-%Y %H:%M"),
        }
        return (
            _("Choose the dates: %(title)s") % values,
            [
                _(
                    "%(title)s goes ahead in the region. Which dates suit you? Answer yes, if need "
                    "be or no for each date before %(deadline)s."
                )
                % values
            ],
            _("Answer the date poll"),
            url,
        )

    for person in _pledgers(poll.campaign_course_id):
        _send(person, make)


def waitlist_mail_send(*, activity_id: int) -> None:
    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None:
        return
    waiting = activity.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
    url = settings.SITE_URL + reverse("activities:manage_edit", args=[activity.pk])

    def make():
        values = {"title": activity.title, "waiting": waiting}
        return (
            _("Long waiting list: %(title)s") % values,
            [
                _("%(waiting)s people are on the waiting list for %(title)s.") % values,
                _(
                    "That is enough for another session. Add a session or make a copy of the "
                    "activity; the waiting list gets the new places automatically when you raise "
                    "the number of places."
                ),
            ],
            _("Edit the activity"),
            url,
        )

    for person in coordinators_of(activity.region_id):
        _send(person, make)
