"""The catalogue: rows, search, a module's page, learning paths, my learning, my list, ratings."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenleren.core.paging import paginate, query_without_page

from ..forms import CatalogueFilterForm
from ..selectors import (
    access_module,
    access_path,
    badges_of,
    can_author,
    can_edit_module,
    catalogue_modules,
    catalogue_rows,
    completions_of,
    filter_choices,
    learning_summary,
    module_rating,
    module_state,
    modules_in_progress,
    path_state,
    published_paths,
    recommendations_for,
    saved_modules,
)
from ..services.progress import rating_set, saved_set


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Rows like a streaming service, and the search box on top."""
    return render(
        request,
        "learning/home.html",
        {
            "rows": catalogue_rows(user=request.user),
            "recommended": recommendations_for(user=request.user, limit=8),
            "paths": published_paths()[:6],
            "can_author": can_author(request.user),
        },
    )


@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET, choices=filter_choices())
    filters = form.filters()
    return render(
        request,
        "learning/catalogue.html",
        {
            "form": form,
            "filtered": filters.active,
            "page": paginate(
                request, catalogue_modules(user=request.user, filters=filters), per_page=24
            ),
            "query": query_without_page(request),
        },
    )


@login_required
def module_detail(request: HttpRequest, pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    state = module_state(user=request.user, module=module)
    return render(
        request,
        "learning/module.html",
        {
            "module": module,
            "state": state,
            "rating": module_rating(module=module),
            "can_edit": can_edit_module(request.user, module),
            "themes": list(module.themes.all()),
            "profiles": list(module.profiles.all()),
        },
    )


@login_required
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    wanted = request.POST.get("bewaar") == "1"
    saved_set(person=request.user, module=module, saved=wanted)
    messages.success(
        request,
        _("Added to your list.") if wanted else _("Removed from your list."),
    )
    return redirect("learning:module", pk=module.pk)


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    answer = request.POST.get("nuttig")
    if answer not in {"ja", "nee"}:
        messages.error(request, _("Choose yes or no."))
    else:
        rating_set(person=request.user, module=module, useful=answer == "ja")
        messages.success(request, _("Thank you for your answer."))
    return redirect("learning:module", pk=module.pk)


@login_required
def path_detail(request: HttpRequest, pk: int) -> HttpResponse:
    learning_path = access_path(user=request.user, pk=pk)
    items = path_state(user=request.user, path=learning_path)
    done = sum(1 for _module, _percent, complete in items if complete)
    return render(
        request,
        "learning/path.html",
        {"path": learning_path, "items": items, "done": done},
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """My learning: hours, badges, completed and started modules, my list."""
    return render(
        request,
        "learning/mine.html",
        {
            "summary": learning_summary(person=request.user),
            "in_progress": modules_in_progress(person=request.user),
            "completions": completions_of(person=request.user),
            "badges": badges_of(person=request.user),
            "saved": saved_modules(person=request.user),
        },
    )


@login_required
def mine_export(request: HttpRequest) -> HttpResponse:
    """Completed modules with date, hours and badge link, for the bekwaamheidsdossier (CSV that
    a spreadsheet opens as is: UTF-8 with BOM, semicolons as Dutch Excel expects)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-leren.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Module"), _("Completed on"), _("Study hours"), _("Badge")])
    badges = {b.badge.module_id: b for b in badges_of(person=request.user) if not b.revoked}
    for item in completions_of(person=request.user):
        badge = badges.get(item.module_id)
        writer.writerow(
            [
                item.title,
                timezone.localtime(item.completed_at).date().isoformat(),
                str(item.study_hours).replace(".", ","),
                request.build_absolute_uri(badge.url) if badge else "",
            ]
        )
    return response


urlpatterns = [
    path("", home, name="home"),
    path("zoeken/", catalogue, name="catalogue"),
    path("mijn/", mine, name="mine"),
    path("mijn/export.csv", mine_export, name="mine_export"),
    path("module/<int:pk>/", module_detail, name="module"),
    path("module/<int:pk>/bewaren/", save, name="save"),
    path("module/<int:pk>/nuttig/", rate, name="rate"),
    path("leerlijn/<int:pk>/", path_detail, name="path"),
]
