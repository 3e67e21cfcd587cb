from typing import Any

from django.db.models import Model

from .models import AuditEntry


def audit_log(*, actor: Model | None, action: str, target: object = "", **data: Any) -> AuditEntry:
    """Record an action; call it inside the transaction of the write it describes."""
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", True) else None
    return AuditEntry.objects.create(
        actor_id=actor_id, action=action, target=str(target)[:200], data=data
    )
