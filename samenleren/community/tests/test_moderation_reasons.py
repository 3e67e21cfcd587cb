"""Who hid a question, answer or discussion post, and the short reason they may give: stored
with the hiding and in the audit log, cleared on showing again, checked (one line, at most 200
characters), and shown to the moderators ("Verborgen door X op <datum>: <reden>") and to the
author ("Reden: …"), never to anyone else."""

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from samenleren.community.models import MAX_HIDDEN_REASON, Answer, Post, Question, Thread
from samenleren.community.services.answers import answer_create
from samenleren.community.services.moderation import (
    answer_hide,
    clean_hidden_reason,
    post_hide,
    post_show,
    question_hide,
)
from samenleren.core.models import AuditEntry
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

from .factories import (
    MembershipFactory,
    NetworkFactory,
    PostFactory,
    QuestionFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

RUDE = "Bel Jan gerust op 06-12345678, hij woont op de Dorpsstraat 1."
REASON = "persoonsgegevens"


@pytest.fixture
def region():
    return RegionFactory()


def in_region(region, **kwargs):
    return AffiliationFactory(organisation=OrganisationFactory(region=region), **kwargs).person


def when(moment) -> str:
    """A moment as the pages show it (Dutch, local time)."""
    with translation.override("nl"):
        return date_filter(timezone.localtime(moment), "j F Y H:i")


@pytest.fixture
def discussion(region):
    network = NetworkFactory(region=region)
    author, colleague = in_region(region), in_region(region)
    for person in (author, colleague):
        MembershipFactory(network=network, person=person)
    thread = ThreadFactory(network=network, author=colleague)
    PostFactory(thread=thread, author=colleague, text="Wie heeft er ervaring met PIE?")
    post = PostFactory(thread=thread, author=author, text=RUDE)
    coordinator = coordinator_of(region, first_name="Linda", last_name="Verlinden")
    return {
        "thread": thread,
        "post": post,
        "author": author,
        "colleague": colleague,
        "coordinator": coordinator,
    }


def thread_url(thread) -> str:
    return reverse("community:thread", args=[thread.pk])


def page_for(client, person, url) -> str:
    client.force_login(person)
    return client.get(url).content.decode()


# --- the services ------------------------------------------------------------------------------


def test_hiding_a_post_stores_who_and_why_and_showing_clears_both(discussion):
    post, coordinator = discussion["post"], discussion["coordinator"]

    post_hide(actor=coordinator, post=post, reason="  persoons-\n gegevens  ")

    stored = Post.objects.get(pk=post.pk)
    assert (stored.hidden_by, stored.hidden_reason) == (coordinator, "persoons- gegevens")
    assert stored.hidden_at is not None

    post_show(actor=coordinator, post=post)

    stored = Post.objects.get(pk=post.pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")
    assert list(
        AuditEntry.objects.filter(action__startswith="post.")
        .order_by("created_at", "pk")
        .values_list("action", "actor_id", "data")
    ) == [
        ("post.hide", coordinator.pk, {"post_id": post.pk, "reason": "persoons- gegevens"}),
        ("post.show", coordinator.pk, {"post_id": post.pk}),
    ]


def test_hiding_an_answer_stores_who_and_why_and_showing_clears_both(region):
    coordinator = coordinator_of(region)
    answer = answer_create(
        question=QuestionFactory(region=region), author=in_region(region), text=RUDE
    )

    answer_hide(actor=coordinator, answer=answer, reason=REASON)

    stored = Answer.objects.get(pk=answer.pk)
    assert (stored.hidden_by, stored.hidden_reason) == (coordinator, REASON)
    assert AuditEntry.objects.get(action="answer.hide").data == {
        "answer_id": answer.pk,
        "reason": REASON,
    }

    answer_hide(actor=coordinator, answer=answer, hidden=False, reason="genegeerd")

    stored = Answer.objects.get(pk=answer.pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")


def test_hiding_a_question_stores_why_and_showing_clears_it(region):
    coordinator = coordinator_of(region)
    question = QuestionFactory(region=region)

    question_hide(actor=coordinator, question=question, reason="reclame")

    stored = Question.objects.get(pk=question.pk)
    assert (stored.hidden_by, stored.hidden_reason) == (coordinator, "reclame")
    assert AuditEntry.objects.get(action="question.hide").data == {"reason": "reclame"}

    question_hide(actor=coordinator, question=question, hidden=False)

    stored = Question.objects.get(pk=question.pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")


def test_without_a_reason_nothing_is_stored_as_one(discussion):
    post_hide(actor=discussion["coordinator"], post=discussion["post"], reason=" \n\t ")

    assert Post.objects.get(pk=discussion["post"].pk).hidden_reason == ""
    assert AuditEntry.objects.get(action="post.hide").data == {"post_id": discussion["post"].pk}


def test_a_reason_is_one_line_without_control_characters():
    assert clean_hidden_reason("reclame\x00 voor\r\n\x07 een  cursus") == "reclame voor een cursus"
    assert clean_hidden_reason(None) == ""
    assert clean_hidden_reason("é" * MAX_HIDDEN_REASON) == "é" * MAX_HIDDEN_REASON


@pytest.mark.parametrize("kind", ["question", "answer", "post"])
def test_a_reason_that_is_too_long_hides_nothing(discussion, region, kind):
    coordinator = discussion["coordinator"]
    if kind == "question":
        target = QuestionFactory(region=region)
        hide = lambda reason: question_hide(actor=coordinator, question=target, reason=reason)  # noqa: E731
    elif kind == "answer":
        target = answer_create(
            question=QuestionFactory(region=region), author=in_region(region), text=RUDE
        )
        hide = lambda reason: answer_hide(actor=coordinator, answer=target, reason=reason)  # noqa: E731
    else:
        target = discussion["post"]
        hide = lambda reason: post_hide(actor=coordinator, post=target, reason=reason)  # noqa: E731
    too_long = "x" * (MAX_HIDDEN_REASON + 1)

    with pytest.raises(ValidationError) as refused:
        hide(too_long)

    assert refused.value.message_dict == {
        "reason": [
            _(
                "The reason is %(length)s characters long; at most %(limit)s are allowed. Keep "
                "it short, for example “personal data” or “advertising”."
            )
            % {"length": MAX_HIDDEN_REASON + 1, "limit": MAX_HIDDEN_REASON}
        ]
    }
    stored = type(target).objects.get(pk=target.pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")
    assert not AuditEntry.objects.filter(action__endswith=".hide").exists()


def test_hiding_twice_keeps_the_first_moderator_and_reason(discussion, region):
    first, second = discussion["coordinator"], coordinator_of(region)
    post_hide(actor=first, post=discussion["post"], reason=REASON)

    with pytest.raises(ValidationError) as unchanged:
        post_hide(actor=second, post=discussion["post"], reason="iets anders")

    assert unchanged.value.code == "unchanged"
    stored = Post.objects.get(pk=discussion["post"].pk)
    assert (stored.hidden_by, stored.hidden_reason) == (first, REASON)
    assert AuditEntry.objects.filter(action="post.hide").count() == 1


# --- the pages ---------------------------------------------------------------------------------


def test_a_coordinator_hides_a_post_with_a_reason_from_the_confirmation_step(client, discussion):
    post = discussion["post"]
    client.force_login(discussion["coordinator"])
    page = client.get(thread_url(discussion["thread"])).content.decode()
    assert f'<label for="reden-bericht-{post.pk}">' in page
    assert (
        f'name="reason" value="" autocomplete="off" aria-describedby="reden-bericht-{post.pk}-hulp"'
        in page
    )

    response = client.post(
        reverse("community:post_hide", args=[post.pk]), {"reason": REASON}, follow=True
    )

    assert response.redirect_chain == [(f"{thread_url(post.thread)}#bericht-{post.pk}", 302)]
    stored = Post.objects.get(pk=post.pk)
    assert (stored.hidden_by, stored.hidden_reason) == (discussion["coordinator"], REASON)
    assert f"Verborgen door Linda Verlinden op {when(stored.hidden_at)}: {REASON}" in (
        response.content.decode()
    )


def test_the_reason_is_shown_to_the_moderators_and_the_author_only(client, discussion, region):
    post_hide(actor=discussion["coordinator"], post=discussion["post"], reason=REASON)
    url = thread_url(discussion["thread"])
    facilitator = in_region(region)
    MembershipFactory(network=discussion["thread"].network, person=facilitator, is_moderator=True)

    for_moderator = page_for(client, facilitator, url)
    for_author = page_for(client, discussion["author"], url)
    for_colleague = page_for(client, discussion["colleague"], url)

    hidden_at = Post.objects.get(pk=discussion["post"].pk).hidden_at
    assert f"Verborgen door Linda Verlinden op {when(hidden_at)}: {REASON}" in for_moderator
    assert f"Reden: {REASON}" in for_author
    assert "Dit bericht is verborgen door een moderator." in for_author
    assert "Linda Verlinden" not in for_author  # the author is told why, not by whom
    assert REASON not in for_colleague
    assert RUDE not in for_colleague


def test_without_a_reason_the_moderators_still_see_who_and_when(client, discussion):
    post_hide(actor=discussion["coordinator"], post=discussion["post"])
    url = thread_url(discussion["thread"])

    for_moderator = page_for(client, discussion["coordinator"], url)
    for_author = page_for(client, discussion["author"], url)

    hidden_at = Post.objects.get(pk=discussion["post"].pk).hidden_at
    assert f"Verborgen door Linda Verlinden op {when(hidden_at)}." in for_moderator
    assert "Reden:" not in for_author


def test_the_reason_is_shown_as_text_never_as_markup(client, discussion):
    reason = '<a href="https://elders.example/">klik</a>'
    post_hide(actor=discussion["coordinator"], post=discussion["post"], reason=reason)

    for_author = page_for(client, discussion["author"], thread_url(discussion["thread"]))

    assert f"Reden: {escape(reason)}" in for_author
    assert reason not in for_author


def test_a_reason_that_is_too_long_comes_back_at_its_field(client, discussion):
    post = discussion["post"]
    too_long = "reclame " * 30
    client.force_login(discussion["coordinator"])

    response = client.post(reverse("community:post_hide", args=[post.pk]), {"reason": too_long})

    assert response.status_code == 400
    page = response.content.decode()
    field = f"reden-bericht-{post.pk}"
    message = escape(
        _(
            "The reason is %(length)s characters long; at most %(limit)s are allowed. Keep it "
            "short, for example “personal data” or “advertising”."
        )
        % {"length": len(too_long.strip()), "limit": MAX_HIDDEN_REASON}
    )
    assert f'<a href="#{field}">{message}</a>' in page  # the summary at the top links to it
    assert f'<ul class="errorlist" id="{field}-fout"><li>{message}</li></ul>' in page
    assert f'aria-describedby="{field}-hulp {field}-fout" aria-invalid="true"' in page
    assert f'value="{too_long}"' in page  # what was typed is kept
    assert '<details class="confirm-cancel" open>' in page
    stored = Post.objects.get(pk=post.pk)
    assert (stored.hidden_at, stored.hidden_reason) == (None, "")


def test_a_coordinator_hides_an_answer_with_a_reason_and_its_author_reads_it(client, region):
    answerer = in_region(region)
    question = QuestionFactory(region=region, author=in_region(region))
    answer = answer_create(question=question, author=answerer, text=RUDE)
    coordinator = coordinator_of(region, first_name="Linda", last_name="Verlinden")
    client.force_login(coordinator)

    response = client.post(
        reverse("community:answer_manage", args=[answer.pk]),
        {"action": "hide", "reason": "reclame"},
        follow=True,
    )

    hidden_at = Answer.objects.get(pk=answer.pk).hidden_at
    assert f"Verborgen door Linda Verlinden op {when(hidden_at)}: reclame" in (
        response.content.decode()
    )
    for_author = page_for(client, answerer, question.get_absolute_url())
    for_asker = page_for(client, question.author, question.get_absolute_url())
    assert "Reden: reclame" in for_author
    assert "reclame" not in for_asker


def test_a_too_long_reason_for_an_answer_is_shown_at_that_answer(client, region):
    answer = answer_create(
        question=QuestionFactory(region=region), author=in_region(region), text=RUDE
    )
    client.force_login(coordinator_of(region))

    response = client.post(
        reverse("community:answer_manage", args=[answer.pk]),
        {"action": "hide", "reason": "x" * 300},
    )

    assert response.status_code == 400
    assert f'id="reden-antwoord-{answer.pk}-fout"' in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).hidden_at is None


def test_the_question_is_hidden_in_two_steps_with_a_reason(client, region):
    asker = in_region(region)
    question = QuestionFactory(region=region, author=asker)
    coordinator = coordinator_of(region, first_name="Linda", last_name="Verlinden")
    client.force_login(coordinator)
    page = client.get(question.get_absolute_url()).content.decode()
    assert f'<label for="reden-vraag-{question.pk}">' in page

    response = client.post(
        reverse("community:question_manage", args=[question.pk]),
        {"action": "hide", "reason": "reclame"},
        follow=True,
    )

    question.refresh_from_db()
    assert (question.hidden_by, question.hidden_reason) == (coordinator, "reclame")
    assert f"Verborgen door Linda Verlinden op {when(question.hidden_at)}: reclame" in (
        response.content.decode()
    )
    for_asker = page_for(client, asker, question.get_absolute_url())
    assert "Je vraag is verborgen door een coördinator." in for_asker
    assert "Reden: reclame" in for_asker


def test_a_too_long_reason_for_a_question_hides_nothing(client, region):
    question = QuestionFactory(region=region)
    client.force_login(coordinator_of(region))

    response = client.post(
        reverse("community:question_manage", args=[question.pk]),
        {"action": "hide", "reason": "x" * 300},
    )

    assert response.status_code == 400
    assert f'id="reden-vraag-{question.pk}-fout"' in response.content.decode()
    assert Question.objects.get(pk=question.pk).hidden_at is None


def test_a_teacher_cannot_hide_a_post_with_a_reason(client, discussion):
    client.force_login(discussion["author"])

    response = client.post(
        reverse("community:post_hide", args=[discussion["post"].pk]), {"reason": REASON}
    )

    assert response.status_code == 403
    stored = Post.objects.get(pk=discussion["post"].pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")
    assert Thread.objects.get(pk=discussion["thread"].pk).post_count == 2
