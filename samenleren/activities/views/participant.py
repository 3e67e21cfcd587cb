"""What a participant does: register, cancel, take an offered place, send a colleague, miss a
session, see their registrations and manage their personal calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenleren.core.paging import paginate
from samenleren.network.selectors import colleagues_for_contact, roles_of

from ..forms.participant import ColleagueForm, ColleagueRegistrationForm, RegistrationForm
from ..models import Registration, RegistrationStatus
from ..selectors.access import access_activity_public, access_own_registration
from ..selectors.calendar import (
    feed_exists,
    past_registrations,
    registration_organisations,
    upcoming_registrations,
)
from ..services.feeds import calendar_feed_create, calendar_feed_revoke
from ..services.registration import (
    AlreadyRegistered,
    RegistrationError,
    offer_accept,
    registration_cancel,
    registration_create,
    registration_transfer,
    session_absence_set,
    waitlist_position,
)
from .calendar import render_detail


def _back(request: HttpRequest, registration: Registration) -> HttpResponse:
    """Back to where the action was started (the activity's page or 'my registrations')."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("activities:detail", args=[registration.activity_id])
    return redirect(target)


def _error_text(error: RegistrationError) -> str:
    return " ".join(error.messages)


def _registered_message(registration: Registration) -> str:
    title = registration.activity.title
    if registration.status == RegistrationStatus.WAITLISTED:
        values = {"title": title, "position": waitlist_position(registration)}
        why = getattr(registration, "full_because", None)
        if why == "quota":
            values["date"] = date_format(
                timezone.localtime(registration.activity.quota_release_at), "j F Y H:i"
            )
            return (
                _(
                    "The places left for %(title)s are kept for schools with a quota until "
                    "%(date)s, so you are on the waiting list at position %(position)s. Places "
                    "that are still free then are offered to the waiting list in turn; you get an "
                    "e-mail."
                )
                % values
            )
        if why == "session":
            return (
                _(
                    "A session of %(title)s is full, so you are on the waiting list at position "
                    "%(position)s. When there is room in every session again, a place is offered to "
                    "you automatically and you get an e-mail."
                )
                % values
            )
        return (
            _(
                "%(title)s is full, so you are on the waiting list at position %(position)s. When a "
                "place comes free, it is offered to you automatically and you get an e-mail."
            )
            % values
        )
    if registration.status == RegistrationStatus.PENDING:
        return _(
            "We have received your registration for %(title)s. It still needs approval; you will "
            "hear from us."
        ) % {"title": title}
    return _("You are registered for %(title)s. A confirmation is on its way by e-mail.") % {
        "title": title
    }


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_public(user=request.user, pk=pk)
    if request.method != "POST":
        return redirect(reverse("activities:detail", args=[activity.pk]) + "#aanmelden")
    organisations, primary, functions = registration_organisations(person=request.user)
    form = RegistrationForm(
        request.POST,
        activity=activity,
        questions=list(activity.questions.all()),
        organisations=organisations,
        primary=primary,
        functions=functions,
    )
    if form.is_valid():
        try:
            registration = registration_create(
                activity_id=activity.pk,
                person=request.user,
                organisation_id=form.cleaned_data["organisation"].pk,
                function=form.cleaned_data["function"],
                diet=form.cleaned_data.get("diet", ""),
                answers=form.answers(),
            )
        except AlreadyRegistered as error:
            messages.info(request, _error_text(error))
            return redirect("activities:detail", pk=activity.pk)
        except RegistrationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _registered_message(registration))
            return redirect("activities:detail", pk=activity.pk)
    return render_detail(request, activity, form=form)


