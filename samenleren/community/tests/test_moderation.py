"""Moderation on the pages: hiding and showing again discussion posts (the network's moderators
and the region's coordinators) and answers (the coordinators); what the author and everyone
else then see; doing it twice; and that hidden text reaches no one else (pages, API, mail)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.accounts.services import api_token_create
from samenleren.community.models import Answer, Post, Report, Thread
from samenleren.community.services.answers import answer_create
from samenleren.community.services.conversions import question_convert_topic
from samenleren.community.services.moderation import (
    answer_hide,
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

RUDE = "Wat een waardeloze school is dat, zeg."


@pytest.fixture
def region():
    return RegionFactory()


def in_region(region, **kwargs):
    return AffiliationFactory(organisation=OrganisationFactory(region=region), **kwargs).person


@pytest.fixture
def discussion(region):
    """A network's discussion with two posts; the second is rude. Its author and a colleague
    are members."""
    network = NetworkFactory(region=region)
    author, colleague = in_region(region), in_region(region)
    for person in (author, colleague):
        MembershipFactory(network=network, person=person)
    thread = ThreadFactory(network=network, author=colleague)
    PostFactory(thread=thread, author=colleague, text="Hoe pakken jullie het CSPE aan?")
    rude = PostFactory(thread=thread, author=author, text=RUDE)
    return {"network": network, "thread": thread, "post": rude, "author": author}


def thread_url(discussion) -> str:
    return reverse("community:thread", args=[discussion["thread"].pk])


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- discussion posts --------------------------------------------------------------------------


def test_a_coordinator_hides_a_post_and_shows_it_again_from_the_discussion(client, discussion):
    post = discussion["post"]
    client.force_login(coordinator_of(discussion["network"].region))
    page = client.get(thread_url(discussion)).content.decode()
    assert reverse("community:post_hide", args=[post.pk]) in page
    assert f'id="bericht-{post.pk}"' in page

    response = client.post(reverse("community:post_hide", args=[post.pk]), follow=True)

    assert response.redirect_chain == [(f"{thread_url(discussion)}#bericht-{post.pk}", 302)]
    assert shown_messages(response) == [
        _("The message is hidden. Only the moderators and its author still see it.")
    ]
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert Thread.objects.get(pk=post.thread_id).post_count == 1
    page = response.content.decode()
    assert RUDE in page  # the moderator still reads it, marked hidden, with a way back
    assert reverse("community:post_show", args=[post.pk]) in page
    assert reverse("community:post_hide", args=[post.pk]) not in page

    response = client.post(reverse("community:post_show", args=[post.pk]), follow=True)

    assert response.redirect_chain == [(f"{thread_url(discussion)}#bericht-{post.pk}", 302)]
    assert shown_messages(response) == [_("The message is visible to everyone again.")]
    post.refresh_from_db()
    assert post.hidden_at is None
    assert Thread.objects.get(pk=post.thread_id).post_count == 2
    assert list(
        AuditEntry.objects.filter(action__startswith="post.")
        .order_by("created_at", "pk")
        .values_list("action", "data")
    ) == [("post.hide", {"post_id": post.pk}), ("post.show", {"post_id": post.pk})]


def test_a_network_moderator_hides_a_post(client, discussion, region):
    facilitator = in_region(region)
    MembershipFactory(network=discussion["network"], person=facilitator, is_moderator=True)
    client.force_login(facilitator)

    response = client.post(reverse("community:post_hide", args=[discussion["post"].pk]))

    assert response.status_code == 302
    assert Post.objects.get(pk=discussion["post"].pk).hidden_at is not None


def test_a_member_who_does_not_moderate_may_not_hide_a_post(client, discussion):
    client.force_login(discussion["author"])

    response = client.post(reverse("community:post_hide", args=[discussion["post"].pk]))

    assert response.status_code == 403
    assert Post.objects.get(pk=discussion["post"].pk).hidden_at is None


def test_a_member_who_does_not_moderate_may_not_show_a_hidden_post(client, discussion):
    post = post_hide(actor=None, post=discussion["post"])
    client.force_login(discussion["author"])

    response = client.post(reverse("community:post_show", args=[post.pk]))

    assert response.status_code == 403
    assert Post.objects.get(pk=post.pk).hidden_at == post.hidden_at


def test_the_moderators_of_another_region_do_not_find_the_post(client, discussion):
    client.force_login(coordinator_of(RegionFactory()))

    response = client.post(reverse("community:post_hide", args=[discussion["post"].pk]))

    assert response.status_code == 404
    assert Post.objects.get(pk=discussion["post"].pk).hidden_at is None


def test_only_post_hides_and_shows_the_post_views_do_not_answer_get(client, discussion):
    client.force_login(coordinator_of(discussion["network"].region))

    response = client.get(reverse("community:post_hide", args=[discussion["post"].pk]))

    assert response.status_code == 405
    assert Post.objects.get(pk=discussion["post"].pk).hidden_at is None


def test_hiding_twice_or_showing_a_visible_post_changes_nothing(client, discussion):
    post = discussion["post"]
    coordinator = coordinator_of(discussion["network"].region)
    with pytest.raises(ValidationError) as shown:
        post_show(actor=coordinator, post=post)
    assert shown.value.messages == [_("This message is not hidden; nothing has changed.")]
    post_hide(actor=coordinator, post=post)
    hidden_at = Post.objects.get(pk=post.pk).hidden_at
    client.force_login(coordinator)

    response = client.post(reverse("community:post_hide", args=[post.pk]), follow=True)

    assert shown_messages(response) == [_("This message was already hidden; nothing has changed.")]
    assert Post.objects.get(pk=post.pk).hidden_at == hidden_at
    assert Thread.objects.get(pk=post.thread_id).post_count == 1
    assert AuditEntry.objects.filter(action="post.hide").count() == 1


def test_others_no_longer_see_a_hidden_post_and_its_author_is_told_why(client, discussion):
    post_hide(actor=coordinator_of(discussion["network"].region), post=discussion["post"])
    colleague = discussion["thread"].author

    client.force_login(colleague)
    for_colleague = client.get(thread_url(discussion)).content.decode()
    client.force_login(discussion["author"])
    for_author = client.get(thread_url(discussion)).content.decode()

    assert RUDE not in for_colleague
    assert f"bericht-{discussion['post'].pk}" not in for_colleague
    assert "Hoe pakken jullie het CSPE aan?" in for_colleague
    assert _("This message has been hidden by a moderator.") not in for_colleague
    assert "Dit bericht is verborgen door een moderator." in for_author
    assert RUDE in for_author
    assert reverse("community:post_show", args=[discussion["post"].pk]) not in for_author


def test_the_network_page_counts_only_the_posts_everyone_sees(client, discussion):
    post_hide(actor=coordinator_of(discussion["network"].region), post=discussion["post"])
    client.force_login(discussion["thread"].author)

    page = client.get(discussion["network"].get_absolute_url()).content.decode()

    assert f"{discussion['thread'].title}</a> – 1 bericht</li>" in page


def test_a_member_without_moderation_sees_no_hide_buttons(client, discussion):
    client.force_login(discussion["author"])

    page = client.get(thread_url(discussion)).content.decode()

    assert reverse("community:post_hide", args=[discussion["post"].pk]) not in page


# --- answers -----------------------------------------------------------------------------------


@pytest.fixture
def answered(region):
    asker, answerer = in_region(region), in_region(region)
    question = QuestionFactory(region=region, author=asker, text="Wie heeft PIE-lesmateriaal?")
    answer = answer_create(question=question, author=answerer, text=RUDE)
    return {"question": question, "answer": answer, "asker": asker, "answerer": answerer}


def test_a_coordinator_hides_an_answer_and_shows_it_again(client, answered, region):
    answer, question = answered["answer"], answered["question"]
    client.force_login(coordinator_of(region))
    url = reverse("community:answer_manage", args=[answer.pk])
    back = f"{question.get_absolute_url()}#antwoord-{answer.pk}"

    hidden = client.post(url, {"action": "hide"}, follow=True)

    assert hidden.redirect_chain == [(back, 302)]
    assert shown_messages(hidden) == [
        _("The answer is hidden. Only the coordinators and its author still see it.")
    ]
    question.refresh_from_db()
    assert (Answer.objects.get(pk=answer.pk).hidden_at is not None, question.answer_count) == (
        True,
        0,
    )

    again = client.post(url, {"action": "hide"}, follow=True)

    assert shown_messages(again) == [_("This answer was already hidden; nothing has changed.")]

    shown = client.post(url, {"action": "show"}, follow=True)

    assert shown.redirect_chain == [(back, 302)]
    assert shown_messages(shown) == [_("The answer is shown again.")]
    question.refresh_from_db()
    assert (Answer.objects.get(pk=answer.pk).hidden_at, question.answer_count) == (None, 1)


def test_an_answer_is_hidden_or_shown_only_when_the_form_says_which(client, answered, region):
    answer_hide(actor=None, answer=answered["answer"])
    client.force_login(coordinator_of(region))

    response = client.post(reverse("community:answer_manage", args=[answered["answer"].pk]))

    assert response.status_code == 404
    assert Answer.objects.get(pk=answered["answer"].pk).hidden_at is not None


def test_a_teacher_may_not_hide_an_answer(client, answered):
    client.force_login(answered["asker"])

    response = client.post(
        reverse("community:answer_manage", args=[answered["answer"].pk]), {"action": "hide"}
    )

    assert response.status_code == 403
    assert Answer.objects.get(pk=answered["answer"].pk).hidden_at is None


def test_a_hidden_answer_shows_its_author_why_and_no_one_else_anything(client, answered, region):
    answer_hide(actor=coordinator_of(region), answer=answered["answer"])
    url = answered["question"].get_absolute_url()

    client.force_login(answered["asker"])
    for_asker = client.get(url).content.decode()
    client.force_login(answered["answerer"])
    for_author = client.get(url).content.decode()

    assert RUDE not in for_asker
    assert f"antwoord-{answered['answer'].pk}" not in for_asker
    assert "Je antwoord is verborgen door een coördinator." in for_author
    assert RUDE in for_author
    helpful = reverse("community:helpful", args=[answered["answer"].pk])
    assert helpful not in for_author


def test_the_api_counts_only_answers_everyone_sees(client, answered, region):
    answer_hide(actor=coordinator_of(region), answer=answered["answer"])
    _token, raw = api_token_create(user=answered["asker"], name="test")

    rows = client.get("/api/v1/questions", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["results"]

    assert [(row["id"], row["answer_count"]) for row in rows] == [(answered["question"].pk, 0)]
    assert RUDE not in str(rows)


def test_an_answer_hidden_before_its_mail_goes_out_is_not_mailed(
    region, django_capture_on_commit_callbacks
):
    asker = in_region(region)
    question = QuestionFactory(region=region, author=asker)

    with django_capture_on_commit_callbacks() as callbacks:
        answer = answer_create(question=question, author=in_region(region), text=RUDE)
    answer_hide(actor=coordinator_of(region), answer=answer)
    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_no_mail_about_an_answer_to_a_question_hidden_meanwhile(
    region, django_capture_on_commit_callbacks
):
    question = QuestionFactory(region=region, author=in_region(region), title="Schelden")

    with django_capture_on_commit_callbacks() as callbacks:
        answer_create(question=question, author=in_region(region), text="Een antwoord.")
    question_hide(actor=coordinator_of(region), question=question)
    for callback in callbacks:
        callback()

    assert mail.outbox == []


# --- questions ---------------------------------------------------------------------------------


def test_hiding_a_question_twice_says_so_and_changes_nothing(client, region):
    question = QuestionFactory(region=region)
    Report.objects.create(question=question, reason="Reclame")
    coordinator = coordinator_of(region)
    question_hide(actor=coordinator, question=question)
    hidden_at = question.hidden_at
    client.force_login(coordinator)

    response = client.post(
        reverse("community:question_manage", args=[question.pk]), {"action": "hide"}, follow=True
    )

    assert shown_messages(response) == [_("This question was already hidden; nothing has changed.")]
    question.refresh_from_db()
    assert (question.hidden_at, question.hidden_by) == (hidden_at, coordinator)
    assert AuditEntry.objects.filter(action="question.hide").count() == 1


def test_the_asker_of_a_hidden_question_is_told_why(client, region):
    asker = in_region(region)
    question = QuestionFactory(region=region, author=asker)
    question_hide(actor=coordinator_of(region), question=question)
    client.force_login(asker)

    page = client.get(question.get_absolute_url()).content.decode()

    assert "Je vraag is verborgen door een coördinator." in page


def test_a_topic_made_from_a_question_hidden_later_leaves_the_network_page(client, region):
    network = NetworkFactory(region=region)
    question = QuestionFactory(region=region, title="Een ongepaste vraag")
    coordinator = coordinator_of(region)
    question_convert_topic(actor=coordinator, question=question, network=network)
    question_hide(actor=coordinator, question=question)

    client.force_login(in_region(region))
    for_member = client.get(network.get_absolute_url()).content.decode()
    client.force_login(coordinator)
    for_coordinator = client.get(network.get_absolute_url()).content.decode()

    assert "Een ongepaste vraag" not in for_member
    assert "Een ongepaste vraag" in for_coordinator


def test_managing_a_question_never_sends_you_off_the_site(client, region):
    question = QuestionFactory(region=region)
    client.force_login(coordinator_of(region))

    response = client.post(
        reverse("community:question_manage", args=[question.pk]),
        {"action": "hide", "next": "https://elders.example/"},
    )

    assert response.url == question.get_absolute_url()
