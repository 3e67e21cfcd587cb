"""Hiding a whole discussion: the network's moderators and the region's coordinators hide it
(with an optional reason) and show it again; a hidden discussion is left off the network page
and found nowhere else by anyone but the moderators; whoever started it still opens it and is
told why; nobody replies in it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.community.models import Post, Thread
from samenleren.community.services.moderation import thread_hide, thread_show
from samenleren.community.services.networks import post_create
from samenleren.core.models import AuditEntry
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

from .factories import MembershipFactory, NetworkFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db

TITLE = "Wie verkoopt er goedkope laptops?"
OPENING = "Stuur me een berichtje, ik heb er nog 40 liggen."
REPLY = "Hier in Borne zoeken we er nog een paar."
REASON = "reclame"


@pytest.fixture
def region():
    return RegionFactory()


def in_region(region, **kwargs):
    return AffiliationFactory(organisation=OrganisationFactory(region=region), **kwargs).person


@pytest.fixture
def world(region):
    """A network with a discussion (started by `starter`, with a reply by `replier`) next to an
    ordinary one; a member who only reads; a facilitator who moderates; a coordinator."""
    network = NetworkFactory(region=region)
    starter, replier, reader, facilitator = (in_region(region) for _ in range(4))
    for person in (starter, replier, reader):
        MembershipFactory(network=network, person=person)
    MembershipFactory(network=network, person=facilitator, is_moderator=True)
    thread = ThreadFactory(network=network, author=starter, title=TITLE)
    PostFactory(thread=thread, author=starter, text=OPENING)
    PostFactory(thread=thread, author=replier, text=REPLY)
    ThreadFactory(network=network, title="Examens PIE 2027")
    return {
        "network": network,
        "thread": thread,
        "starter": starter,
        "replier": replier,
        "reader": reader,
        "facilitator": facilitator,
        "coordinator": coordinator_of(region, first_name="Linda", last_name="Verlinden"),
    }


def thread_url(world) -> str:
    return reverse("community:thread", args=[world["thread"].pk])


def get(client, person, url):
    client.force_login(person)
    return client.get(url)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- the services ------------------------------------------------------------------------------


def test_hiding_and_showing_a_discussion_records_who_when_and_why(world):
    thread, coordinator = world["thread"], world["coordinator"]
    updated_at = Thread.objects.get(pk=thread.pk).updated_at

    thread_hide(actor=coordinator, thread=thread, reason=" reclame\n")

    stored = Thread.objects.get(pk=thread.pk)
    assert (stored.hidden_by, stored.hidden_reason) == (coordinator, REASON)
    assert stored.hidden_at is not None
    assert stored.updated_at == updated_at  # it does not move in the list
    assert stored.post_count == 2

    thread_show(actor=coordinator, thread=thread)

    stored = Thread.objects.get(pk=thread.pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")
    assert stored.updated_at == updated_at
    assert list(
        AuditEntry.objects.filter(action__startswith="thread.")
        .order_by("created_at", "pk")
        .values_list("action", "actor_id", "target", "data")
    ) == [
        ("thread.hide", coordinator.pk, TITLE, {"thread_id": thread.pk, "reason": REASON}),
        ("thread.show", coordinator.pk, TITLE, {"thread_id": thread.pk}),
    ]


def test_hiding_a_hidden_discussion_changes_nothing(world, region):
    thread = world["thread"]
    thread_hide(actor=world["coordinator"], thread=thread, reason=REASON)
    before = Thread.objects.values("hidden_at", "hidden_by", "hidden_reason").get(pk=thread.pk)

    with pytest.raises(ValidationError) as unchanged:
        thread_hide(actor=coordinator_of(region), thread=thread, reason="iets anders")

    assert unchanged.value.code == "unchanged"
    assert unchanged.value.messages == [
        _("This discussion was already hidden; nothing has changed.")
    ]
    after = Thread.objects.values("hidden_at", "hidden_by", "hidden_reason").get(pk=thread.pk)
    assert after == before
    assert AuditEntry.objects.filter(action="thread.hide").count() == 1


def test_showing_a_visible_discussion_changes_nothing(world):
    with pytest.raises(ValidationError) as unchanged:
        thread_show(actor=world["coordinator"], thread=world["thread"])

    assert unchanged.value.code == "unchanged"
    assert unchanged.value.messages == [_("This discussion is not hidden; nothing has changed.")]
    assert not AuditEntry.objects.filter(action__startswith="thread.").exists()


def test_a_reason_that_is_too_long_hides_no_discussion(world):
    with pytest.raises(ValidationError) as refused:
        thread_hide(actor=world["coordinator"], thread=world["thread"], reason="x" * 201)

    assert list(refused.value.message_dict) == ["reason"]
    assert Thread.objects.get(pk=world["thread"].pk).hidden_at is None


def test_nobody_replies_in_a_hidden_discussion(world):
    thread = thread_hide(actor=world["coordinator"], thread=world["thread"])

    with pytest.raises(ValidationError) as refused:
        post_create(thread=thread, author=world["starter"], text="Toch nog even dit.")

    assert refused.value.messages == [_("This discussion is hidden; nobody can reply to it.")]
    assert Post.objects.filter(thread=thread).count() == 2


# --- the pages: hiding and showing --------------------------------------------------------------


def test_a_coordinator_hides_a_discussion_with_a_reason_and_shows_it_again(client, world):
    url = thread_url(world)
    client.force_login(world["coordinator"])
    page = client.get(url).content.decode()
    hide_url = reverse("community:thread_hide", args=[world["thread"].pk])
    assert f'action="{hide_url}"' in page
    assert f'<label for="reden-discussie-{world["thread"].pk}">' in page

    hidden = client.post(hide_url, {"reason": REASON}, follow=True)

    assert hidden.redirect_chain == [(url, 302)]
    assert shown_messages(hidden) == [
        _(
            "The discussion is hidden. It is no longer on the network page; only the "
            "moderators and whoever started it can still open it."
        )
    ]
    stored = Thread.objects.get(pk=world["thread"].pk)
    assert (stored.hidden_by, stored.hidden_reason) == (world["coordinator"], REASON)
    page = hidden.content.decode()
    assert "Verborgen door Linda Verlinden op " in page
    assert f": {REASON}</p>" in page
    assert OPENING in page and REPLY in page  # the moderators still read all of it
    show_url = reverse("community:thread_show", args=[world["thread"].pk])
    assert f'action="{show_url}"' in page

    shown = client.post(show_url, follow=True)

    assert shown.redirect_chain == [(url, 302)]
    assert shown_messages(shown) == [_("The discussion is visible to everyone again.")]
    stored = Thread.objects.get(pk=world["thread"].pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")


def test_a_network_moderator_hides_a_discussion(client, world):
    client.force_login(world["facilitator"])

    response = client.post(reverse("community:thread_hide", args=[world["thread"].pk]))

    assert response.status_code == 302
    stored = Thread.objects.get(pk=world["thread"].pk)
    assert (stored.hidden_by, stored.hidden_reason) == (world["facilitator"], "")


def test_hiding_a_discussion_twice_says_so(client, world):
    thread_hide(actor=world["coordinator"], thread=world["thread"], reason=REASON)
    client.force_login(world["coordinator"])

    response = client.post(
        reverse("community:thread_hide", args=[world["thread"].pk]),
        {"reason": "iets anders"},
        follow=True,
    )

    assert shown_messages(response) == [
        _("This discussion was already hidden; nothing has changed.")
    ]
    assert Thread.objects.get(pk=world["thread"].pk).hidden_reason == REASON


@pytest.mark.parametrize("who", ["starter", "reader"])
def test_a_teacher_may_not_hide_a_discussion(client, world, who):
    client.force_login(world[who])

    response = client.post(
        reverse("community:thread_hide", args=[world["thread"].pk]), {"reason": REASON}
    )

    assert response.status_code == 403
    stored = Thread.objects.get(pk=world["thread"].pk)
    assert (stored.hidden_at, stored.hidden_by, stored.hidden_reason) == (None, None, "")
    assert not AuditEntry.objects.filter(action__startswith="thread.").exists()


def test_a_teacher_may_not_show_a_hidden_discussion_and_others_do_not_find_it(client, world):
    thread = thread_hide(actor=world["coordinator"], thread=world["thread"], reason=REASON)
    show_url = reverse("community:thread_show", args=[thread.pk])

    client.force_login(world["starter"])
    for_starter = client.post(show_url)
    client.force_login(world["reader"])
    for_reader = client.post(show_url)

    assert (for_starter.status_code, for_reader.status_code) == (403, 404)
    assert Thread.objects.get(pk=thread.pk).hidden_at == thread.hidden_at


def test_the_coordinators_of_another_region_do_not_find_the_discussion(client, world):
    client.force_login(coordinator_of(RegionFactory()))

    response = client.post(reverse("community:thread_hide", args=[world["thread"].pk]))

    assert response.status_code == 404
    assert Thread.objects.get(pk=world["thread"].pk).hidden_at is None


def test_only_post_hides_a_discussion(client, world):
    client.force_login(world["coordinator"])

    response = client.get(reverse("community:thread_hide", args=[world["thread"].pk]))

    assert response.status_code == 405
    assert Thread.objects.get(pk=world["thread"].pk).hidden_at is None


def test_a_too_long_reason_keeps_the_discussion_and_shows_the_error_at_its_field(client, world):
    thread = world["thread"]
    client.force_login(world["coordinator"])

    response = client.post(
        reverse("community:thread_hide", args=[thread.pk]), {"reason": "x" * 250}
    )

    assert response.status_code == 400
    page = response.content.decode()
    field = f"reden-discussie-{thread.pk}"
    assert f'<a href="#{field}">' in page
    assert f'aria-describedby="{field}-hulp {field}-fout" aria-invalid="true"' in page
    assert Thread.objects.get(pk=thread.pk).hidden_at is None


# --- the pages: who sees what -------------------------------------------------------------------


def test_a_hidden_discussion_leaves_the_network_page_except_for_the_moderators(client, world):
    thread_hide(actor=world["coordinator"], thread=world["thread"], reason=REASON)
    url = world["network"].get_absolute_url()

    for person in ("reader", "replier", "starter"):
        page = get(client, world[person], url).content.decode()
        assert TITLE not in page, person
        assert "Examens PIE 2027" in page
    for person in ("facilitator", "coordinator"):
        page = get(client, world[person], url).content.decode()
        assert f'{TITLE}</a> – 2 berichten <span class="tag">Verborgen</span>' in page, person
        assert "Examens PIE 2027" in page


def test_a_hidden_discussion_is_not_found_by_searching_anywhere(client, world):
    """Discussions are listed only on the network page; nor do the searches, the board or the
    home page show them (checked here, so that a new list cannot leak a hidden one)."""
    thread_hide(actor=world["coordinator"], thread=world["thread"])
    urls = [
        (reverse("community:networks"), {"q": "laptops"}),
        (world["network"].get_absolute_url(), {"q": "laptops"}),
        (reverse("community:board"), {"q": "laptops"}),
        ("/", {}),
    ]

    client.force_login(world["reader"])
    for_reader = [client.get(url, query) for url, query in urls]
    client.force_login(world["coordinator"])
    on_network_page = client.get(*urls[1]).content.decode()

    assert [response.status_code for response in for_reader] == [200, 200, 200, 200]
    for response in for_reader:
        page = response.content.decode()
        assert TITLE not in page and OPENING not in page, response.request["PATH_INFO"]
    assert TITLE in on_network_page  # the moderators still find it


def test_other_members_get_no_hidden_discussion_at_all(client, world):
    thread_hide(actor=world["coordinator"], thread=world["thread"], reason=REASON)

    for person in ("reader", "replier"):
        assert get(client, world[person], thread_url(world)).status_code == 404


def test_whoever_started_it_sees_why_and_only_their_own_messages(client, world):
    thread_hide(actor=world["coordinator"], thread=world["thread"], reason=REASON)

    response = get(client, world["starter"], thread_url(world))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Deze discussie is verborgen door een moderator." in page
    assert f"Reden: {REASON}" in page
    assert "Linda Verlinden" not in page
    assert OPENING in page
    assert REPLY not in page
    assert 'name="text"' not in page  # no reply form
    assert reverse("community:thread_show", args=[world["thread"].pk]) not in page


def test_whoever_started_a_hidden_discussion_cannot_reply(client, world):
    thread_hide(actor=world["coordinator"], thread=world["thread"])
    client.force_login(world["starter"])

    response = client.post(thread_url(world), {"text": "Nog steeds te koop!"})

    assert response.status_code == 403
    assert Post.objects.filter(thread=world["thread"]).count() == 2


def test_the_moderators_reply_form_is_gone_while_hidden(client, world):
    MembershipFactory(network=world["network"], person=world["coordinator"])
    thread_hide(actor=world["coordinator"], thread=world["thread"])

    page = get(client, world["coordinator"], thread_url(world)).content.decode()

    assert 'name="text"' not in page
    assert "Zolang ze verborgen is, kan niemand reageren." in page