@login_required
def register_colleague(request: HttpRequest, pk: int) -> HttpResponse:
    """A school contact registers a colleague of the own school."""
    if not roles_of(request.user).is_school_contact:
        raise PermissionDenied
    activity = access_activity_public(user=request.user, pk=pk)
    affiliations = colleagues_for_contact(user=request.user)
    form = ColleagueRegistrationForm(
        request.POST or None,
        activity=activity,
        questions=list(activity.questions.all()),
        affiliations=affiliations,
    )
    if request.method == "POST" and form.is_valid():
        colleague = form.cleaned_data["colleague"].person
        try:
            registration = registration_create(
                activity_id=activity.pk,
                person=colleague,
                organisation_id=form.cleaned_data["organisation"].pk,
                function=form.cleaned_data["function"],
                diet=form.cleaned_data.get("diet", ""),
                answers=form.answers(),
                registered_by=request.user,
            )
        except AlreadyRegistered:
            form.add_error("colleague", _("This colleague is already registered."))
        except RegistrationError as error:
            form.add_service_error(error)
        else:
            position = waitlist_position(registration)
            messages.success(
                request,
                _("%(name)s is on the waiting list, at position %(position)s.")
                % {"name": colleague.full_name, "position": position}
                if position
                else _("%(name)s is registered. They get a confirmation by e-mail.")
                % {"name": colleague.full_name},
            )
            return redirect("activities:register_colleague", pk=activity.pk)
    return render(
        request,
        "activities/participant/register_colleague.html",
        {"activity": activity, "form": form},
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access_own_registration(user=request.user, pk=pk)
    was_waiting = registration.status == RegistrationStatus.WAITLISTED
    try:
        registration_cancel(registration_id=registration.pk, actor=request.user)
    except RegistrationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("You have left the waiting list.")
            if was_waiting
            else _("Your registration has been cancelled. Thank you for letting us know."),
        )
    return _back(request, registration)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    registration = access_own_registration(user=request.user, pk=pk)
    try:
        offer_accept(registration_id=registration.pk, person=request.user)
    except RegistrationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The place is yours: you are registered for %(title)s.")
            % {"title": registration.activity.title},
        )
    return _back(request, registration)


@login_required
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    """'Send a colleague instead': the form (GET) and passing on the place (POST)."""
    registration = access_own_registration(user=request.user, pk=pk)
    form = ColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            replacement = registration_transfer(
                registration_id=registration.pk,
                person=request.user,
                colleague_email=form.cleaned_data["email"],
            )
        except RegistrationError as error:
            form.add_error("email", _error_text(error))
        else:
            messages.success(
                request,
                _("Your place has gone to %(name)s, who gets an e-mail about it.")
                % {"name": replacement.person.get_full_name() or replacement.person.email},
            )
            return redirect("activities:detail", pk=registration.activity_id)
    return render(
        request,
        "activities/participant/transfer.html",
        {"registration": registration, "activity": registration.activity, "form": form},
    )


@login_required
@require_POST
def absence(request: HttpRequest, pk: int) -> HttpResponse:
    """Tell in advance that you will miss one session of a series (or that you will come)."""
    registration = access_own_registration(user=request.user, pk=pk)
    session_id = request.POST.get("session", "")
    absent = request.POST.get("absent") == "1"
    if not session_id.isdigit():
        messages.error(request, _("Choose a session of this activity."))
        return _back(request, registration)
    try:
        session_absence_set(registration=registration, session_id=int(session_id), absent=absent)
    except RegistrationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Noted: you will miss this session.")
            if absent
            else _("Noted: you will be at this session after all."),
        )
    return _back(request, registration)


def _mine(request: HttpRequest, *, new_feed_token: str | None = None) -> HttpResponse:
    now = timezone.now()
    new_feed_url = (
        request.build_absolute_uri(reverse("activities:personal_feed", args=[new_feed_token]))
        if new_feed_token
        else None
    )
    return render(
        request,
        "activities/participant/mine.html",
        {
            "upcoming": upcoming_registrations(person=request.user, now=now),
            "page": paginate(request, past_registrations(person=request.user, now=now)),
            "has_feed": new_feed_url is not None or feed_exists(person=request.user),
            "new_feed_url": new_feed_url,
            "now": now,
        },
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return _mine(request)


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """A new secret feed URL, shown once on the page it answers with."""
    token = calendar_feed_create(person=request.user)
    return _mine(request, new_feed_token=token)


@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    if calendar_feed_revoke(person=request.user):
        messages.success(
            request, _("Your calendar feed has been switched off; the link no longer works.")
        )
    return redirect("activities:mine")


urlpatterns = [
    path("<int:pk>/aanmelden/", register, name="register"),
    path("<int:pk>/collega-aanmelden/", register_colleague, name="register_colleague"),
    path("mijn/", mine, name="mine"),
    path("mijn/agenda-feed/", feed_create, name="feed_create"),
    path("mijn/agenda-feed/uitzetten/", feed_revoke, name="feed_revoke"),
    path("aanmelding/<int:pk>/annuleren/", cancel, name="cancel"),
    path("aanmelding/<int:pk>/plaats-nemen/", accept, name="accept"),
    path("aanmelding/<int:pk>/collega/", transfer, name="transfer"),
    path("aanmelding/<int:pk>/afwezig/", absence, name="absence"),
]
