"""The coordinators' pages: the region view, intakes and training needs, visits, what teaches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenleren.activities.selectors.access import access_activity_manage
from samenleren.core.paging import paginate
from samenleren.network.selectors import access_managed_region

from .. import links
from ..forms import NeedStatusForm, TeachesForm, VisitForm
from ..models import IntakeStatus, NeedStatus, Visit
from ..selectors import (
    SUBMITTED,
    access_school_manage,
    access_training_need,
    access_visit_manage,
    coordinated_regions,
    equipment_at_risk,
    equipment_statuses,
    intake_list,
    intakes_by_status,
    kind_label,
    training_need_counts,
    training_needs,
    visits_of,
)
from ..services import (
    activity_teaches_set,
    training_need_status_set,
    visit_delete,
    visit_save,
    visit_update,
)
from ..teaching import activities_teaching, suggested_kinds, taught_kinds, words_for
from .intake import _add_errors


@login_required
def region_view(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    risks = equipment_at_risk(region=region)
    needs = list(training_needs(region=region).exclude(status=NeedStatus.DONE))
    kinds = {n.equipment.kind for n in needs}
    suggestions = activities_teaching(region=region, kinds=kinds)
    modules = {kind: links.modules_matching(words=words_for(kind)) for kind in kinds}
    for need in needs:
        need.suggestions = suggestions.get(need.equipment.kind, [])[:3]
        need.modules = modules.get(need.equipment.kind, [])[:3]
    counts = intakes_by_status(region=region)
    labels = dict(IntakeStatus.choices)
    return render(
        request,
        "schools/region.html",
        {
            "region": region,
            "regions": coordinated_regions(user=request.user),
            "risks": risks,
            "needs": needs,
            "need_counts": training_need_counts(region=region),
            "intake_counts": [(s, labels[s], counts[s]) for s in SUBMITTED],
            "open_intakes": intake_list(region=region).exclude(status=IntakeStatus.CLOSED)[:10],
        },
    )


@login_required
def intake_index(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    status = request.GET.get("status", "")
    if status not in SUBMITTED:
        status = ""
    search = request.GET.get("q", "").strip()
    page = paginate(request, intake_list(region=region, status=status, search=search))
    labels = dict(IntakeStatus.choices)
    return render(
        request,
        "schools/intake_list.html",
        {
            "region": region,
            "regions": coordinated_regions(user=request.user),
            "page": page,
            "status": status,
            "search": search,
            "statuses": [(s, labels[s]) for s in SUBMITTED],
            "filtered": bool(status or search),
        },
    )


@login_required
def need_index(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    status = request.GET.get("status", "")
    if status not in NeedStatus.values:
        status = ""
    return render(
        request,
        "schools/need_list.html",
        {
            "region": region,
            "regions": coordinated_regions(user=request.user),
            "page": paginate(request, training_needs(region=region, status=status)),
            "status": status,
            "statuses": NeedStatus.choices,
            "counts": training_need_counts(region=region),
        },
    )


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = access_training_need(user=request.user, pk=pk)
    form = NeedStatusForm(request.POST or None, initial={"status": need.status})
    if request.method == "POST" and form.is_valid():
        try:
            training_need_status_set(
                actor=request.user, need=need, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("schools:need_detail", pk=need.pk)
    kind = need.equipment.kind
    statuses = {s.equipment.pk: s for s in equipment_statuses(organisation=need.organisation_id)}
    return render(
        request,
        "schools/need_detail.html",
        {
            "need": need,
            "form": form,
            "status": statuses.get(need.equipment_id),
            "activities": activities_teaching(region=need.organisation.region_id, kinds={kind})[
                kind
            ],
            "modules": links.modules_matching(words=words_for(kind)),
        },
    )


@login_required
def activity_teaches(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    form = TeachesForm(request.POST or None, initial={"kinds": taught_kinds(activity=activity)})
    if request.method == "POST" and form.is_valid():
        activity_teaches_set(
            actor=request.user, activity=activity, kinds=form.cleaned_data["kinds"]
        )
        messages.success(request, _("Your changes have been saved."))
        back = request.POST.get("next", "")
        if back.isdigit():
            return redirect("schools:need_detail", pk=int(back))
        return redirect("schools:activity_teaches", pk=activity.pk)
    return render(
        request,
        "schools/activity_teaches.html",
        {
            "activity": activity,
            "form": form,
            "suggested": [kind_label(k) for k in suggested_kinds(activity=activity)],
            "next": request.GET.get("next", ""),
        },
    )


@login_required
def school_visits(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_school_manage(user=request.user, pk=pk)
    visit = Visit(organisation=organisation, visited_on=timezone.localdate())
    initial = {}
    if request.GET.get("vraag", "").isdigit():
        initial["intake"] = int(request.GET["vraag"])
    form = VisitForm(
        request.POST or None, instance=visit, organisation=organisation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            visit_save(actor=request.user, visit=form.save(commit=False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The visit has been saved."))
            return redirect("schools:school_visits", pk=organisation.pk)
    return render(
        request,
        "schools/visits.html",
        {
            "organisation": organisation,
            "form": form,
            "page": paginate(request, visits_of(organisation=organisation)),
        },
    )


def _visits_page(visit) -> str:
    return reverse("schools:school_visits", args=[visit.organisation_id])


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = access_visit_manage(user=request.user, pk=pk)
    form = VisitForm(
        request.POST or None,
        instance=visit,
        organisation=visit.organisation,
        editor=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            visit_update(actor=request.user, visit=form.save(commit=False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your changes to the visit have been saved."))
            return redirect(f"{_visits_page(visit)}#bezoek-{visit.pk}")
    return render(request, "schools/visit_form.html", {"visit": visit, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def visit_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page (GET), then the removal (POST): the notes cannot be brought back."""
    visit = access_visit_manage(user=request.user, pk=pk)
    if request.method == "POST":
        day = date_format(visit.visited_on)
        visit_delete(actor=request.user, visit=visit)
        messages.success(request, _("The visit of %(day)s has been removed.") % {"day": day})
        return redirect(_visits_page(visit))
    return render(request, "schools/visit_delete.html", {"visit": visit})


urlpatterns = [
    path("regio/", region_view, name="region"),
    path("regio/schoolvragen/", intake_index, name="intake_list"),
    path("regio/opleidingsvragen/", need_index, name="need_list"),
    path("opleidingsvragen/<int:pk>/", need_detail, name="need_detail"),
    path("organisaties/<int:pk>/bezoeken/", school_visits, name="school_visits"),
    path("bezoeken/<int:pk>/bewerken/", visit_edit, name="visit_edit"),
    path("bezoeken/<int:pk>/verwijderen/", visit_remove, name="visit_delete"),
    path("activiteiten/<int:pk>/apparatuur/", activity_teaches, name="activity_teaches"),
]
