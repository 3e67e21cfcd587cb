"""The lesson player: continue where you stopped, mark lessons done, answer quizzes, open
links and files. Each lesson's progress is saved by a POST (htmx not needed)."""

import mimetypes
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..models import LessonKind, LessonProgress, QuizAttempt
from ..selectors import access_lesson, access_module, module_state, quiz_questions
from ..services.progress import QuizError, lesson_complete, quiz_submit
from ..validators import video_from_embed


def _lesson_context(request, module, lesson, state, **extra) -> dict:
    numbers = {s.lesson.pk: s for s in state.lessons}
    index = [s.lesson.pk for s in state.lessons].index(lesson.pk)
    attempt = (
        QuizAttempt.objects.filter(person=request.user, lesson=lesson).first()
        if lesson.kind == LessonKind.QUIZ
        else None
    )
    context = {
        "module": module,
        "lesson": lesson,
        "state": state,
        "current": numbers[lesson.pk],
        "previous": state.lessons[index - 1].lesson if index > 0 else None,
        "following": state.lessons[index + 1].lesson if index + 1 < len(state.lessons) else None,
        "video": video_from_embed(lesson.embed_url),
        "questions": quiz_questions(lesson=lesson) if lesson.kind == LessonKind.QUIZ else [],
        "attempt": attempt,
        "position": LessonProgress.objects.filter(person=request.user, lesson=lesson)
        .values_list("position_seconds", flat=True)
        .first()
        or 0,
        "chosen": {},
        "errors": {},
    }
    if attempt is not None and not extra.get("errors"):
        context["chosen"] = {int(k): v for k, v in attempt.answers.items()}
    context.update(extra)
    errors = context["errors"]
    context["general_errors"] = errors.get("__all__", [])
    context["quiz"] = [
        {
            "question": question,
            "error": " ".join(errors.get(f"q{question.pk}", [])),
            "options": [
                {
                    "option": option,
                    "checked": option.pk in context["chosen"].get(question.pk, []),
                    "show_feedback": context["attempt"] is not None
                    and option.pk in context["chosen"].get(question.pk, []),
                }
                for option in question.options.all()
            ],
        }
        for question in context["questions"]
    ]
    return context


@login_required
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    """'Continue': the lesson where the person stopped (the first not done)."""
    module = access_module(user=request.user, pk=pk)
    state = module_state(user=request.user, module=module)
    lesson = state.next_lesson
    if lesson is None:
        return redirect("learning:module", pk=module.pk)
    if state.progress is not None and state.progress.is_complete:
        return redirect("learning:module", pk=module.pk)
    return redirect("learning:lesson", pk=module.pk, lesson_pk=lesson.pk)


@login_required
def lesson_view(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    state = module_state(user=request.user, module=module)
    return render(request, "learning/lesson.html", _lesson_context(request, module, lesson, state))


def _after_progress(request, module, result) -> HttpResponse:
    if result.completed_now:
        messages.success(
            request,
            _("Well done: you completed “%(title)s”. The study hours are on your record.")
            % {"title": module.title},
        )
        return redirect("learning:module", pk=module.pk)
    if result.next_lesson is not None:
        return redirect("learning:lesson", pk=module.pk, lesson_pk=result.next_lesson.pk)
    return redirect("learning:module", pk=module.pk)


@login_required
@require_POST
def lesson_done(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    try:
        result = lesson_complete(person=request.user, lesson=lesson)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("learning:lesson", pk=module.pk, lesson_pk=lesson.pk)
    return _after_progress(request, module, result)


def _answers(request, questions) -> tuple[dict[int, list[int]], list[str]]:
    """The chosen options per question; values that are not numbers are reported."""
    answers: dict[int, list[int]] = {}
    problems = []
    for question in questions:
        values = request.POST.getlist(f"q{question.pk}")
        try:
            answers[question.pk] = [int(v) for v in values]
        except ValueError:
            problems.append(f"q{question.pk}")
    return answers, problems


@login_required
@require_POST
def quiz(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    if lesson.kind != LessonKind.QUIZ:
        raise Http404
    questions = quiz_questions(lesson=lesson)
    answers, broken = _answers(request, questions)
    try:
        if broken:
            raise QuizError(
                {
                    key: [
                        _(
                            "That answer does not belong to this question. Choose one of the answers shown."
                        )
                    ]
                    for key in broken
                }
            )
        result = quiz_submit(person=request.user, lesson=lesson, answers=answers)
    except QuizError as error:
        state = module_state(user=request.user, module=module)
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        context = _lesson_context(
            request, module, lesson, state, errors=errors, chosen=answers, attempt=None
        )
        return render(request, "learning/lesson.html", context, status=400)
    if result.already_passed:
        messages.info(request, _("You had already passed this quiz; your result stays as it was."))
    elif result.passed:
        messages.success(
            request,
            _("You passed with %(score)s%% right.") % {"score": result.score},
        )
        if result.progress is not None and result.progress.completed_now:
            return _after_progress(request, module, result.progress)
    else:
        messages.warning(
            request,
            _("%(score)s%% right; you need %(mark)s%%. Read the feedback and try again.")
            % {"score": result.score, "mark": lesson.pass_mark},
        )
    return redirect(reverse("learning:lesson", args=[module.pk, lesson.pk]) + "#resultaat")


@login_required
def open_link(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    """An external link counts as done when it is opened: record that, then go there."""
    module = access_module(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    if lesson.kind != LessonKind.LINK or not lesson.link_url:
        raise Http404
    lesson_complete(person=request.user, lesson=lesson)
    return redirect(lesson.link_url)


def _file_response(field_file, *, attachment: bool) -> FileResponse:
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = PurePosixPath(field_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=attachment, filename=name, content_type=content_type
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def lesson_file(request: HttpRequest, pk: int, lesson_pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    lesson = access_lesson(module=module, pk=lesson_pk)
    if lesson.kind == LessonKind.DOWNLOAD:
        return _file_response(lesson.file, attachment=True)
    if lesson.kind == LessonKind.VIDEO:
        return _file_response(lesson.video_file, attachment=False)
    raise Http404


@login_required
def cover(request: HttpRequest, pk: int) -> HttpResponse:
    module = access_module(user=request.user, pk=pk)
    return _file_response(module.cover, attachment=False)


urlpatterns = [
    path("module/<int:pk>/verder/", resume, name="resume"),
    path("module/<int:pk>/omslag/", cover, name="cover"),
    path("module/<int:pk>/les/<int:lesson_pk>/", lesson_view, name="lesson"),
    path("module/<int:pk>/les/<int:lesson_pk>/klaar/", lesson_done, name="lesson_done"),
    path("module/<int:pk>/les/<int:lesson_pk>/quiz/", quiz, name="quiz"),
    path("module/<int:pk>/les/<int:lesson_pk>/openen/", open_link, name="lesson_open"),
    path("module/<int:pk>/les/<int:lesson_pk>/bestand/", lesson_file, name="lesson_file"),
]
