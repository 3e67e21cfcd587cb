from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken, User
from .tokens import token_hash

# "Last used" is shown to the person to spot forgotten tokens; minutes are precise enough, and
# skipping the write on most requests keeps a registration rush from queueing on token rows.
LAST_USED_PRECISION = timedelta(minutes=5)


# Built once: every API request with a token runs this lookup, and resolving the join and the
# filters anew costs more CPU than the query itself. Never evaluated itself; `filter` copies it.
_LIVE_TOKENS = (
    ApiToken.objects.select_related("user")
    .filter(revoked_at__isnull=True, user__is_active=True)
    .order_by()
)


def user_by_api_token(*, raw: str) -> User | None:
    """The active user behind a bearer token, or None. Marks the token as used."""
    # key_hash is unique: no ordering needed. The base query is built once (above).
    token = next(iter(_LIVE_TOKENS.filter(key_hash=token_hash(raw))[:1]), None)
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
