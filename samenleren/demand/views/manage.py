"""Coordinators: the course catalogue (form and import), campaigns, the overview with chart,
table and CSV, the date poll, conversion into an activity, and the school holidays."""

import csv
import io
from datetime import time, timedelta
from decimal import ROUND_CEILING, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from samenleren.community.models import Visibility
from samenleren.community.selectors import access_question_manage
from samenleren.core.paging import paginate
from samenleren.core.tabular import TabularError
from samenleren.network.selectors import access_managed_region

from ..forms import (
    CampaignFilterForm,
    CampaignForm,
    ConvertForm,
    CourseFilterForm,
    CourseForm,
    HolidayForm,
    ImportForm,
    PollForm,
)
from ..models import Campaign, DatePoll, ExternalCourse, SchoolHoliday
from ..selectors.access import (
    access_campaign_course_manage,
    access_campaign_manage,
    access_course_manage,
    access_holiday_manage,
)
from ..selectors.lists import campaign_list, course_list, holidays_of
from ..selectors.polls import (
    best_option,
    poll_preferences,
    poll_respondents,
    poll_results,
    suggested_dates,
)
from ..selectors.progress import campaign_progress, campaign_totals
from ..services.catalogue import campaign_from_question, campaign_save, course_save, courses_import
from ..services.conversion import course_convert
from ..services.polls import PollError, holiday_delete, holiday_save, poll_open
from .chart import bar_chart

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(*, filename: str, header: list[str], rows: list[list]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_safe(h) for h in header])
    writer.writerows([[_safe(c) for c in row] for row in rows])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _region(request):
    return access_managed_region(user=request.user, slug=request.GET.get("regio"))


