"""The calendar in the API: activities, registering yourself, cancelling, and the coordinator's
list of registrations. Every write goes through the same services as the web pages; who holds a
place is decided only in `activities.services.registration` (see docs/locking.md)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from samenleren.activities.models import Activity, Registration
from samenleren.activities.selectors.access import (
    access_activity_manage,
    access_activity_public,
    access_own_registration,
)
from samenleren.activities.selectors.calendar import (
    ONLINE,
    PHYSICAL,
    CalendarFilters,
    activity_detail,
    calendar_activities,
    registration_functions,
    waitlist_positions,
)
from samenleren.activities.services.activity import activity_publish, activity_save
from samenleren.activities.services.registration import (
    AlreadyRegistered,
    RegistrationError,
    registration_cancel,
    registration_create,
)
from samenleren.network.models import Profile
from samenleren.network.selectors import access_managed_region

from ..auth import API_AUTH
from ..pagination import Paged
from ..schemas import ErrorOut
from ..schemas_activities import (
    ActivityCreatedOut,
    ActivityDetailOut,
    ActivityFilters,
    ActivityIn,
    ActivityOut,
    AlreadyRegisteredOut,
    ParticipantOut,
    RegistrationCreatedOut,
    RegistrationIn,
    RegistrationListFilters,
    ValidationErrorOut,
    session_place,
)

router = Router(tags=["calendar"])


def anonymous_reader(request: HttpRequest) -> bool:
    """Browsing the calendar needs no sign-in. A token that is sent must still be valid: with an
    Authorization header this lets nothing through, so a bad token answers 401."""
    return "authorization" not in request.headers


READ_AUTH = [*API_AUTH, anonymous_reader]


@router.get(
    "/activities",
    response=list[ActivityOut],
    auth=READ_AUTH,
    summary="The calendar: activities that have not ended yet (filters, search; paged)",
    description=(
        "Published and cancelled activities of every region, soonest first; drafts are never "
        'listed. `search` finds Dutch word forms ("trainingen" finds "training"). Online '
        "links are never shown here. No sign-in needed."
    ),
)
@paginate(Paged)
def activity_list(request: HttpRequest, filters: Query[ActivityFilters]):
    form = "" if filters.online is None else ONLINE if filters.online else PHYSICAL
    return calendar_activities(
        filters=CalendarFilters(
            search=filters.search.strip(),
            kind=filters.kind or "",
            profile=filters.profile or "",
            region=filters.region or "",
            date_from=filters.date_from,
            date_to=filters.date_to,
            form=form,
            places_left=filters.with_places,
        )
    )


@router.get(
    "/activities/{activity_id}",
    response={200: ActivityDetailOut, 404: ErrorOut},
    auth=READ_AUTH,
    summary="One activity with its sessions, places left, questions and your registration",
    description=(
        "Drafts are found only by the region's coordinators. The online link of a session is "
        "shown only to people holding a place, the coordinators and the trainers."
    ),
)
def activity_get(request: HttpRequest, activity_id: int):
    activity = access_activity_public(user=request.user, pk=activity_id)
    detail = activity_detail(activity=activity, user=request.user)
    registration = detail.registration
    return {
        "id": activity.pk,
        "title": activity.title,
        "kind": activity.kind,
        "status": activity.status,
        "region": activity.region.slug,
        "capacity": activity.capacity,
        "places_left": detail.places_left,
        "waitlist_length": detail.waiting,
        "study_hours": float(detail.study_hours),
        "profiles": [profile.code for profile in detail.profiles],
        "summary": activity.summary,
        "description": activity.description,
        "provider": activity.provider,
        "min_participants": activity.min_participants,
        "registration_opens_at": activity.registration_opens_at,
        "registration_closes_at": activity.registration_closes_at,
        "cancellation_deadline": activity.cancellation_deadline,
        "requires_approval": activity.requires_approval,
        "catering": activity.catering,
        "cancelled_reason": activity.cancelled_reason,
        "sessions": [
            {
                "id": session.pk,
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
                "place": session_place(session),
                "online": session.is_online,
                "study_hours": float(session.study_hours),
                "online_url": (session.online_url or None) if detail.show_online_links else None,
                "capacity": session.capacity,
                "places_left": getattr(session, "places_left", None),
            }
            for session in detail.sessions
        ],
        "questions": [
            {
                "id": question.pk,
                "label": question.label,
                "kind": question.kind,
                "choices": question.choice_list,
                "required": question.required,
            }
            for question in activity.questions.all()
        ],
        "my_registration": (
            {
                "id": registration.pk,
                "status": registration.status,
                "waitlist_position": detail.waitlist_position,
            }
            if registration is not None
            else None
        ),
    }


@router.post(
    "/activities",
    response={
        201: ActivityCreatedOut,
        400: ValidationErrorOut,
        403: ErrorOut,
        422: ValidationErrorOut,
    },
    summary="Create an activity with its sessions (coordinators of the region)",
    description=(
        "Created as a draft unless `publish` is true. Each session needs an `address` or an "
        "`online_url`; times without a zone are Dutch time. Nothing is written when anything "
        "is wrong: the answer lists what to correct per field."
    ),
)
def activity_create(request: HttpRequest, payload: ActivityIn):
    try:
        region = access_managed_region(user=request.user, slug=payload.region)
    except Http404:
        raise PermissionDenied from None
    errors = {
        f"sessions.{index}": [_("Give an address or an online link for this session.")]
        for index, session in enumerate(payload.sessions)
        if not (session.address.strip() or session.online_url.strip())
    }
    if errors:
        raise ValidationError(errors)
    activity = Activity(
        region=region,
        title=payload.title.strip(),
        kind=payload.kind,
        capacity=payload.capacity,
        summary=payload.summary.strip(),
        description=payload.description.strip(),
        min_participants=payload.min_participants,
        organiser=request.user,
    )
    if payload.claim_hours is not None:
        activity.claim_hours = payload.claim_hours
    sessions = [
        {
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "address": session.address.strip(),
            "online_url": session.online_url.strip(),
            "study_hours": session.study_hours,
            "capacity": session.capacity,
        }
        for session in payload.sessions
    ]
    profiles = list(Profile.objects.filter(code__in=payload.profiles))
    with transaction.atomic():
        activity_save(actor=request.user, activity=activity, sessions=sessions, profiles=profiles)
        if payload.publish:
            activity_publish(actor=request.user, activity=activity)
    return Status(201, {"id": activity.pk, "status": activity.status})


@router.post(
    "/activities/{activity_id}/registrations",
    response={
        201: RegistrationCreatedOut,
        400: ValidationErrorOut,
        404: ErrorOut,
        409: AlreadyRegisteredOut,
    },
    summary="Register yourself: a place, or the waiting list when the activity is full",
    description=(
        "`status` is `confirmed`, `pending` (awaiting approval) or `waitlisted` with your "
        "`waitlist_position`. Registering twice answers 409 with your existing registration. "
        "`organisation_id` must be one of your current organisations (default: your main one)."
    ),
)
def registration_add(request: HttpRequest, activity_id: int, payload: RegistrationIn):
    # The happy path reads the activity only once, under the service's lock: a rush of
    # registrations is the busiest moment of the calendar. Errors may cost another query.
    functions, organisation_id = registration_functions(person=request.user)
    if payload.organisation_id is not None:
        organisation_id = payload.organisation_id
        if organisation_id not in functions:
            access_activity_public(user=request.user, pk=activity_id)
            raise ValidationError(
                {
                    "organisation_id": [
                        _(
                            "You do not work at this organisation. Choose one of your own "
                            "organisations, or leave it out."
                        )
                    ]
                }
            )
    try:
        registration = registration_create(
            activity_id=activity_id,
            person=request.user,
            organisation_id=organisation_id,
            function=functions.get(organisation_id, ""),
            diet=payload.diet,
            answers=payload.answers,
        )
    except AlreadyRegistered as error:
        return Status(409, {"detail": error.messages[0], "id": error.registration.pk})
    except RegistrationError as error:
        if getattr(error, "code", None) == "unknown":
            raise Http404 from None
        access_activity_public(user=request.user, pk=activity_id)  # a draft is 404 to others
        raise
    return Status(
        201,
        {
            "id": registration.pk,
            "status": registration.status,
            # Counted under the lock, at the moment of registering: no statement afterwards.
            "waitlist_position": registration.position_at_registration,
            "full_because": registration.full_because,
            "full_sessions": registration.full_session_ids,
        },
    )


@router.get(
    "/activities/{activity_id}/registrations",
    response=list[ParticipantOut],
    summary="Everyone registered for an activity (coordinators of the region; paged)",
    description=(
        "All registrations, also cancelled ones, in the order they came in, with the person, "
        "organisation, status and place on the waiting list. Filter with `status`."
    ),
)
@paginate(Paged)
def registration_list(
    request: HttpRequest, activity_id: int, filters: Query[RegistrationListFilters]
):
    activity = access_activity_manage(user=request.user, pk=activity_id)
    registrations = Registration.objects.filter(activity=activity)
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    return waitlist_positions(
        registrations.select_related("person", "organisation").order_by("created_at", "pk")
    )


@router.delete(
    "/registrations/{registration_id}",
    response={204: None, 400: ValidationErrorOut, 404: ErrorOut},
    summary="Cancel your registration or leave the waiting list",
    description=(
        "Only your own registrations. A freed place goes to the next person on the waiting "
        "list. After the activity's cancellation deadline this answers 400: send a colleague "
        "instead, or contact the coordinators."
    ),
)
def registration_delete(request: HttpRequest, registration_id: int):
    registration = access_own_registration(user=request.user, pk=registration_id)
    registration_cancel(registration_id=registration.pk, actor=request.user)
    return Status(204, None)
