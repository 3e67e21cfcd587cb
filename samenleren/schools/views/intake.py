"""The school question: the school's levels, the intake steps, and the coordinator's side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from samenleren.community.selectors import access_question_manage
from samenleren.network.selectors import roles_of

from .. import links
from ..forms import STEP_FORMS, AnswerForm, IntakeFromQuestionForm, SchoolDetailsForm, StatusForm
from ..intake_texts import STEP_TEXTS
from ..models import IntakeAnswer, IntakeAnswerKind, IntakeStatus, SchoolDetails
from ..selectors import (
    SUBMITTED,
    access_intake,
    access_intake_manage,
    access_school_details,
    visits_of,
)
from ..services import (
    STEPS,
    intake_answer_add,
    intake_answer_remove,
    intake_discard,
    intake_from_question,
    intake_start,
    intake_status_change,
    intake_step_save,
    intake_submit,
    missing_steps,
    school_details_save,
)

STEP_SLUGS = [slug for slug, _names in STEPS]


def _school_page(organisation_id: int) -> str:
    return reverse("network:organisation_detail", args=[organisation_id])


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def school_details_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_school_details(user=request.user, pk=pk)
    details = SchoolDetails.objects.filter(organisation=organisation).first()
    form = SchoolDetailsForm(
        request.POST or None, initial={"levels": details.levels if details else []}
    )
    if request.method == "POST" and form.is_valid():
        school_details_save(
            actor=request.user, organisation=organisation, levels=form.cleaned_data["levels"]
        )
        messages.success(request, _("Your changes have been saved."))
        return redirect(_school_page(organisation.pk))
    return render(
        request, "schools/details_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def intake_new(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_school_details(user=request.user, pk=pk)
    intake = intake_start(actor=request.user, organisation=organisation)
    return redirect("schools:intake_step", pk=intake.pk, step=STEP_SLUGS[0])


# Listed in settings.COMMUNITY_CONVERSIONS (the label is translated from this app's catalogue).
CONVERSION_LABEL = gettext_lazy("School question (draft)")


@login_required
@require_http_methods(["GET", "POST"])
def question_convert(request: HttpRequest) -> HttpResponse:
    """A coordinator turns a question on the board into a draft school question (one click on
    the question, then this confirmation). Reached with `?question=<id>`."""
    try:
        question_id = int(request.GET.get("question", ""))
    except ValueError as error:
        raise Http404 from error
    question = access_question_manage(user=request.user, pk=question_id)
    form = IntakeFromQuestionForm(
        request.POST or None,
        region=question.region,
        initial={"organisation": question.organisation_id},
    )
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            _intake, contacts = intake_from_question(
                actor=request.user, question=question, organisation=organisation
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if contacts:
                messages.success(request, _asked_message(organisation, contacts))
            else:
                messages.warning(request, _no_contact_message(organisation))
            return redirect(question)
    return render(
        request, "schools/intake_from_question.html", {"question": question, "form": form}
    )


def _asked_message(organisation, contacts) -> str:
    names = get_text_list([c.full_name or c.email for c in contacts], _("and"))
    return ngettext(
        "A draft school question has been made for %(school)s. %(names)s gets an e-mail asking "
        "to complete and submit it.",
        "A draft school question has been made for %(school)s. %(names)s get an e-mail asking "
        "to complete and submit it.",
        len(contacts),
    ) % {"school": organisation.name, "names": names}


def _no_contact_message(organisation) -> str:
    """Said plainly: nobody was mailed, and where the coordinator gives someone the role."""
    people = (
        reverse("network:people_list")
        + "?"
        + urlencode({"organisatie": organisation.pk, "regio": organisation.region.slug})
    )
    return format_html(
        '{} <a href="{}">{}</a>',
        _(
            "A draft school question has been made for %(school)s, but the school has no school "
            "contact yet, so nobody has been e-mailed. Give someone at the school the role of "
            "school contact: within a day they get an e-mail asking them to complete the draft."
        )
        % {"school": organisation.name},
        people,
        _("People at %(school)s") % {"school": organisation.name},
    )


@login_required
def intake_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    intake = access_intake(user=request.user, pk=pk, edit=True)
    if step not in STEP_FORMS:
        raise Http404
    form_class = STEP_FORMS[step]
    names = dict(STEPS)[step]
    kwargs = {"organisation": intake.organisation} if step == "doel" else {}
    initial = {name: getattr(intake, name) for name in names}
    form = form_class(request.POST or None, initial=initial, **kwargs)
    index = STEP_SLUGS.index(step)
    if request.method == "POST" and form.is_valid():
        try:
            intake_step_save(
                actor=request.user,
                intake=intake,
                values={name: form.cleaned_data[name] for name in names},
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if index + 1 < len(STEP_SLUGS) and "summary" not in request.POST:
                return redirect("schools:intake_step", pk=intake.pk, step=STEP_SLUGS[index + 1])
            return redirect("schools:intake_summary", pk=intake.pk)
    missing = set(missing_steps(intake))
    return render(
        request,
        "schools/intake_step.html",
        {
            "intake": intake,
            "form": form,
            "step": step,
            "number": index + 1,
            "total": len(STEP_SLUGS),
            "texts": STEP_TEXTS[step],
            "steps": [(s, STEP_TEXTS[s]["title"], s not in missing) for s in STEP_SLUGS],
            "previous": STEP_SLUGS[index - 1] if index else None,
            "is_last": index + 1 == len(STEP_SLUGS),
        },
    )


@login_required
def intake_summary(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access_intake(user=request.user, pk=pk, edit=True)
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            intake_submit(actor=request.user, intake=intake)
        except ValidationError as error:
            slugs = list(getattr(error, "error_dict", {}))
            problems = [(s, STEP_TEXTS[s]["title"]) for s in STEP_SLUGS if s in slugs]
            if not problems:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your question has been sent to the coordinators; they will "
                    "contact you to talk it through."
                ),
            )
            return redirect("schools:intake_detail", pk=intake.pk)
    return render(
        request,
        "schools/intake_summary.html",
        {
            "intake": intake,
            "problems": problems,
            "missing": missing_steps(intake),
            "titles": {s: STEP_TEXTS[s]["title"] for s in STEP_SLUGS},
        },
    )


@login_required
@require_POST
def intake_throw_away(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access_intake(user=request.user, pk=pk, edit=True)
    organisation_id = intake.organisation_id
    intake_discard(actor=request.user, intake=intake)
    messages.success(request, _("The draft has been thrown away."))
    return redirect(_school_page(organisation_id))


@login_required
def intake_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access_intake(user=request.user, pk=pk)
    if intake.status == IntakeStatus.DRAFT:
        return redirect("schools:intake_summary", pk=intake.pk)
    coordinator = intake.organisation.region_id in roles_of(request.user).coordinator_regions
    return render(
        request,
        "schools/intake_detail.html",
        {
            "intake": intake,
            "coordinator": coordinator,
            "status_form": StatusForm(intake=intake) if coordinator else None,
            "answers": intake.answers.all(),
            "visits": visits_of(intake=intake) if coordinator else [],
            "statuses": [(s, label) for s, label in IntakeStatus.choices if s in SUBMITTED],
        },
    )


@login_required
@require_POST
def intake_status(request: HttpRequest, pk: int) -> HttpResponse:
    intake = access_intake_manage(user=request.user, pk=pk)
    form = StatusForm(request.POST, intake=intake)
    if form.is_valid():
        try:
            intake_status_change(
                actor=request.user, intake=intake, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The status has been changed."))
    else:
        messages.error(request, _("This status change is not possible from the current status."))
    return redirect("schools:intake_detail", pk=intake.pk)


@login_required
def intake_answers(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator links what answers the question: chosen from lists, per kind."""
    intake = access_intake_manage(user=request.user, pk=pk)
    kinds = IntakeAnswerKind.choices
    kind = request.GET.get("soort") or kinds[0][0]
    if kind not in dict(kinds):
        kind = kinds[0][0]
    search = request.GET.get("q", "").strip()
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid() and form.cleaned_data["kind"] in dict(kinds):
            try:
                answer = intake_answer_add(
                    actor=request.user,
                    intake=intake,
                    kind=form.cleaned_data["kind"],
                    object_id=form.cleaned_data["object_id"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Linked: %(title)s.") % {"title": answer.title})
        else:
            messages.error(request, _("Choose something from the list."))
        return redirect(f"{reverse('schools:intake_answers', args=[intake.pk])}?soort={kind}")
    linked = {(a.kind, a.object_id) for a in intake.answers.all()}
    page = Paginator(
        [c for c in links.candidates(kind=kind, region=intake.organisation.region, search=search)],
        20,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "schools/intake_answers.html",
        {
            "intake": intake,
            "kinds": kinds,
            "kind": kind,
            "search": search,
            "page": page,
            "linked": linked,
            "answers": intake.answers.all(),
        },
    )


@login_required
@require_POST
def answer_remove(request: HttpRequest, pk: int) -> HttpResponse:
    answer = IntakeAnswer.objects.filter(pk=pk).first()
    if answer is None:
        raise Http404
    intake = access_intake_manage(user=request.user, pk=answer.intake_id)
    intake_answer_remove(actor=request.user, answer=answer)
    messages.success(request, _("The link has been removed."))
    return redirect("schools:intake_answers", pk=intake.pk)


urlpatterns = [
    path("organisaties/<int:pk>/gegevens/", school_details_edit, name="details_edit"),
    path("organisaties/<int:pk>/schoolvraag/", intake_new, name="intake_new"),
    path("regio/schoolvragen/uit-vraag/", question_convert, name="intake_from_question"),
    path("schoolvraag/<int:pk>/", intake_detail, name="intake_detail"),
    path("schoolvraag/<int:pk>/stap/<slug:step>/", intake_step, name="intake_step"),
    path("schoolvraag/<int:pk>/samenvatting/", intake_summary, name="intake_summary"),
    path("schoolvraag/<int:pk>/weggooien/", intake_throw_away, name="intake_discard"),
    path("schoolvraag/<int:pk>/status/", intake_status, name="intake_status"),
    path("schoolvraag/<int:pk>/antwoorden/", intake_answers, name="intake_answers"),
    path("antwoorden/<int:pk>/verwijderen/", answer_remove, name="answer_remove"),
]
