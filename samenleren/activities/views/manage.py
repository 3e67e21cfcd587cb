"""Coordinators run the calendar: the region's activities, creating, editing, copying,
publishing and cancelling them, the registrations (with CSV) and the catering overview."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenleren.core.paging import paginate
from samenleren.network.selectors import access_managed_region

from ..forms.manage import ActivityEditor, CancelForm, ManageFilterForm
from ..models import Activity
from ..selectors.access import access_activity_manage
from ..selectors.manage import (
    access_registration_manage,
    catering_overview,
    current_registration_count,
    manage_activity_list,
    registration_groups,
    registration_table,
    session_places,
)
from ..services.activity import (
    activity_cancel,
    activity_copy,
    activity_export_log,
    activity_publish,
    activity_save,
)
from ..services.registration import RegistrationError, registration_decide


def _csv_response(*, filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    """UTF-8 with a byte order mark and ';' between fields: Excel with Dutch settings opens it
    as it is, accents and all."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(activity: Activity, what: str) -> str:
    return f"{slugify(activity.title)[:60] or 'activiteit'}-{what}.csv"


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    filters = ManageFilterForm(request.GET)
    values = filters.values()
    page = paginate(request, manage_activity_list(region=region, **values))
    return render(
        request,
        "activities/manage/list.html",
        {
            "region": region,
            "filters": filters,
            "page": page,
            "filtered": any(values.values()),
        },
    )


def _editor_page(request: HttpRequest, *, region, activity: Activity | None) -> HttpResponse:
    editor = ActivityEditor(
        request.POST if request.method == "POST" else None, region=region, activity=activity
    )
    if request.method == "POST" and not editor.is_adding() and editor.is_valid():
        try:
            saved = activity_save(actor=request.user, **editor.save_arguments())
        except ValidationError as error:
            editor.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Your changes have been saved.")
                if activity
                else _("The activity has been saved as a draft. Publish it when it is ready."),
            )
            return redirect("activities:manage_registrations", pk=saved.pk)
    return render(
        request,
        "activities/manage/form.html",
        {"editor": editor, "activity": activity, "region": region},
    )


@login_required
def manage_create(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    return _editor_page(request, region=region, activity=None)


@login_required
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    return _editor_page(request, region=activity.region, activity=activity)


@login_required
@require_POST
def manage_copy(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    copy = activity_copy(actor=request.user, activity=activity)
    messages.success(
        request,
        _("This is a copy, saved as a draft. Check the dates, then publish it."),
    )
    return redirect("activities:manage_edit", pk=copy.pk)


@login_required
@require_POST
def manage_publish(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    try:
        activity_publish(actor=request.user, activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The activity is published and visible in the calendar."))
    return redirect("activities:manage_registrations", pk=activity.pk)


@login_required
def manage_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    form = CancelForm(request.POST or None)
    if activity.is_cancelled:
        messages.error(request, _("This activity has already been cancelled."))
        return redirect("activities:manage_registrations", pk=activity.pk)
    if request.method == "POST" and form.is_valid():
        try:
            activity_cancel(
                actor=request.user, activity=activity, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The activity is cancelled. Everyone registered gets an e-mail.")
            )
            return redirect("activities:manage_registrations", pk=activity.pk)
    informed = current_registration_count(activity=activity)
    return render(
        request,
        "activities/manage/cancel.html",
        {"activity": activity, "form": form, "informed": informed},
    )


@login_required
def manage_registrations(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    groups = registration_groups(activity=activity)
    return render(
        request,
        "activities/manage/registrations.html",
        {
            "activity": activity,
            "groups": groups,
            "questions": list(activity.questions.all()),
            # With places held and absences per session, for the table of a series.
            "sessions": session_places(activity=activity),
            "total": sum(len(g.registrations) for g in groups),
        },
    )


@login_required
def manage_registrations_csv(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    header, rows = registration_table(activity=activity)
    activity_export_log(actor=request.user, activity=activity, what="registrations")
    return _csv_response(filename=_filename(activity, _("registrations")), header=header, rows=rows)


@login_required
@require_POST
def manage_decide(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    registration = access_registration_manage(user=request.user, activity_pk=pk, pk=registration_pk)
    approve = request.POST.get("decision") == "approve"
    try:
        registration_decide(registration_id=registration.pk, actor=request.user, approve=approve)
    except RegistrationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = registration.person.full_name or registration.person.email
        messages.success(
            request,
            (_("%(name)s is registered.") if approve else _("%(name)s is not approved."))
            % {"name": name},
        )
    return redirect("activities:manage_registrations", pk=pk)


@login_required
def manage_catering(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    return render(
        request,
        "activities/manage/catering.html",
        {
            "activity": activity,
            "catering": catering_overview(activity=activity),
            "sessions": list(activity.sessions.select_related("venue")),
            "now": timezone.now(),
        },
    )


@login_required
def manage_catering_csv(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    catering = catering_overview(activity=activity)
    rows = [
        [_("Registered"), catering.confirmed],
        [_("Expected no-show (%)"), catering.no_show_percent],
        [_("Expected number"), catering.expected],
        [_("No dietary needs"), catering.without_needs],
        *[[diet.label, diet.count] for diet in catering.diets],
    ]
    activity_export_log(actor=request.user, activity=activity, what="catering")
    return _csv_response(
        filename=_filename(activity, _("catering")), header=[_("What"), _("Number")], rows=rows
    )


urlpatterns = [
    path("beheer/", manage_list, name="manage_list"),
    path("beheer/nieuw/", manage_create, name="manage_create"),
    path("beheer/<int:pk>/", manage_registrations, name="manage_registrations"),
    path("beheer/<int:pk>/bewerken/", manage_edit, name="manage_edit"),
    path("beheer/<int:pk>/kopieren/", manage_copy, name="manage_copy"),
    path("beheer/<int:pk>/publiceren/", manage_publish, name="manage_publish"),
    path("beheer/<int:pk>/annuleren/", manage_cancel, name="manage_cancel"),
    path(
        "beheer/<int:pk>/aanmeldingen.csv",
        manage_registrations_csv,
        name="manage_registrations_csv",
    ),
    path(
        "beheer/<int:pk>/aanmeldingen/<int:registration_pk>/besluit/",
        manage_decide,
        name="manage_decide",
    ),
    path("beheer/<int:pk>/catering/", manage_catering, name="manage_catering"),
    path("beheer/<int:pk>/catering.csv", manage_catering_csv, name="manage_catering_csv"),
]
