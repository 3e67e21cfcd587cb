"""Authoring for coordinators (their region) and trainers (their organisation's modules):
modules, lessons, order, quiz questions, preview, publish, export and import."""

import json
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenleren.core.paging import paginate, query_without_page
from samenleren.network.models import Organisation, Region
from samenleren.network.selectors import roles_of

from ..archive import module_export_archive, module_import_upload
from ..forms import ImportForm, LessonForm, ModuleForm, QuestionForm, TargetForm
from ..models import Lesson, LessonKind
from ..selectors import (
    access_lesson,
    access_module_edit,
    authoring_regions,
    can_author,
    modules_to_manage,
)
from ..services.authoring import (
    lesson_delete,
    lesson_move,
    lesson_save,
    module_publish,
    module_save,
    question_delete,
    question_save,
)
from ..transfer import module_export


def _require_author(user) -> None:
    if not can_author(user):
        raise PermissionDenied


def _targets(user) -> list[tuple[str, str]]:
    pairs = authoring_regions(user)
    regions = Region.objects.in_bulk({r for r, _o in pairs})
    organisations = Organisation.objects.in_bulk({o for _r, o in pairs if o})
    choices = []
    for region_id, organisation_id in pairs:
        label = regions[region_id].name
        if organisation_id:
            label = f"{organisations[organisation_id].name} ({label})"
        choices.append((f"{region_id}:{organisation_id or 0}", label))
    return choices


def _target(value: str, user) -> tuple[int, int | None]:
    allowed = dict(_targets(user))
    if value not in allowed:
        raise PermissionDenied
    region_id, organisation_id = (int(part) for part in value.split(":"))
    return region_id, organisation_id or None