@login_required
def manage_home(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    filters = CampaignFilterForm(request.GET)
    values = filters.values()
    page = paginate(request, campaign_list(region=region, **values))
    return render(
        request,
        "demand/manage/home.html",
        {"region": region, "filters": filters, "page": page, "filtered": any(values.values())},
    )


# --- catalogue ----------------------------------------------------------------------------------


@login_required
def course_catalogue(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    filters = CourseFilterForm(request.GET)
    values = filters.values()
    page = paginate(request, course_list(region=region, **values))
    return render(
        request,
        "demand/manage/courses.html",
        {"region": region, "filters": filters, "page": page, "filtered": any(values.values())},
    )


def _course_page(request, *, region, course: ExternalCourse | None) -> HttpResponse:
    instance = course or ExternalCourse(region=region)
    form = CourseForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            course_save(
                actor=request.user,
                course=form.save(commit=False),
                profiles=list(form.cleaned_data["profiles"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("demand:manage_courses")
    return render(request, "demand/manage/course_form.html", {"form": form, "course": course})


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    return _course_page(request, region=_region(request), course=None)


@login_required
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = access_course_manage(user=request.user, pk=pk)
    return _course_page(request, region=course.region, course=course)


@login_required
def course_import(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = courses_import(
                actor=request.user, region=region, name=upload.name, data=upload.read()
            )
        except TabularError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                messages.success(
                    request,
                    _("Imported: %(created)s new courses, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("demand:manage_courses")
            problems = result.problems
    return render(
        request, "demand/manage/import.html", {"form": form, "problems": problems, "region": region}
    )


# --- campaigns ----------------------------------------------------------------------------------


def _campaign_page(request, *, region, campaign: Campaign | None) -> HttpResponse:
    instance = campaign or Campaign(region=region)
    form = CampaignForm(request.POST or None, instance=instance, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            saved = campaign_save(
                actor=request.user,
                campaign=form.save(commit=False),
                courses=list(form.cleaned_data["course_choices"]),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "courses" in error.error_dict:
                form.add_error("course_choices", error.error_dict.pop("courses"))
            if not hasattr(error, "error_dict") or error.error_dict:
                form.add_error(None, error)
        else:
            messages.success(request, _("The campaign has been saved."))
            return redirect("demand:manage_campaign", pk=saved.pk)
    return render(request, "demand/manage/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    return _campaign_page(request, region=_region(request), campaign=None)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access_campaign_manage(user=request.user, pk=pk)
    return _campaign_page(request, region=campaign.region, campaign=campaign)


# Listed in settings.COMMUNITY_CONVERSIONS (the label is translated from this app's catalogue).
CONVERSION_LABEL = gettext_lazy("Interest campaign")


@login_required
@require_http_methods(["GET", "POST"])
def campaign_from_question_page(request: HttpRequest) -> HttpResponse:
    """A coordinator turns a question on the board into a new campaign (one click on the
    question, then this form, prefilled). Reached with `?question=<id>`."""
    try:
        question_id = int(request.GET.get("question", ""))
    except ValueError as error:
        raise Http404 from error
    question = access_question_manage(user=request.user, pk=question_id)
    opens_on = timezone.localdate() + timedelta(days=7)
    # The campaign page is public: only a question everyone in the region may read is copied.
    shared = question.visibility == Visibility.REGION
    initial = {
        "title": question.headline[:200] if shared else "",
        "description": question.text if shared else "",
        "opens_on": opens_on,
        "closes_on": opens_on + timedelta(weeks=6),
    }
    form = CampaignForm(
        request.POST or None,
        instance=Campaign(region=question.region),
        region=question.region,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_from_question(
                actor=request.user,
                question=question,
                campaign=form.save(commit=False),
                courses=list(form.cleaned_data["course_choices"]),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "courses" in error.error_dict:
                form.add_error("course_choices", error.error_dict.pop("courses"))
            if not hasattr(error, "error_dict") or error.error_dict:
                form.add_error(None, error)
        else:
            messages.success(request, _("The campaign has been made from the question."))
            return redirect("demand:manage_campaign", pk=campaign.pk)
    return render(
        request,
        "demand/manage/campaign_from_question.html",
        {
            "question": question,
            "form": form,
            "shared": shared,
            "has_courses": form.fields["course_choices"].queryset.exists(),
        },
    )


@login_required
def campaign_overview(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access_campaign_manage(user=request.user, pk=pk)
    progress = campaign_progress(campaign=campaign)
    chart = bar_chart(
        [(p.course.title, p.total, p.minimum) for p in progress],
        title=_("Pledges per course against the minimum"),
    )
    return render(
        request,
        "demand/manage/campaign.html",
        {
            "campaign": campaign,
            "progress": progress,
            "totals": campaign_totals(progress),
            "chart": chart,
        },
    )


@login_required
def campaign_csv(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access_campaign_manage(user=request.user, pk=pk)
    header = [
        _("Course"),
        _("Provider"),
        _("School"),
        _("Pledges"),
        _("Minimum"),
        _("Tipped"),
        _("Travel hours saved"),
        _("Travel cost saved (euro)"),
    ]
    rows = []
    for p in campaign_progress(campaign=campaign):
        base = [p.course.title, p.course.provider]
        tail = [
            p.minimum,
            _("yes") if p.tipped else _("no"),
            str(p.travel.hours_saved).replace(".", ","),
            str(p.travel.cost_saved).replace(".", ","),
        ]
        rows.append([*base, _("All schools"), p.total, *tail])
        rows.extend([*base, school, n, "", "", "", ""] for school, n in p.schools)
    return _csv(
        filename=f"{slugify(campaign.title)[:60] or 'peiling'}.csv", header=header, rows=rows
    )


@login_required
def campaign_course(request: HttpRequest, pk: int) -> HttpResponse:
    cc = access_campaign_course_manage(user=request.user, pk=pk)
    progress = campaign_progress(campaign=cc.campaign, only=cc.pk)[0]
    poll = DatePoll.objects.filter(campaign_course=cc).first()
    context = {"cc": cc, "campaign": cc.campaign, "p": progress, "poll": poll}
    if poll is None:
        context.update(_new_poll(cc))
    else:
        results = poll_results(poll=poll)
        context["results"] = results
        context["best"] = best_option(results)
        context["respondents"] = poll_respondents(poll=poll)
    if cc.tipped_at and cc.activity_id is None:
        context["convert_form"] = _convert_form(cc, progress, context.get("best"))
    return render(request, "demand/manage/course.html", context)


DAY_STARTS = time(9, 0)
DAY_ENDS_LATEST = time(17, 0)


def _course_day(course) -> tuple[time, time]:
    """From 9:00 for the study hours of one course day plus half an hour's break, in whole half
    hours, ending no later than 17:00."""
    hours = course.hours / max(course.days, 1) + Decimal("0.5")
    half_hours = int((hours * 2).to_integral_value(rounding=ROUND_CEILING))
    minutes = DAY_STARTS.hour * 60 + 30 * half_hours
    if minutes >= DAY_ENDS_LATEST.hour * 60:
        return DAY_STARTS, DAY_ENDS_LATEST
    return DAY_STARTS, time(minutes // 60, minutes % 60)


def _new_poll(cc, data=None) -> dict:
    """The poll form, with the pledgers' preferred months and weekdays counted and a few dates
    suggested from them (the coordinator edits them)."""
    preferences = poll_preferences(campaign_course_id=cc.pk)
    if data is not None:
        return {"preferences": preferences, "poll_form": PollForm(data)}
    deadline = (timezone.localtime() + timedelta(days=10)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    suggestions = (
        suggested_dates(
            region_id=cc.campaign.region_id, preferences=preferences, after=deadline.date()
        )
        if cc.tipped_at
        else []
    )
    starts, ends = _course_day(cc.course)
    initial = {"deadline": deadline.strftime("%Y-%m-%dT%H:%M")}
    for n, day in enumerate(suggestions, start=1):
        initial.update(
            {
                f"date_{n}": day.isoformat(),
                f"start_{n}": starts.strftime("%H:%M"),
                f"end_{n}": ends.strftime("%H:%M"),
            }
        )
    return {
        "preferences": preferences,
        "suggestions": suggestions,
        "poll_form": PollForm(initial=initial),
    }


def _convert_form(cc, progress, best, data=None) -> ConvertForm:
    initial = {
        "capacity": max(
            progress.total, (cc.course.second_group_at or 1) - 1, cc.course.min_participants
        ),
        "claim_hours": 72,
    }
    if progress.venues:
        initial["venue"] = progress.venues[0].organisation.pk
    if best is not None:
        initial.update(
            date=best.option.date.isoformat(),
            starts_at=best.option.starts_at.strftime("%H:%M"),
            ends_at=best.option.ends_at.strftime("%H:%M"),
        )
    return ConvertForm(data, region=cc.campaign.region, initial=initial)


@login_required
@require_POST
def poll_create(request: HttpRequest, pk: int) -> HttpResponse:
    cc = access_campaign_course_manage(user=request.user, pk=pk)
    poll_context = _new_poll(cc, data=request.POST)
    form = poll_context["poll_form"]
    if form.is_valid():
        try:
            poll_open(
                actor=request.user,
                campaign_course=cc,
                deadline=form.cleaned_data["deadline"],
                options=form.options(),
            )
        except PollError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The date poll is open. The pledgers get an e-mail."))
            return redirect("demand:manage_course", pk=cc.pk)
    progress = campaign_progress(campaign=cc.campaign, only=cc.pk)[0]
    return render(
        request,
        "demand/manage/course.html",
        {"cc": cc, "campaign": cc.campaign, "p": progress, "poll": None, **poll_context},
        status=400,
    )


@login_required
@require_POST
def convert(request: HttpRequest, pk: int) -> HttpResponse:
    cc = access_campaign_course_manage(user=request.user, pk=pk)
    progress = campaign_progress(campaign=cc.campaign, only=cc.pk)[0]
    form = _convert_form(cc, progress, None, data=request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            activity = course_convert(
                actor=request.user,
                campaign_course=cc,
                venue=data["venue"],
                day=data["date"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                capacity=data["capacity"],
                claim_hours=data["claim_hours"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _(
                    "The activity is in the calendar. The pledgers have been offered a place "
                    "first; registration opens to everyone after the claim window."
                ),
            )
            return redirect("activities:manage_registrations", pk=activity.pk)
    poll = DatePoll.objects.filter(campaign_course=cc).first()
    return render(
        request,
        "demand/manage/course.html",
        {
            "cc": cc,
            "campaign": cc.campaign,
            "p": progress,
            "poll": poll,
            "convert_form": form,
            "results": poll_results(poll=poll) if poll else None,
        },
        status=400,
    )


# --- school holidays ----------------------------------------------------------------------------


@login_required
def holidays(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    form = HolidayForm(request.POST or None, instance=SchoolHoliday(region=region))
    if request.method == "POST" and form.is_valid():
        try:
            holiday_save(actor=request.user, holiday=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The holiday has been saved."))
            return redirect("demand:manage_holidays")
    return render(
        request,
        "demand/manage/holidays.html",
        {"region": region, "form": form, "holidays": holidays_of(region=region)},
    )


@login_required
@require_POST
def holiday_remove(request: HttpRequest, pk: int) -> HttpResponse:
    holiday = access_holiday_manage(user=request.user, pk=pk)
    holiday_delete(actor=request.user, holiday=holiday)
    messages.success(request, _("The holiday has been removed."))
    return redirect("demand:manage_holidays")


urlpatterns = [
    path("beheer/", manage_home, name="manage"),
    path("beheer/nieuw/", campaign_create, name="manage_campaign_create"),
    path("beheer/uit-vraag/", campaign_from_question_page, name="manage_campaign_from_question"),
    path("beheer/<int:pk>/", campaign_overview, name="manage_campaign"),
    path("beheer/<int:pk>/bewerken/", campaign_edit, name="manage_campaign_edit"),
    path("beheer/<int:pk>/export.csv", campaign_csv, name="manage_campaign_csv"),
    path("beheer/cursus/<int:pk>/", campaign_course, name="manage_course"),
    path("beheer/cursus/<int:pk>/datumprikker/", poll_create, name="manage_poll"),
    path("beheer/cursus/<int:pk>/omzetten/", convert, name="manage_convert"),
    path("beheer/catalogus/", course_catalogue, name="manage_courses"),
    path("beheer/catalogus/nieuw/", course_create, name="manage_course_create"),
    path("beheer/catalogus/<int:pk>/", course_edit, name="manage_course_edit"),
    path("beheer/catalogus/importeren/", course_import, name="manage_import"),
    path("beheer/vakanties/", holidays, name="manage_holidays"),
    path("beheer/vakanties/<int:pk>/verwijderen/", holiday_remove, name="manage_holiday_delete"),
]
