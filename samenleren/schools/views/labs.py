"""Finding the region's labs and planning a TechLab tour (as a draft activity)."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.network.selectors import roles_of

from ..forms import LabFinderForm, TourActivityForm, TourForm
from ..selectors import kind_label, lab_finder, tour_labs, viewpoint_of
from ..services import tour_activity_create
from ..tour import MAX_STOPS, plan_route
from .intake import _add_errors


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _viewpoint(request: HttpRequest):
    """The region (`?regio=<slug>` for a coordinator of more than one) and starting school."""
    return viewpoint_of(
        user=request.user,
        origin_id=_int(request.GET.get("vanaf")),
        region_slug=request.GET.get("regio"),
    )


@login_required
def lab_search(request: HttpRequest) -> HttpResponse:
    view = _viewpoint(request)
    if view.region is None:
        return render(request, "schools/no_region.html", {"what": _("Find a lab")})
    form = LabFinderForm(request.GET or None, origins=view.choices)
    values = form.cleaned_data if form.is_bound and form.is_valid() else {}
    hits = lab_finder(
        region=view.region,
        kind=values.get("soort", ""),
        origin=view.origin,
        lab_kind=values.get("labsoort", ""),
        shared_only=values.get("po", False),
        max_minutes=values.get("max"),
        search=values.get("q", ""),
    )
    page = Paginator(hits, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "schools/lab_finder.html",
        {
            "form": form,
            "page": page,
            "view": view,
            "region": view.region,
            "regions": view.regions,
            "kind": kind_label(values["soort"]) if values.get("soort") else "",
            "filtered": any(values.get(k) for k in ("soort", "labsoort", "po", "max", "q")),
        },
    )


@login_required
def tour_plan(request: HttpRequest) -> HttpResponse:
    view = _viewpoint(request)
    if view.region is None:
        return render(request, "schools/no_region.html", {"what": _("TechLab tour")})
    labs = tour_labs(region=view.region)
    # Only the region chosen (`?regio=`) is not a plan yet: show the empty form, no errors.
    planning = any(key != "regio" for key in request.GET)
    data = request.POST if request.method == "POST" else (request.GET if planning else None)
    form = TourForm(data, labs=labs, origins=view.choices)
    coordinator = view.region.pk in roles_of(request.user).coordinator_regions
    route = None
    activity_form = None
    if form.is_bound and form.is_valid():
        chosen = [lab for lab in labs if lab.pk in set(form.cleaned_data["labs"])]
        starts_at = timezone.make_aware(
            datetime.combine(form.cleaned_data["datum"], form.cleaned_data["start"])
        )
        start_place = next(
            (o for o in view.choices if o.pk == form.cleaned_data.get("vanaf")), None
        )
        route = plan_route(
            labs=chosen,
            starts_at=starts_at,
            visit_minutes=form.cleaned_data["minuten"],
            start_place=start_place,
        )
        default_title = _("TechLab tour %(day)s") % {
            "day": form.cleaned_data["datum"].strftime("%d-%m-%Y")
        }
        activity_form = TourActivityForm(
            request.POST if request.method == "POST" else None,
            initial={"title": default_title, "capacity": 20},
        )
        if request.method == "POST":
            if not coordinator:
                raise PermissionDenied
            if activity_form.is_valid():
                try:
                    activity = tour_activity_create(
                        actor=request.user,
                        region=view.region,
                        route=route,
                        title=activity_form.cleaned_data["title"],
                        capacity=activity_form.cleaned_data["capacity"],
                    )
                except ValidationError as error:
                    _add_errors(activity_form, error)
                else:
                    messages.success(
                        request,
                        _("The tour is in the calendar as a draft. Check it, then publish it."),
                    )
                    return redirect("activities:manage_edit", pk=activity.pk)
    elif request.method == "POST" and not coordinator:
        raise PermissionDenied
    return render(
        request,
        "schools/tour.html",
        {
            "form": form,
            "route": route,
            "activity_form": activity_form,
            "coordinator": coordinator,
            "region": view.region,
            "regions": view.regions,
            "max_stops": MAX_STOPS,
            "has_labs": bool(labs),
        },
    )


urlpatterns = [
    path("labs/", lab_search, name="lab_finder"),
    path("techlab-tour/", tour_plan, name="tour"),
]