@login_required
def manage_list(request: HttpRequest) -> HttpResponse:
    _require_author(request.user)
    search = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "learning/manage/list.html",
        {
            "page": paginate(request, modules_to_manage(user=request.user, search=search)),
            "query": query_without_page(request),
            "search": search,
            "is_coordinator": roles_of(request.user).is_coordinator,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_create(request: HttpRequest) -> HttpResponse:
    _require_author(request.user)
    targets = _targets(request.user)
    form = ModuleForm(request.POST or None, request.FILES or None)
    # With one place to put it (most people) the choice is not asked.
    data = request.POST if len(targets) > 1 else {"target": targets[0][0]}
    target_form = TargetForm(
        data if request.method == "POST" else None, initial={"target": targets[0][0]}
    )
    target_form.fields["target"].choices = targets
    if request.method == "POST" and form.is_valid() and target_form.is_valid():
        region_id, organisation_id = _target(target_form.cleaned_data["target"], request.user)
        module = form.save(commit=False)
        module.region_id = region_id
        module.provider_organisation_id = organisation_id
        try:
            module_save(
                module=module,
                actor=request.user,
                themes=form.themes(),
                profiles=form.cleaned_data["profiles"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Module created. Now add its lessons."))
            return redirect("learning:manage_module", pk=module.pk)
    return render(
        request,
        "learning/manage/module_form.html",
        {"form": form, "target_form": target_form if len(targets) > 1 else None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    form = ModuleForm(request.POST or None, request.FILES or None, instance=module)
    if request.method == "POST" and form.is_valid():
        module = form.save(commit=False)
        module_save(
            module=module,
            actor=request.user,
            themes=form.themes(),
            profiles=form.cleaned_data["profiles"],
        )
        messages.success(request, _("Module saved."))
        return redirect("learning:manage_module", pk=module.pk)
    return render(
        request,
        "learning/manage/module.html",
        {
            "module": module,
            "form": form,
            "lessons": list(module.lessons.all()),
            "kinds": LessonKind.choices,
        },
    )


@login_required
@require_POST
def module_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    publish = request.POST.get("publiceer") == "1"
    try:
        module_publish(module=module, actor=request.user, publish=publish)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The module is published.") if publish else _("The module is withdrawn.")
        )
    return redirect("learning:manage_module", pk=module.pk)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, pk: int, lesson_pk: int | None = None) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    if lesson_pk is None:
        kind = request.GET.get("soort") or request.POST.get("soort")
        if kind not in LessonKind.values:
            raise Http404
        lesson = Lesson(module=module, kind=kind)
    else:
        lesson = access_lesson(module=module, pk=lesson_pk)
        kind = lesson.kind
    form = LessonForm(request.POST or None, request.FILES or None, instance=lesson, kind=kind)
    if request.method == "POST" and form.is_valid():
        lesson = form.save(commit=False)
        try:
            lesson_save(lesson=lesson, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Lesson saved."))
            if lesson.kind == LessonKind.QUIZ and lesson_pk is None:
                return redirect("learning:question_create", pk=module.pk, lesson_pk=lesson.pk)
            return redirect("learning:manage_module", pk=module.pk)
    return render(
        request,
        "learning/manage/lesson_form.html",
        {
            "module": module,
            "lesson": lesson,
            "form": form,
            "kind": kind,
            "kind_label": LessonKind(kind).label,
            "questions": list(lesson.questions.prefetch_related("options")) if lesson.pk else [],
        },
    )


@login_required
@require_POST
def lesson_move_view(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    try:
        lesson_move(lesson=lesson, direction=request.POST.get("richting", ""), actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("learning:manage_module", args=[module.pk]) + f"#les-{lesson.pk}")


@login_required
@require_POST
def lesson_delete_view(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    lesson_delete(lesson=lesson, actor=request.user)
    messages.success(request, _("Lesson deleted."))
    return redirect("learning:manage_module", pk=module.pk)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(
    request: HttpRequest, pk: int, lesson_pk: int, question_pk: int | None = None
) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    if lesson.kind != LessonKind.QUIZ:
        raise Http404
    question = None
    if question_pk is not None:
        question = lesson.questions.filter(pk=question_pk).first()
        if question is None:
            raise Http404
    form = QuestionForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            question_save(
                lesson=lesson,
                question=question,
                text=form.cleaned_data["text"],
                multiple=form.cleaned_data["multiple"],
                options=form.options(),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Question saved."))
            if "nog_een" in request.POST:
                return redirect("learning:question_create", pk=module.pk, lesson_pk=lesson.pk)
            return redirect("learning:lesson_edit", pk=module.pk, lesson_pk=lesson.pk)
    return render(
        request,
        "learning/manage/question_form.html",
        {"module": module, "lesson": lesson, "form": form, "question": question},
    )


@login_required
@require_POST
def question_delete_view(
    request: HttpRequest, pk: int, lesson_pk: int, question_pk: int
) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    question = lesson.questions.filter(pk=question_pk).first()
    if question is None:
        raise Http404
    question_delete(question=question, actor=request.user)
    messages.success(request, _("Question deleted."))
    return redirect("learning:lesson_edit", pk=module.pk, lesson_pk=lesson.pk)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    module = access_module_edit(user=request.user, pk=pk)
    content = json.dumps(module_export(module=module), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{module.slug}.json"'
    return response


@login_required
def export_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """The module with its uploaded files, built in a temporary file (videos may be large) and
    streamed from there; the response closes (and so removes) it."""
    module = access_module_edit(user=request.user, pk=pk)
    target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    try:
        module_export_archive(module=module, target=target)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=f"{module.slug}.zip", content_type="application/zip"
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    _require_author(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, targets=_targets(request.user))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        region_id, organisation_id = _target(form.cleaned_data["target"], request.user)
        try:
            module = module_import_upload(
                upload=form.cleaned_data["file"],
                region_id=region_id,
                provider_organisation_id=organisation_id,
                actor=request.user,
            )
        except ValidationError as error:
            problems = error.messages
            # Each problem is an error of the file field, so it is announced with the field.
            form.add_error("file", problems)
        else:
            messages.success(
                request, _("Module imported. It is not published yet: check it first.")
            )
            return redirect("learning:manage_module", pk=module.pk)
    return render(
        request,
        "learning/manage/import.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )


urlpatterns = [
    path("beheer/", manage_list, name="manage_list"),
    path("beheer/nieuw/", module_create, name="manage_create"),
    path("beheer/importeren/", import_view, name="manage_import"),
    path("beheer/<int:pk>/", module_edit, name="manage_module"),
    path("beheer/<int:pk>/publiceren/", module_publish_view, name="manage_publish"),
    path("beheer/<int:pk>/export.json", export, name="manage_export"),
    path("beheer/<int:pk>/export.zip", export_zip, name="manage_export_zip"),
    path("beheer/<int:pk>/les/nieuw/", lesson_edit, name="lesson_create"),
    path("beheer/<int:pk>/les/<int:lesson_pk>/", lesson_edit, name="lesson_edit"),
    path("beheer/<int:pk>/les/<int:lesson_pk>/verplaatsen/", lesson_move_view, name="lesson_move"),
    path(
        "beheer/<int:pk>/les/<int:lesson_pk>/verwijderen/", lesson_delete_view, name="lesson_delete"
    ),
    path("beheer/<int:pk>/les/<int:lesson_pk>/vraag/nieuw/", question_edit, name="question_create"),
    path(
        "beheer/<int:pk>/les/<int:lesson_pk>/vraag/<int:question_pk>/",
        question_edit,
        name="question_edit",
    ),
    path(
        "beheer/<int:pk>/les/<int:lesson_pk>/vraag/<int:question_pk>/verwijderen/",
        question_delete_view,
        name="question_delete",
    ),
]
