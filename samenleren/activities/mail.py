"""Mail about registrations, in the recipient's language, with a plain-text and an HTML part."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .ics import sessions_calendar
from .models import Registration


def _texts(kind: str, registration: Registration) -> tuple[str, list[str]]:
    """Subject and opening paragraphs per kind of mail."""
    title = registration.activity.title
    offered_until = (
        timezone.localtime(registration.offered_until).strftime("%d-%m-%Y %H:%M")
        if registration.offered_until
        else ""
    )
    texts = {
        "confirmed": (
            _("You are registered: %(title)s"),
            [_("You are registered for %(title)s. The dates are in the attached calendar file.")],
        ),
        "pending": (
            _("Registration received: %(title)s"),
            [
                _(
                    "We have received your registration for %(title)s. It still needs approval; you "
                    "will hear from us."
                )
            ],
        ),
        "waitlisted": (
            _("On the waiting list: %(title)s"),
            [
                _(
                    "%(title)s is full, so you are on the waiting list. When a place comes free, it is "
                    "offered to the next person in line automatically and you get an e-mail."
                )
            ],
        ),
        "offered": (
            _("A place is free for you: %(title)s"),
            [
                _(
                    "A place has come free for %(title)s and it is yours if you want it. Take it "
                    "before %(until)s; after that it goes to the next person on the waiting list."
                )
            ],
        ),
        "promoted": (
            _("You have a place: %(title)s"),
            [
                _(
                    "A place has come free for %(title)s and it is now yours. The dates are in the "
                    "attached calendar file."
                )
            ],
        ),
        "cancelled": (
            _("Cancelled: %(title)s"),
            [_("Your registration for %(title)s has been cancelled.")],
        ),
        "expired": (
            _("Offer expired: %(title)s"),
            [
                _(
                    "The place offered to you for %(title)s has gone to the next person, because it "
                    "was not taken in time."
                )
            ],
        ),
        "rejected": (
            _("Registration not approved: %(title)s"),
            [
                _(
                    "Your registration for %(title)s has not been approved. Please contact your "
                    "school contact or the coordinators if you have questions."
                )
            ],
        ),
        "transferred": (
            _("Your place went to a colleague: %(title)s"),
            [_("You passed on your place for %(title)s to a colleague.")],
        ),
        "reminder": (
            _("Reminder: %(title)s"),
            [_("A reminder: %(title)s is coming up. We look forward to seeing you.")],
        ),
        "changed": (
            _("Changed: %(title)s"),
            [
                _(
                    "The time or place of %(title)s has changed. The new dates are in the attached "
                    "calendar file."
                )
            ],
        ),
        "activity_cancelled": (
            _("Cancelled by the organisers: %(title)s"),
            [
                _("Unfortunately %(title)s does not go ahead."),
                registration.activity.cancelled_reason,
            ],
        ),
        "evaluation": (
            _("How was it? %(title)s"),
            [
                _(
                    "Thank you for taking part in %(title)s. Would you tell us in two minutes how it "
                    "was, and what you would like to learn or ask next?"
                )
            ],
        ),
    }
    subject, paragraphs = texts[kind]
    values = {"title": title, "until": offered_until}
    return subject % values, [p % values for p in paragraphs if p]


ATTACH_CALENDAR = {"confirmed", "promoted", "changed", "reminder"}


def registration_mail_send(*, registration_id: int, kind: str) -> None:
    registration = (
        Registration.objects.select_related("activity", "person", "activity__region")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    person = registration.person
    activity = registration.activity
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject, paragraphs = _texts(kind, registration)
        sessions = list(activity.sessions.select_related("venue", "lab"))
        context = {
            "person": person,
            "activity": activity,
            "registration": registration,
            "paragraphs": paragraphs,
            "sessions": sessions,
            "kind": kind,
            "url": settings.SITE_URL + reverse("activities:detail", args=[activity.pk]),
            "evaluation_url": settings.SITE_URL
            + reverse("activities:evaluate", args=[registration.pk]),
            "show_link": registration.holds_seat,
        }
        text = render_to_string("activities/mail/registration.txt", context)
        html = render_to_string("activities/mail/registration.html", context)
        message = EmailMultiAlternatives(
            subject=f"[Samen Leren] {subject}", body=text, to=[person.email]
        )
        message.attach_alternative(html, "text/html")
        if kind in ATTACH_CALENDAR:
            message.attach(
                "samenleren.ics",
                sessions_calendar(activity.title, sessions, with_links=True),
                "text/calendar",
            )
        message.send()
