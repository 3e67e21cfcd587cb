"""Attendance: the trainer's list and the participant's own check-in by QR code.

Attendance does not change who holds a place, so it needs no activity lock (docs/locking.md);
one row per registration and session is guaranteed by the `attendance_unique` constraint.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samenleren.accounts.models import User

from ..models import Attendance, Registration, RegistrationStatus, Session

CHECKIN_OPENS_BEFORE = timedelta(hours=1)


class CheckinError(ValidationError):
    """A check-in that cannot be made; the message says why (codes: cancelled,
    not_registered, too_early, too_late)."""


def checkin_window(session: Session) -> tuple[datetime, datetime]:
    """Self check-in is open from an hour before the start until the end of the session."""
    return session.starts_at - CHECKIN_OPENS_BEFORE, session.ends_at


def _local(moment: datetime, fmt: str) -> str:
    return formats.date_format(timezone.localtime(moment), fmt)


def checkin_problem(
    *, session: Session, registration: Registration | None, now: datetime
) -> CheckinError | None:
    """Why this person cannot check in now, or None when they can."""
    if session.activity.is_cancelled:
        return CheckinError(_("This activity has been cancelled."), code="cancelled")
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return CheckinError(
            _(
                "You are not on the list of participants of this activity, so you cannot check "
                "in. Please report to the trainer."
            ),
            code="not_registered",
        )
    opens, closes = checkin_window(session)
    if now < opens:
        return CheckinError(
            _("Check-in opens on %(day)s at %(time)s, an hour before the start.")
            % {"day": _local(opens, "l j F Y"), "time": _local(opens, "H:i")},
            code="too_early",
        )
    if now >= closes:
        return CheckinError(
            _("Check-in for this session closed on %(day)s at %(time)s.")
            % {"day": _local(closes, "l j F Y"), "time": _local(closes, "H:i")},
            code="too_late",
        )
    return None


def attendance_checkin(
    *, session: Session, person: User, now: datetime | None = None
) -> Attendance:
    """The participant confirms their own presence with the session's QR code.

    Raises CheckinError (nothing written) when the person has no confirmed place or it is not
    the time of the session. Checking in twice is harmless.
    """
    now = now or timezone.now()
    registration = Registration.objects.filter(
        activity_id=session.activity_id, person=person, status=RegistrationStatus.CONFIRMED
    ).first()
    problem = checkin_problem(session=session, registration=registration, now=now)
    if problem:
        raise problem
    with transaction.atomic():
        attendance, created = Attendance.objects.select_for_update().get_or_create(
            registration=registration,
            session=session,
            defaults={"present": True, "method": "qr", "marked_by": person},
        )
        if not created and not attendance.present:
            attendance.present = True
            attendance.method = "qr"
            attendance.marked_by = person
            attendance.save(update_fields=["present", "method", "marked_by", "marked_at"])
    return attendance


def attendance_mark(
    *,
    session: Session,
    actor: User | None,
    present_ids: set[int],
    method: str = "list",
    registration_ids: set[int] | None = None,
) -> int:
    """Record who was there and who was not (a no-show) for every confirmed registration of the
    session's activity, or only for `registration_ids` (the rows shown on one page of the list).

    Registrations in `present_ids` are marked present, the others absent. Rows whose value does
    not change keep how and by whom they were marked (a QR check-in stays a QR check-in).
    Ids that are not confirmed registrations of this activity are ignored. Returns the number
    of rows written.
    """
    now = timezone.now()
    with transaction.atomic():
        confirmed = Registration.objects.filter(
            activity_id=session.activity_id, status=RegistrationStatus.CONFIRMED
        )
        if registration_ids is not None:
            confirmed = confirmed.filter(pk__in=registration_ids)
        ids = set(confirmed.values_list("pk", flat=True))
        existing = {
            attendance.registration_id: attendance
            for attendance in Attendance.objects.select_for_update().filter(
                session=session, registration_id__in=ids
            )
        }
        new, changed = [], []
        for registration_id in sorted(ids):
            present = registration_id in present_ids
            attendance = existing.get(registration_id)
            if attendance is None:
                new.append(
                    Attendance(
                        registration_id=registration_id,
                        session=session,
                        present=present,
                        method=method,
                        marked_by=actor,
                        marked_at=now,
                    )
                )
            elif attendance.present != present:
                attendance.present = present
                attendance.method = method
                attendance.marked_by = actor
                attendance.marked_at = now
                changed.append(attendance)
        # A QR check-in that lands between the read above and this insert wins: it is newer.
        Attendance.objects.bulk_create(new, ignore_conflicts=True)
        Attendance.objects.bulk_update(changed, ["present", "method", "marked_by", "marked_at"])
    return len(new) + len(changed)
