"""Learning paths for coordinators: make one, put modules in order, publish it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenleren.network.selectors import access_managed_region

from ..forms import PathForm, PathModuleForm
from ..models import LearningPath
from ..selectors import access_path_edit, modules_for_path, path_items, paths_to_manage
from ..services.paths import (
    path_module_add,
    path_module_move,
    path_module_remove,
    path_publish,
    path_save,
)


@login_required
@require_http_methods(["GET", "POST"])
def path_list(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user)
    form = PathForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        learning_path = form.save(commit=False)
        learning_path.region = region
        path_save(path=learning_path, actor=request.user)
        messages.success(request, _("Learning path created. Now add its modules."))
        return redirect("learning:manage_path", pk=learning_path.pk)
    return render(
        request,
        "learning/manage/paths.html",
        {"paths": paths_to_manage(user=request.user), "form": form},
    )


def _edit_page(request, learning_path: LearningPath, *, form=None, add_form=None, status=200):
    modules = modules_for_path(path=learning_path)
    return render(
        request,
        "learning/manage/path.html",
        {
            "path": learning_path,
            "form": form or PathForm(instance=learning_path),
            "add_form": add_form or PathModuleForm(modules=modules),
            "items": path_items(path=learning_path),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def path_edit(request: HttpRequest, pk: int) -> HttpResponse:
    learning_path = access_path_edit(user=request.user, pk=pk)
    if request.method == "POST":
        form = PathForm(request.POST, instance=learning_path)
        if form.is_valid():
            path_save(path=form.save(commit=False), actor=request.user)
            messages.success(request, _("Learning path saved."))
            return redirect("learning:manage_path", pk=learning_path.pk)
        return _edit_page(request, learning_path, form=form, status=400)
    return _edit_page(request, learning_path)


@login_required
@require_POST
def path_add(request: HttpRequest, pk: int) -> HttpResponse:
    learning_path = access_path_edit(user=request.user, pk=pk)
    add_form = PathModuleForm(request.POST, modules=modules_for_path(path=learning_path))
    if add_form.is_valid():
        try:
            path_module_add(
                path=learning_path, module=add_form.cleaned_data["module"], actor=request.user
            )
        except ValidationError as error:
            add_form.add_error(None, error)
        else:
            return redirect(reverse("learning:manage_path", args=[learning_path.pk]) + "#modules")
    return _edit_page(request, learning_path, add_form=add_form, status=400)


@login_required
@require_POST
def path_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Move a module up or down, or take it out of the path (buttons, no JavaScript)."""
    learning_path = access_path_edit(user=request.user, pk=pk)
    action = request.POST.get("actie", "")
    try:
        if action == "verwijder":
            path_module_remove(path=learning_path, item_pk=item_pk, actor=request.user)
        else:
            path_module_move(
                path=learning_path, item_pk=item_pk, direction=action, actor=request.user
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("learning:manage_path", args=[learning_path.pk]) + "#modules")


@login_required
@require_POST
def path_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    learning_path = access_path_edit(user=request.user, pk=pk)
    publish = request.POST.get("publiceer") == "1"
    try:
        path_publish(path=learning_path, actor=request.user, publish=publish)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The learning path is published.")
            if publish
            else _("The learning path is withdrawn."),
        )
    return redirect("learning:manage_path", pk=learning_path.pk)


urlpatterns = [
    path("beheer/leerlijnen/", path_list, name="manage_paths"),
    path("beheer/leerlijnen/<int:pk>/", path_edit, name="manage_path"),
    path("beheer/leerlijnen/<int:pk>/toevoegen/", path_add, name="manage_path_add"),
    path("beheer/leerlijnen/<int:pk>/module/<int:item_pk>/", path_item, name="manage_path_item"),
    path("beheer/leerlijnen/<int:pk>/publiceren/", path_publish_view, name="manage_path_publish"),
]
