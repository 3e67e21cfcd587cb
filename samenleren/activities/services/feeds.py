"""The personal calendar feed: a secret URL, stored only as a hash, revocable.

Like API tokens (accounts/tokens.py): the raw token is returned once, to be shown once; only
its SHA-256 hash is kept. Creating a new one replaces (and so revokes) the old one.
"""

import secrets

from django.db import transaction

from samenleren.accounts.models import User
from samenleren.accounts.tokens import token_hash
from samenleren.core.services import audit_log

from ..models import CalendarFeed


def calendar_feed_create(*, person: User) -> str:
    """A new secret feed token for the person; any previous feed URL stops working."""
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(person=person, defaults={"key_hash": token_hash(raw)})
        audit_log(actor=person, action="calendar_feed.create", target=f"feed of {person.pk}")
    return raw


def calendar_feed_revoke(*, person: User) -> bool:
    """Stop the person's feed. Returns False when there was none."""
    with transaction.atomic():
        deleted, _by_model = CalendarFeed.objects.filter(person=person).delete()
        if deleted:
            audit_log(actor=person, action="calendar_feed.revoke", target=f"feed of {person.pk}")
    return bool(deleted)
