"""Certificates of participation, issued by the activity's attendance rule.

A certificate copies everything it shows (name, activity, provider, region, dates, hours) so it
stays valid and readable after the activity is changed, cancelled or deleted.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samenleren.accounts.models import User
from samenleren.core.services import audit_log

from ..models import Activity, Certificate
from ..selectors.attendance import (
    activity_days,
    certificate_candidates,
)


def certificates_issue(*, activity: Activity, actor: User | None = None) -> int:
    """Issue a certificate to every confirmed participant who attended at least
    `certificate_min_percent` % of the sessions and has none yet. Returns how many were issued.

    Safe to run again (after attendance was corrected, say): nobody gets a second certificate.
    """
    now = timezone.now()
    with transaction.atomic():
        # Serialise issuing per activity, so two coordinators clicking at once issue once.
        activity = (
            Activity.objects.select_for_update(of=("self",)).select_related(
                "region", "provider_organisation"
            )
        ).get(pk=activity.pk)
        candidates, total, _needed = certificate_candidates(activity=activity, qualifies=True)
        if not total:
            return 0
        days = activity_days(activity=activity)
        provider = activity.provider or (
            activity.provider_organisation.name if activity.provider_organisation else ""
        )
        new = [
            Certificate(
                registration=registration,
                person=registration.person,
                person_name=registration.person.full_name[:250],
                activity_title=activity.title,
                provider=provider[:200],
                region=activity.region,
                region_name=activity.region.name[:120],
                first_day=days.first_day,
                last_day=days.last_day,
                hours=registration.hours or Decimal("0"),
                sessions_attended=registration.attended,
                sessions_total=total,
                issued_at=now,
            )
            for registration in candidates.filter(certificate__isnull=True)
        ]
        Certificate.objects.bulk_create(new)
        if new:
            audit_log(
                actor=actor,
                action="activities.certificates_issue",
                target=activity,
                activity_id=activity.pk,
                issued=len(new),
            )
    return len(new)


def certificate_revoke(*, certificate: Certificate, actor: User | None = None) -> None:
    """Withdraw a certificate (issued by mistake); the verification page then says so."""
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if updated:
            audit_log(
                actor=actor,
                action="activities.certificate_revoke",
                target=certificate,
                certificate_id=certificate.pk,
            )
    certificate.refresh_from_db(fields=["revoked_at"])
