"""The question board: asking (with similar questions while typing), the list, a question
with its answers, and the small actions on it (ik ook, follow, helpful, report, contact)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samenleren.core.paging import paginate
from samenleren.network.selectors import current_affiliations

from ..forms import AnswerForm, AskForm, ContactForm, ExpertiseForm, FollowUpForm, ReportForm
from ..models import Expertise, NetworkMeeting, QuestionStatus, known_tags
from ..selectors import (
    access_answer,
    access_board_region,
    access_helper,
    access_question,
    helpers_for,
    is_coordinator,
    membership_of,
    question_list,
    question_page,
    regions_of,
    similar_questions,
)
from ..services.answers import answer_create, answer_mark_helpful
from ..services.conversions import conversions
from ..services.expertise import contact_send, expertise_save
from ..services.followups import meeting_follow_up_submit
from ..services.moderation import report_create
from ..services.questions import question_create, question_follow, question_metoo
from .hiding import RefusedReason

SIMILAR_SHOWN = 5
MIN_SIMILAR_TEXT = 8


def _organisations(user) -> list:
    seen, result = set(), []
    for affiliation in current_affiliations(user=user).select_related("organisation"):
        if affiliation.organisation_id not in seen:
            seen.add(affiliation.organisation_id)
            result.append(affiliation.organisation)
    return result


def _own_organisation_ids(user) -> set[int]:
    return {o.pk for o in _organisations(user)}


@login_required
def board(request: HttpRequest) -> HttpResponse:
    region = access_board_region(user=request.user, slug=request.GET.get("regio"))
    search = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("status", "")
    status = status if status in QuestionStatus.values else ""
    tag = request.GET.get("tag", "")
    tag = tag if tag in known_tags() else ""
    mine = request.GET.get("mijn") == "1"
    page = paginate(
        request,
        question_list(
            user=request.user, region=region, search=search, status=status, tag=tag, mine=mine
        ),
    )
    return render(
        request,
        "community/board.html",
        {
            "region": region,
            "page": page,
            "search": search,
            "status": status,
            "tag": tag,
            "mine": mine,
            "statuses": QuestionStatus.choices,
            "tags": sorted(known_tags().items(), key=lambda item: str(item[1])),
            "filtered": bool(search or status or tag or mine),
            "is_coordinator": is_coordinator(request.user, region.pk),
        },
    )


def _similar_context(request: HttpRequest, region, text: str) -> dict:
    text = (text or "").strip()[:2000]
    similar = []
    if len(text) >= MIN_SIMILAR_TEXT:
        similar = similar_questions(
            user=request.user, region=region, text=text, limit=SIMILAR_SHOWN
        )
    return {
        "similar": similar,
        "asked": len(text) >= MIN_SIMILAR_TEXT,
        "own_organisations": _own_organisation_ids(request.user),
    }


@login_required
@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """The list under the question box, fetched by htmx while typing."""
    region = access_board_region(user=request.user, slug=request.GET.get("regio"))
    context = _similar_context(request, region, request.GET.get("text", ""))
    return render(request, "community/_similar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    region = access_board_region(user=request.user, slug=request.GET.get("regio"))
    organisations = _organisations(request.user)
    form = AskForm(request.POST or None, organisations=organisations)
    context = {"region": region, "form": form, "similar": [], "asked": False}
    if request.method == "POST" and "check" in request.POST:
        # Without JavaScript: "check for similar questions" shows them above the same form.
        context.update(_similar_context(request, region, request.POST.get("text", "")))
        context["form"] = _unvalidated(form)
        return render(request, "community/ask.html", context)
    if request.method == "POST" and form.is_valid():
        organisation = None
        chosen = form.cleaned_data.get("organisation")
        if chosen:
            organisation = next((o for o in organisations if o.pk == chosen), None)
        elif organisations:
            organisation = organisations[0]
        try:
            question = question_create(
                author=request.user,
                region=region,
                text=form.cleaned_data["text"],
                title=form.cleaned_data["title"],
                tags=form.tags,
                visibility=form.cleaned_data["visibility"],
                organisation=organisation,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your question is on the board. You get a mail when someone answers."),
            )
            return redirect(question)
    if request.method == "POST":
        context.update(_similar_context(request, region, request.POST.get("text", "")))
    return render(request, "community/ask.html", context)


def _unvalidated(form: AskForm) -> AskForm:
    """The posted form shown again without error messages (for the no-JS check button)."""
    form._errors = {}
    return form


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def question_response(
    request: HttpRequest,
    question,
    *,
    answer_form: AnswerForm | None = None,
    refused: RefusedReason | None = None,
    status: int = 200,
) -> HttpResponse:
    """The question page; again after a refused answer or a refused reason for hiding."""
    page = question_page(user=request.user, question=question)
    if refused is not None:
        refused.attach_to([question] if refused.kind == "vraag" else page.answers)
    context = {
        "question": question,
        "page": page,
        "answer_form": answer_form or AnswerForm(),
        "helpers": helpers_for(question=question),
        "conversions": conversions() if page.is_coordinator else [],
        "statuses": QuestionStatus.choices,
        "own_organisation": question.organisation_id in _own_organisation_ids(request.user),
        "refused": refused,
    }
    return render(request, "community/question.html", context, status=status)


@login_required
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = access_question(user=request.user, pk=pk)
    return question_response(request, question)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = access_question(user=request.user, pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer_create(question=question, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect(question)
    return question_response(request, question, answer_form=form, status=400)


@login_required
@require_POST
def metoo(request: HttpRequest, pk: int) -> HttpResponse:
    question = access_question(user=request.user, pk=pk)
    join = request.POST.get("join", "1") == "1"
    organisations = _organisations(request.user)
    question_metoo(
        question=question,
        person=request.user,
        organisation=organisations[0] if organisations else None,
        join=join,
    )
    if join:
        messages.success(
            request, _("You have joined this question. You get a mail when someone answers.")
        )
    return redirect(question)


@login_required
@require_POST
def follow(request: HttpRequest, pk: int) -> HttpResponse:
    question = access_question(user=request.user, pk=pk)
    question_follow(
        question=question, person=request.user, follow=request.POST.get("follow", "1") == "1"
    )
    return redirect(question)


@login_required
@require_POST
def helpful(request: HttpRequest, pk: int) -> HttpResponse:
    found = access_answer(user=request.user, pk=pk)
    answer_mark_helpful(
        answer=found, person=request.user, helpful=request.POST.get("helpful", "1") == "1"
    )
    return redirect(found.question)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    question = access_question(user=request.user, pk=pk)
    target_answer = None
    if request.GET.get("antwoord"):
        try:
            target_answer = access_answer(user=request.user, pk=int(request.GET["antwoord"]))
        except ValueError as error:
            raise Http404 from error
        if target_answer.question_id != question.pk:
            raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                question=None if target_answer else question,
                answer=target_answer,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you. The coordinators will look at it."))
            return redirect(question)
    return render(
        request,
        "community/report.html",
        {"question": question, "answer": target_answer, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    question = access_question(user=request.user, pk=pk)
    helper = access_helper(user=request.user, question=question, pk=person_pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_send(
                sender=request.user,
                helper=helper,
                question=question,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your message has been sent to %(name)s.") % {"name": helper.full_name},
            )
            return redirect(question)
    return render(
        request, "community/contact.html", {"question": question, "helper": helper, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def expertise(request: HttpRequest) -> HttpResponse:
    user = request.user
    existing = Expertise.objects.filter(person=user).first()
    form = ExpertiseForm(
        request.POST or None,
        initial={"text": existing.text if existing else "", "findable": user.findable},
    )
    if request.method == "POST" and form.is_valid():
        try:
            expertise_save(person=user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if user.findable != form.cleaned_data["findable"]:
                user.findable = form.cleaned_data["findable"]
                user.save(update_fields=["findable"])
            messages.success(request, _("Saved."))
            return redirect("community:expertise")
    return render(request, "community/expertise.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """The page the mail after a network meeting links to."""
    meeting = (
        NetworkMeeting.objects.select_related("network__region", "activity").filter(pk=pk).first()
    )
    if meeting is None or meeting.network.region_id not in regions_of(request.user):
        raise Http404
    if membership_of(user=request.user, network=meeting.network) is None:
        raise PermissionDenied
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisations = _organisations(request.user)
        try:
            question = meeting_follow_up_submit(
                meeting=meeting,
                person=request.user,
                text=form.cleaned_data["text"],
                organisation=organisations[0] if organisations else None,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Your question is on the board."))
            return redirect(question)
    return render(request, "community/follow_up.html", {"meeting": meeting, "form": form})


urlpatterns = [
    path("", board, name="board"),
    path("vraag/nieuw/", ask, name="ask"),
    path("vraag/vergelijkbaar/", similar, name="similar"),
    path("vraag/<int:pk>/", question_detail, name="question"),
    path("vraag/<int:pk>/antwoord/", answer, name="answer"),
    path("vraag/<int:pk>/ik-ook/", metoo, name="metoo"),
    path("vraag/<int:pk>/volgen/", follow, name="follow"),
    path("vraag/<int:pk>/melden/", report, name="report"),
    path("vraag/<int:pk>/hulp/<int:person_pk>/", contact, name="contact"),
    path("antwoord/<int:pk>/nuttig/", helpful, name="helpful"),
    path("mijn-expertise/", expertise, name="expertise"),
    path("bijeenkomst/<int:pk>/vervolgvraag/", meeting_follow_up, name="meeting_follow_up"),
]
