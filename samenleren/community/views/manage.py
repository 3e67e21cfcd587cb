"""Coordinators: triage (status, hide, reports), conversion, clusters and synonyms."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenleren.core.paging import paginate
from samenleren.network.selectors import access_managed_region

from ..forms import ConvertActivityForm, ConvertTopicForm, StatusForm, SynonymForm
from ..models import Network, QuestionStatus, Synonym
from ..selectors import (
    access_answer_moderate,
    access_question_manage,
    clusters,
    open_reports,
    question_counts,
    question_list,
    synonyms_for,
)
from ..services.conversions import question_convert_activity, question_convert_topic
from ..services.expertise import synonym_delete, synonym_save
from ..services.moderation import answer_hide, question_hide, report_dismiss
from ..services.questions import question_status_set
from .board import _add_errors, question_response
from .hiding import refused_reason


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    status = request.GET.get("status", QuestionStatus.NEW)
    status = status if status in QuestionStatus.values else QuestionStatus.NEW
    search = request.GET.get("q", "").strip()[:200]
    page = paginate(
        request, question_list(user=request.user, region=region, search=search, status=status)
    )
    return render(
        request,
        "community/manage/triage.html",
        {
            "region": region,
            "page": page,
            "status": status,
            "search": search,
            "statuses": QuestionStatus.choices,
            "counts": question_counts(region=region),
            "reports": list(open_reports(region=region)[:50]),
        },
    )


@login_required
@require_POST
def question_manage(request: HttpRequest, pk: int) -> HttpResponse:
    question = access_question_manage(user=request.user, pk=pk)
    action = request.POST.get("action")
    if action == "status":
        form = StatusForm(request.POST)
        if form.is_valid():
            question_status_set(
                actor=request.user, question=question, status=form.cleaned_data["status"]
            )
            messages.success(request, _("Status changed."))
        else:
            messages.error(request, _("Choose one of the statuses."))
    elif action in {"hide", "show"}:
        reason = request.POST.get("reason", "")
        try:
            question_hide(
                actor=request.user, question=question, hidden=action == "hide", reason=reason
            )
        except ValidationError as error:
            refused = refused_reason(error, kind="vraag", pk=question.pk, reason=reason)
            if refused is not None:
                return question_response(request, question, refused=refused, status=400)
            messages.info(request, error.messages[0])
        else:
            messages.success(
                request,
                _("The question is hidden. Only the coordinators and the asker still see it.")
                if action == "hide"
                else _("The question is shown again."),
            )
    else:
        raise Http404
    return redirect(_safe_next(request) or question.get_absolute_url())


def _safe_next(request: HttpRequest) -> str:
    """`next` from the form, only when it leads back into this site (no open redirect)."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


@login_required
@require_POST
def answer_manage(request: HttpRequest, pk: int) -> HttpResponse:
    found = access_answer_moderate(user=request.user, pk=pk)
    action = request.POST.get("action")
    if action not in {"hide", "show"}:
        raise Http404
    reason = request.POST.get("reason", "")
    try:
        answer_hide(actor=request.user, answer=found, hidden=action == "hide", reason=reason)
    except ValidationError as error:
        refused = refused_reason(error, kind="antwoord", pk=found.pk, reason=reason)
        if refused is not None:
            return question_response(request, found.question, refused=refused, status=400)
        messages.info(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The answer is hidden. Only the coordinators and its author still see it.")
            if action == "hide"
            else _("The answer is shown again."),
        )
    return redirect(found.question.get_absolute_url() + f"#antwoord-{found.pk}")


@login_required
@require_POST
def report_manage(request: HttpRequest, pk: int) -> HttpResponse:
    region = access_managed_region(user=request.user)
    found = open_reports(region=region).filter(pk=pk).first()
    if found is None:
        raise Http404
    report_dismiss(actor=request.user, report=found)
    messages.success(request, _("The report is closed."))
    return redirect("community:triage")


def _question_from_query(request: HttpRequest):
    try:
        pk = int(request.GET.get("question", ""))
    except ValueError as error:
        raise Http404 from error
    return access_question_manage(user=request.user, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def convert_activity(request: HttpRequest) -> HttpResponse:
    question = _question_from_query(request)
    initial = {"date": (timezone.localdate() + timedelta(days=28)).isoformat()}
    form = ConvertActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        starts_at = timezone.make_aware(
            datetime.combine(form.cleaned_data["date"], form.cleaned_data["start"] or time(15, 30))
        )
        try:
            activity = question_convert_activity(
                actor=request.user,
                question=question,
                kind=form.cleaned_data["kind"],
                starts_at=starts_at,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("A draft activity has been made from the question. Complete it here.")
            )
            return redirect("activities:manage_edit", pk=activity.pk)
    return render(
        request, "community/manage/convert_activity.html", {"question": question, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def convert_topic(request: HttpRequest) -> HttpResponse:
    question = _question_from_query(request)
    networks = list(Network.objects.filter(region=question.region))
    form = ConvertTopicForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        network = next((n for n in networks if n.pk == form.cleaned_data["network"]), None)
        try:
            question_convert_topic(actor=request.user, question=question, network=network)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The question is now a topic for a learning network."))
            return redirect(network or question)
    return render(
        request, "community/manage/convert_topic.html", {"question": question, "form": form}
    )


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    return render(
        request,
        "community/manage/clusters.html",
        {"region": region, "clusters": clusters(region=region)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def synonyms(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            synonym_save(actor=request.user, region=region, words=form.cleaned_data["words"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The synonyms are saved and used from now on."))
            return redirect("community:synonyms")
    search = request.GET.get("q", "").strip()[:100]
    rows = synonyms_for(region=region)
    if search:
        rows = rows.filter(words__icontains=search)
    return render(
        request,
        "community/manage/synonyms.html",
        {"region": region, "form": form, "page": paginate(request, rows), "search": search},
    )


@login_required
@require_POST
def synonym_remove(request: HttpRequest, pk: int) -> HttpResponse:
    region = access_managed_region(user=request.user)
    synonym = Synonym.objects.filter(pk=pk, region=region).first()
    if synonym is None:
        raise Http404
    synonym_delete(actor=request.user, synonym=synonym)
    messages.success(request, _("The synonyms are removed."))
    return redirect("community:synonyms")


urlpatterns = [
    path("beheer/", triage, name="triage"),
    path("beheer/vraag/<int:pk>/", question_manage, name="question_manage"),
    path("beheer/antwoord/<int:pk>/", answer_manage, name="answer_manage"),
    path("beheer/melding/<int:pk>/", report_manage, name="report_manage"),
    path("beheer/omzetten/activiteit/", convert_activity, name="convert_activity"),
    path("beheer/omzetten/onderwerp/", convert_topic, name="convert_topic"),
    path("beheer/clusters/", cluster_list, name="clusters"),
    path("beheer/synoniemen/", synonyms, name="synonyms"),
    path("beheer/synoniemen/<int:pk>/verwijderen/", synonym_remove, name="synonym_delete"),
]
