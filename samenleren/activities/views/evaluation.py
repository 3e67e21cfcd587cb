"""Views after the day: the participant's evaluation and the coordinator's summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samenleren.core.paging import paginate

from ..forms.attendance import EvaluationForm
from ..models import Evaluation
from ..selectors.access import access_activity_manage, access_own_registration
from ..selectors.attendance import evaluation_comments, evaluation_summary
from ..services.evaluation import (
    evaluation_editable_until,
    evaluation_problem,
    evaluation_submit,
)


@login_required
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    """The evaluation of one registration; the evaluation mail links here."""
    registration = access_own_registration(user=request.user, pk=pk)
    activity = registration.activity
    problem = evaluation_problem(registration=registration, now=timezone.now())
    existing = Evaluation.objects.filter(registration=registration).first()
    context = {"activity": activity, "registration": registration, "evaluation": existing}
    if problem:
        return render(
            request,
            "activities/evaluation/closed.html",
            {**context, "problem": problem.messages[0]},
        )
    initial = {}
    if existing is not None:
        initial = {
            "rating": existing.rating,
            "useful": existing.useful,
            "improve": existing.improve,
            "follow_up_question": existing.follow_up_question,
        }
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit(registration=registration, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your evaluation."))
            return redirect("activities:evaluate", pk=registration.pk)
    return render(
        request,
        "activities/evaluation/form.html",
        {
            **context,
            "form": form,
            "editable_until": evaluation_editable_until(existing) if existing else None,
        },
    )


@login_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    search = request.GET.get("q", "").strip()
    with_question = request.GET.get("vervolgvraag") == "1"
    page = paginate(
        request,
        evaluation_comments(activity=activity, search=search, with_question=with_question),
    )
    return render(
        request,
        "activities/evaluation/summary.html",
        {
            "activity": activity,
            "summary": evaluation_summary(activity=activity),
            "page": page,
            "search": search,
            "with_question": with_question,
            "filtered": bool(search or with_question),
        },
    )


urlpatterns = [
    path("evaluatie/<int:pk>/", evaluate, name="evaluate"),
    path("activiteit/<int:pk>/evaluaties/", summary, name="evaluation_summary"),
]
