"""Views for the day itself: the attendance list, the QR code, self check-in, participants."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenleren.core.paging import paginate
from samenleren.network.models import Function

from ..forms.attendance import AttendanceForm
from ..selectors.access import access_activity_run, access_session_run, is_coordinator_of
from ..selectors.attendance import (
    access_checkin_session,
    attendance_counts,
    attendance_rows,
    checked_in,
    checkin_registration,
    confirmed_registrations,
)
from ..services.attendance import (
    CheckinError,
    attendance_checkin,
    attendance_mark,
    checkin_problem,
    checkin_window,
)

ATTENDANCE_PAGE_SIZE = 100


@login_required
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session = access_session_run(user=request.user, pk=pk)
    search = request.GET.get("q", "").strip()
    page = paginate(
        request,
        confirmed_registrations(activity=session.activity, search=search),
        per_page=ATTENDANCE_PAGE_SIZE,
    )
    registrations = list(page.object_list)
    rows = attendance_rows(session=session, registrations=registrations)
    form = AttendanceForm(
        request.POST or None, registration_ids=[registration.pk for registration in registrations]
    )
    if request.method == "POST":
        if form.is_valid():
            shown = set(form.cleaned_data["shown"])
            present = set(form.cleaned_data["present"])
            if form.cleaned_data["action"] == "all":
                # Everyone on the list, except who sent apologies (unless ticked anyway).
                present |= {row.registration.pk for row in rows if not row.absent_in_advance}
            attendance_mark(
                session=session,
                actor=request.user,
                present_ids=present & shown,
                registration_ids=shown,
            )
            messages.success(request, _("The attendance has been saved."))
            return redirect(request.get_full_path())
        messages.error(request, _("The attendance has not been saved.") + " " + form_errors(form))
    return render(
        request,
        "activities/attendance/session.html",
        {
            "session": session,
            "activity": session.activity,
            "page": page,
            "rows": rows,
            "search": search,
            "counts": attendance_counts(session=session),
        },
    )


def form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def checkin_url(session) -> str:
    return settings.SITE_URL + reverse("activities:checkin", args=[session.checkin_code])


@login_required
def checkin_qr(request: HttpRequest, pk: int) -> HttpResponse:
    session = access_session_run(user=request.user, pk=pk)
    url = checkin_url(session)
    # An <img> with a data: URI (allowed by the CSP's img-src), so no markup is marked safe.
    qr = segno.make(url, error="m")
    qr_src = qr.svg_data_uri(scale=10, border=2, dark="#000", light="#fff")
    qr_size = qr.symbol_size(scale=10, border=2)[0]
    opens, closes = checkin_window(session)
    return render(
        request,
        "activities/attendance/checkin_qr.html",
        {
            "session": session,
            "activity": session.activity,
            "url": url,
            "qr_src": qr_src,
            "qr_size": qr_size,
            "opens": opens,
            "closes": closes,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, code) -> HttpResponse:
    session = access_checkin_session(code=code)
    refused = False
    if request.method == "POST":
        try:
            attendance_checkin(session=session, person=request.user)
        except CheckinError:
            refused = True  # the page below says why
        else:
            messages.success(request, _("You are checked in. Welcome!"))
            return redirect("activities:checkin", code=session.checkin_code)
    registration = checkin_registration(session=session, person=request.user)
    present = checked_in(session=session, registration=registration)
    problem = None
    if not present:
        problem = checkin_problem(session=session, registration=registration, now=timezone.now())
    return render(
        request,
        "activities/attendance/checkin.html",
        {
            "session": session,
            "activity": session.activity,
            "present": present,
            "problem": problem.messages[0] if problem else "",
        },
        status=403 if refused else 200,
    )


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_run(user=request.user, pk=pk)
    search = request.GET.get("q", "").strip()
    page = paginate(request, confirmed_registrations(activity=activity, search=search))
    functions = dict(Function.choices)
    rows = [
        (registration, functions.get(registration.function, registration.function))
        for registration in page.object_list
    ]
    return render(
        request,
        "activities/attendance/participants.html",
        {
            "activity": activity,
            "page": page,
            "rows": rows,
            "search": search,
            "sessions": activity.sessions.all(),
            "may_manage": is_coordinator_of(request.user, activity),
        },
    )


urlpatterns = [
    path("sessie/<int:pk>/aanwezigheid/", session_attendance, name="attendance"),
    path("sessie/<int:pk>/qr/", checkin_qr, name="checkin_qr"),
    path("inchecken/<uuid:code>/", checkin, name="checkin"),
    path("activiteit/<int:pk>/deelnemers/", participants, name="participants"),
]
