"""Checks every write shares: text and tag cleaning, the posting rate limit, mail on commit."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import MAX_TEXT, known_tags

RATE_WINDOW_SECONDS = 600


def mail_after_commit(kind: str, person_ids, **data) -> None:
    from ..tasks import send_community_mail

    ids = sorted(set(person_ids))

    def send() -> None:
        for person_id in ids:
            send_community_mail.enqueue(kind=kind, person_id=person_id, **data)

    if ids:
        transaction.on_commit(send)


def rate_limit_check(*, person) -> None:
    """At most COMMUNITY_POST_LIMIT posts per person per ten minutes (counted in the cache)."""
    if person is None:
        return
    limit = getattr(settings, "COMMUNITY_POST_LIMIT", 10)
    window = int(timezone.now().timestamp() // RATE_WINDOW_SECONDS)
    key = f"community:posts:{person.pk}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS * 2)
        count = 1
    if count > limit:
        raise ValidationError(
            _(
                "You have posted %(limit)s messages in a few minutes. Please wait ten minutes "
                "and try again."
            )
            % {"limit": limit},
            code="rate_limited",
        )


def clean_text(
    value: str | None, *, field: str, required: bool = True, limit: int = MAX_TEXT
) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: _("Write something first: this field is empty.")})
    if len(text) > limit:
        raise ValidationError(
            {
                field: _(
                    "This text is %(length)s characters long; at most %(limit)s are allowed. "
                    "Shorten it, or share a longer document as material."
                )
                % {"length": len(text), "limit": limit}
            }
        )
    return text


def clean_tags(tags) -> list[str]:
    known = known_tags()
    wanted = [str(t).strip() for t in (tags or []) if str(t).strip()]
    unknown = [t for t in wanted if t not in known]
    if unknown:
        raise ValidationError(
            {
                "tags": _("Unknown tag: %(tags)s. Choose from: %(known)s.")
                % {"tags": ", ".join(unknown), "known": ", ".join(known)}
            }
        )
    return list(dict.fromkeys(wanted))
