"""Mail of the question board, in the recipient's language, as text and HTML. Sent by
tasks.send_community_mail, enqueued after the commit (services.checks.mail_after_commit)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samenleren.accounts.models import User

from .models import Answer, NetworkMeeting, Question


def _content(kind: str, person: User, data: dict) -> tuple[str, list[str], str, str, str] | None:
    """(subject, paragraphs, quote, link text, url) or None when the object is gone."""
    site = settings.SITE_URL
    if kind == "answer":
        # Hidden between the answer and the mail: the mail is not sent.
        question = Question.objects.filter(pk=data["question_id"], hidden_at__isnull=True).first()
        answer = Answer.objects.filter(pk=data["answer_id"], hidden_at__isnull=True).first()
        if question is None or answer is None:
            return None
        return (
            _("New answer: %(title)s") % {"title": question.headline},
            [_("There is a new answer to a question you follow on the question board.")],
            answer.text,
            _("Read the answer"),
            site + reverse("community:question", args=[question.pk]),
        )
    if kind == "contact":
        question = Question.objects.filter(pk=data["question_id"]).first()
        sender = User.objects.filter(pk=data["sender_id"]).first()
        if question is None or sender is None:
            return None
        return (
            _("%(name)s asks for your help") % {"name": sender.full_name},
            [
                _(
                    "%(name)s found you as someone who can help with this question on the "
                    "question board, and wrote:"
                )
                % {"name": sender.full_name},
                _(
                    "Reply to this mail to answer %(name)s directly (your reply shows your "
                    "e-mail address), or answer on the board."
                )
                % {"name": sender.first_name},
            ],
            data["message"],
            _("See the question"),
            site + reverse("community:question", args=[question.pk]),
        )
    if kind == "follow_up":
        meeting = (
            NetworkMeeting.objects.select_related("activity", "network")
            .filter(pk=data["meeting_id"])
            .first()
        )
        if meeting is None:
            return None
        return (
            _("What is your next question? %(title)s") % {"title": meeting.activity.title},
            [
                _(
                    "Thank you for being part of %(network)s. After the meeting: what would you "
                    "like to ask or learn next? Your question goes to the question board, where "
                    "colleagues and the coordinators pick it up."
                )
                % {"network": meeting.network.name}
            ],
            "",
            _("Send your follow-up question"),
            site + reverse("community:meeting_follow_up", args=[meeting.pk]),
        )
    raise ValueError(kind)


def community_mail_send(*, kind: str, person_id: int, **data) -> None:
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        return
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        content = _content(kind, person, data)
        if content is None:
            return
        subject, paragraphs, quote, link_text, url = content
        context = {
            "person": person,
            "paragraphs": paragraphs,
            "quote": quote,
            "link_text": link_text,
            "url": url,
            "subject": subject,
        }
        text = render_to_string("community/mail/message.txt", context)
        html = render_to_string("community/mail/message.html", context)
        reply_to = []
        if kind == "contact":
            sender = User.objects.get(pk=data["sender_id"])
            reply_to = [sender.email]
        message = EmailMultiAlternatives(
            subject=f"[Samen Leren] {subject}", body=text, to=[person.email], reply_to=reply_to
        )
        message.attach_alternative(html, "text/html")
        message.send()
