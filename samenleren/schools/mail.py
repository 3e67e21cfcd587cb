"""Mail of the school intake, in the recipient's language, with a plain-text and an HTML part."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenleren.accounts.models import User

from .models import Intake, IntakeStatus, Visit


def _send(*, person: User, subject: str, template: str, context: dict) -> None:
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        context = {**context, "person": person, "LANGUAGE_CODE": translation.get_language()}
        text = render_to_string(f"schools/mail/{template}.txt", context)
        html = render_to_string(f"schools/mail/{template}.html", context)
        message = EmailMultiAlternatives(
            subject=f"[Samen Leren] {context['subject']}", body=text, to=[person.email]
        )
        message.attach_alternative(html, "text/html")
        message.send()


def visit_reminder_mail_send(*, visit_id: int) -> None:
    visit = (
        Visit.objects.select_related("organisation", "author", "intake").filter(pk=visit_id).first()
    )
    if visit is None or visit.author is None:
        return
    person = visit.author
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Reminder: %(school)s") % {"school": visit.organisation.name}
        context = {
            "subject": subject,
            "visit": visit,
            "url": settings.SITE_URL
            + reverse("schools:school_visits", args=[visit.organisation_id]),
        }
        _send(person=person, subject=subject, template="visit_reminder", context=context)


def intake_submitted_mail_send(*, intake_id: int, person_id: int) -> None:
    intake = Intake.objects.select_related("organisation").filter(pk=intake_id).first()
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if intake is None or person is None:
        return
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject = _("New school question: %(school)s") % {"school": intake.organisation.name}
        context = {
            "subject": subject,
            "intake": intake,
            "url": settings.SITE_URL + reverse("schools:intake_detail", args=[intake.pk]),
        }
        _send(person=person, subject=subject, template="intake_submitted", context=context)


def _prepared_send(*, person: User, organisation, intakes: list[Intake]) -> None:
    """The school contact's mail about drafts a coordinator started, one mail for the school."""
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        count = len(intakes)
        subject = ngettext(
            "A school question is ready for %(school)s",
            "%(count)d school questions are ready for %(school)s",
            count,
        ) % {"school": organisation.name, "count": count}
        drafts = [
            (intake, settings.SITE_URL + reverse("schools:intake_summary", args=[intake.pk]))
            for intake in intakes
        ]
        context = {
            "subject": subject,
            "school": organisation.name,
            "count": count,
            "drafts": drafts,
        }
        _send(person=person, subject=subject, template="intake_prepared", context=context)


def intake_prepared_mail_send(*, intake_id: int, person_id: int) -> None:
    """To a school contact: a coordinator has started a school question for the school."""
    intake = Intake.objects.select_related("organisation").filter(pk=intake_id).first()
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if intake is None or person is None:
        return
    _prepared_send(person=person, organisation=intake.organisation, intakes=[intake])


def intakes_prepared_mail_send(
    *, organisation_id: int, person_id: int, intake_ids: list[int]
) -> None:
    """To a school contact, from `schools_tick`: the drafts started for the school before it had
    a contact. Drafts submitted or thrown away since are left out; none left, no mail."""
    intakes = list(
        Intake.objects.select_related("organisation")
        .filter(pk__in=intake_ids, organisation_id=organisation_id, status=IntakeStatus.DRAFT)
        .order_by("created_at", "pk")
    )
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if not intakes or person is None:
        return
    _prepared_send(person=person, organisation=intakes[0].organisation, intakes=intakes)
