from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken, User
from .tokens import token_hash

# "Last used" is shown to the person to spot forgotten tokens; minutes are precise enough, and
# skipping the write on most requests keeps a registration rush from queueing on token rows.
LAST_USED_PRECISION = timedelta(minutes=5)


def user_by_api_token(*, raw: str) -> User | None:
    """The active user behind a bearer token, or None. Marks the token as used."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
