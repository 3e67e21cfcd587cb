"""The calendar everyone sees: list and month, an activity's page, and the .ics feeds."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from samenleren.core.paging import paginate, query_without_page
from samenleren.network.models import Region
from samenleren.network.selectors import roles_of

from ..forms.participant import CalendarFilterForm, ColleagueForm, RegistrationForm
from ..ics import sessions_calendar
from ..selectors.access import access_activity_public
from ..selectors.calendar import (
    activity_detail,
    activity_feed_sessions,
    calendar_activities,
    calendar_month,
    feed_person,
    filter_choices,
    month_of,
    personal_feed_sessions,
    region_feed_sessions,
    registration_organisations,
    sees_online_links,
)
from ..services.registration import registration_open_problem

MONTH = "maand"


def calendar(request: HttpRequest) -> HttpResponse:
    """The training calendar of all regions. No login needed."""
    form = CalendarFilterForm(request.GET, choices=filter_choices())
    filters = form.filters()
    month_view = request.GET.get("weergave") == MONTH
    context = {
        "form": form,
        "filters": filters,
        "filtered": filters.active,
        "month_view": month_view,
    }
    params = request.GET.copy()
    for name in ("page", "weergave", "maand"):
        params.pop(name, None)
    context["filter_query"] = params.urlencode()
    if month_view:
        today = timezone.localdate()
        month = calendar_month(
            filters=filters, first=month_of(request.GET.get("maand"), today), today=today
        )
        context.update(
            month=month,
            weekdays=[(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
        )
        return render(request, "activities/calendar/month.html", context)
    context["page"] = paginate(request, calendar_activities(filters=filters))
    context["query"] = query_without_page(request)
    return render(request, "activities/calendar/list.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_public(user=request.user, pk=pk)
    return render_detail(request, activity)


def render_detail(
    request: HttpRequest,
    activity,
    *,
    form: RegistrationForm | None = None,
    colleague_form: ColleagueForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The activity's page; the participant views render it again with a form's errors."""
    info = activity_detail(activity=activity, user=request.user)
    problem = registration_open_problem(activity, timezone.now())
    if (
        form is None
        and request.user.is_authenticated
        and info.registration is None
        and problem is None
    ):
        organisations, primary, functions = registration_organisations(person=request.user)
        form = RegistrationForm(
            activity=activity,
            questions=list(activity.questions.all()),
            organisations=organisations,
            primary=primary,
            functions=functions,
        )
    if colleague_form is None and info.registration is not None:
        colleague_form = ColleagueForm()
    return render(
        request,
        "activities/calendar/detail.html",
        {
            "activity": activity,
            "info": info,
            "registration": info.registration,
            "problem": problem,
            "form": form,
            "colleague_form": colleague_form,
            "is_school_contact": roles_of(request.user).is_school_contact,
            "now": timezone.now(),
        },
        status=status,
    )


def _ics_response(content: bytes, filename: str, *, private: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    return response


def activity_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The activity's sessions as .ics; with online links only for people with a place."""
    activity = access_activity_public(user=request.user, pk=pk)
    with_links = sees_online_links(activity=activity, user=request.user)
    content = sessions_calendar(
        activity.title, activity_feed_sessions(activity=activity), with_links=with_links
    )
    return _ics_response(content, f"activiteit-{activity.pk}.ics", private=True)


def region_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """A region's public calendar to subscribe to (no online links)."""
    region = get_object_or_404(Region, slug=slug)
    content = sessions_calendar(
        _("Samen Leren – %(region)s") % {"region": region.name},
        region_feed_sessions(region=region),
        with_links=False,
    )
    return _ics_response(content, f"{region.slug}.ics", private=False)


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own sessions, with online links. The secret token is the only key."""
    person = feed_person(token=token)
    if person is None:
        raise Http404
    content = sessions_calendar(
        _("Samen Leren – my activities"), personal_feed_sessions(person=person), with_links=True
    )
    return _ics_response(content, "samenleren.ics", private=True)


urlpatterns = [
    path("", calendar, name="calendar"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/agenda.ics", activity_ics, name="ics"),
    path("regio/<slug:slug>.ics", region_feed, name="region_feed"),
    path("feed/<str:token>.ics", personal_feed, name="personal_feed"),
]
