"""Finding the region's labs and planning a TechLab tour (as a draft activity)."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samenleren.network.selectors import roles_of

from ..forms import LabFinderForm, TourActivityForm, TourForm
from ..pdf import route_pdf
from ..selectors import Viewpoint, kind_label, lab_finder, tour_labs, viewpoint_of
from ..services import tour_activity_create
from ..tour import MAX_STOPS, Route, plan_route
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
    pdf_url = ""
    if form.is_bound and form.is_valid():
        route = _route(form, labs=labs, view=view)
    if route is not None:
        pdf_url = f"{reverse('schools:tour_pdf')}?{_plan_query(form, view)}"
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
            "pdf_url": pdf_url,
            "activity_form": activity_form,
            "coordinator": coordinator,
            "region": view.region,
            "regions": view.regions,
            "max_stops": MAX_STOPS,
            "has_labs": bool(labs),
        },
    )


@login_required
@require_GET
def tour_pdf(request: HttpRequest) -> HttpResponse:
    """The route sheet as a PDF: the planner's GET parameters planned again (nothing is
    stored), for whom the planner plans. Anything it cannot plan goes back to the planner, which
    says why."""
    view = _viewpoint(request)
    planner = reverse("schools:tour")
    if view.region is None:
        return redirect(planner)
    labs = tour_labs(region=view.region)
    form = TourForm(request.GET, labs=labs, origins=view.choices)
    route = _route(form, labs=labs, view=view) if form.is_valid() else None
    if route is None:
        messages.error(
            request, _("There is no planned route to make a route sheet of yet. Plan it below.")
        )
        return redirect(f"{planner}?{request.GET.urlencode()}")
    content = route_pdf(
        route=route,
        region_name=view.region.name,
        language=request.LANGUAGE_CODE,
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"techlab-tour-{form.cleaned_data['datum']:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _route(form: TourForm, *, labs: list, view: Viewpoint) -> Route | None:
    """The route of a valid tour form (the page and the PDF plan the same way); None, with the
    error on the form, when the day would run past the calendar's last date (9999-12-31)."""
    data = form.cleaned_data
    chosen = [lab for lab in labs if lab.pk in set(data["labs"])]
    try:
        return plan_route(
            labs=chosen,
            starts_at=timezone.make_aware(datetime.combine(data["datum"], data["start"])),
            visit_minutes=data["minuten"],
            start_place=next((o for o in view.choices if o.pk == data.get("vanaf")), None),
        )
    except OverflowError:
        form.add_error("datum", _("No tour can be planned on this date. Choose an earlier one."))
        return None


def _plan_query(form: TourForm, view: Viewpoint) -> str:
    """The plan as the planner's GET parameters (also after a POST), with the chosen region."""
    data = form.cleaned_data
    query = QueryDict(mutable=True)
    if len(view.regions) > 1:
        query["regio"] = view.region.slug
    query.setlist("labs", [str(pk) for pk in data["labs"]])
    query["datum"] = data["datum"].isoformat()
    query["start"] = data["start"].strftime("%H:%M")
    query["minuten"] = str(data["minuten"])
    if data.get("vanaf"):
        query["vanaf"] = str(data["vanaf"])
    return query.urlencode()


urlpatterns = [
    path("labs/", lab_search, name="lab_finder"),
    path("techlab-tour/", tour_plan, name="tour"),
    path("techlab-tour/routeblad.pdf", tour_pdf, name="tour_pdf"),
]
