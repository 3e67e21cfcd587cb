"""Open Badges 2.0: badge classes for modules and paths, issuing and revoking assertions."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log

from ..models import BadgeAssertion, BadgeClass, LearningPath, Module


def recipient_hash(*, email: str, salt: str) -> str:
    """OB 2.0 hashed identity: 'sha256$' + hex digest of the e-mail address with the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def badge_class_ensure(
    *, module: Module | None = None, path: LearningPath | None = None
) -> BadgeClass:
    """The badge for completing a module or a path, made once, in the module's language."""
    owner = module or path
    existing = BadgeClass.objects.filter(module=module, path=path).first()
    if existing is not None:
        return existing
    with translation.override(getattr(owner, "language", "nl")):
        if module is not None:
            name = module.title
            criteria = _("Completed every lesson of the module “%(title)s” on Samen Leren.") % {
                "title": module.title
            }
        else:
            name = path.title
            criteria = _(
                "Completed every module of the learning path “%(title)s” on Samen Leren."
            ) % {"title": path.title}
    try:
        with transaction.atomic():
            return BadgeClass.objects.create(
                module=module, path=path, name=name, description=owner.summary, criteria=criteria
            )
    except IntegrityError:  # made at the same moment by another request
        return BadgeClass.objects.get(module=module, path=path)


def badge_issue(*, badge: BadgeClass, person) -> tuple[BadgeAssertion, bool]:
    """Issue the badge to the person once; a second call returns the first assertion."""
    existing = BadgeAssertion.objects.filter(badge=badge, person=person).first()
    if existing is not None:
        return existing, False
    salt = secrets.token_hex(16)
    try:
        with transaction.atomic():
            assertion = BadgeAssertion.objects.create(
                badge=badge,
                person=person,
                salt=salt,
                recipient_hash=recipient_hash(email=person.email, salt=salt),
                issued_on=timezone.now(),
            )
    except IntegrityError:
        return BadgeAssertion.objects.get(badge=badge, person=person), False
    return assertion, True


def badge_revoke(*, assertion: BadgeAssertion, reason: str, actor) -> BadgeAssertion:
    """Revoke an issued badge; its hosted JSON then says so. A reason is required."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the badge is revoked; the reason is shown to whoever checks it.")}
        )
    with transaction.atomic():
        changed = BadgeAssertion.objects.filter(pk=assertion.pk, revoked=False).update(
            revoked=True, revocation_reason=reason[:300], revoked_at=timezone.now()
        )
        if not changed:
            raise ValidationError(_("This badge has already been revoked."))
        audit_log(
            actor=actor,
            action="learning.badge_revoked",
            target=assertion.uuid,
            badge=assertion.badge.name,
            reason=reason[:300],
        )
    assertion.refresh_from_db()
    return assertion
