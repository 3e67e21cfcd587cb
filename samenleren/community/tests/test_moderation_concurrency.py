"""Two moderators hide the same post at the same moment, on PostgreSQL with real threads.

Hiding is a conditional update (`... WHERE hidden_at IS NULL`): one of them changes the post,
lowers the thread's count and writes the audit entry; the others are told it was already
hidden. SQLite serialises writers and would hide a race, so this runs on PostgreSQL only.
"""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections

from samenleren.community.models import Post, Thread
from samenleren.community.services.moderation import post_hide
from samenleren.core.models import AuditEntry
from samenleren.network.tests.factories import coordinator_of

from .factories import PostFactory

pytestmark = [
    pytest.mark.concurrency,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="Races need PostgreSQL (SQLite serialises writers): set DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]

MODERATORS = 4
TIMEOUT = 20.0


def test_a_post_hidden_by_several_moderators_at_once_is_hidden_once():
    post = PostFactory()
    PostFactory(thread=post.thread)
    moderators = [coordinator_of(post.thread.network.region) for _ in range(MODERATORS)]
    start = threading.Barrier(MODERATORS, timeout=TIMEOUT)
    outcomes: list[str] = []

    def run(moderator) -> None:
        try:
            start.wait()
            post_hide(actor=moderator, post=Post.objects.get(pk=post.pk))
            outcomes.append("hidden")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(m,)) for m in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)

    assert sorted(outcomes) == ["hidden"] + ["unchanged"] * (MODERATORS - 1)
    assert Thread.objects.get(pk=post.thread_id).post_count == 1
    assert AuditEntry.objects.filter(action="post.hide").count() == 1
