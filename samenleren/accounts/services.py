from django.db import transaction
from django.utils import timezone

from samenleren.core.services import audit_log

from .models import ApiToken, User
from .tokens import token_generate, token_hash


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw value, which is never stored or shown again."""
    raw = token_generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip()[:100], prefix=raw[:10], key_hash=token_hash(raw)
        )
        audit_log(actor=user, action="api_token.create", target=token)
    return token, raw


def api_token_revoke(*, user: User, token_id: int) -> bool:
    """Revoke one of the user's own tokens. Returns False if there was nothing to revoke."""
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            audit_log(actor=user, action="api_token.revoke", target=f"token {token_id}")
    return bool(revoked)


def user_profile_update(*, user: User, **fields) -> User:
    allowed = {"first_name", "last_name", "preferred_language", "findable", "show_name_to_school"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"Unknown profile fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=list(fields))
    return user
