"""Pages of the school intake and the TechLabs. Thin: parse, call one service, render or
redirect. Every protected object comes from an access_* selector."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from samenleren.activities.selectors.access import access_activity_manage
from samenleren.community.selectors import access_question_manage
from samenleren.core.paging import paginate
from samenleren.network.models import Equipment, Lab, Organisation
from samenleren.network.selectors import access_managed_region, roles_of

from . import links
from .forms import (
    STEP_FORMS,
    AnswerForm,
    EquipmentForm,
    IntakeFromQuestionForm,
    LabFinderForm,
    NeedStatusForm,
    SchoolDetailsForm,
    SkillForm,
    StatusForm,
    TeachesForm,
    TourActivityForm,
    TourForm,
    VisitForm,
)
from .intake_texts import STEP_TEXTS
from .models import IntakeAnswer, IntakeAnswerKind, IntakeStatus, NeedStatus, SchoolDetails, Visit
from .selectors import (
    SUBMITTED,
    access_equipment,
    access_intake,
    access_intake_manage,
    access_lab_register,
    access_school_details,
    access_school_manage,
    access_skill,
    access_training_need,
    colleagues_of,
    equipment_at_risk,
    equipment_statuses,
    intake_list,
    intakes_by_status,
    is_contact_of,
    kind_label,
    lab_finder,
    tour_labs,
    training_need_counts,
    training_needs,
    viewpoint_of,
    visits_of,
)
from .services import (
    STEPS,
    activity_teaches_set,
    equipment_delete,
    equipment_save,
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
    skill_declare,
    skill_remove,
    tour_activity_create,
    training_need_create,
    training_need_status_set,
    visit_save,
)
from .teaching import activities_teaching, suggested_kinds, taught_kinds, words_for
from .tour import MAX_STOPS, plan_route

STEP_SLUGS = [slug for slug, _names in STEPS]


def _school_page(organisation_id: int) -> str:
    return reverse("network:organisation_detail", args=[organisation_id])


# --- the school page ---------------------------------------------------------------------------


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


# --- equipment register --------------------------------------------------------------------------


@login_required
def lab_register(request: HttpRequest, pk: int) -> HttpResponse:
    """A lab's machines, who can use them, and the form to declare a skill."""
    lab = access_lab_register(user=request.user, pk=pk)
    organisation = lab.organisation
    contact = is_contact_of(user=request.user, organisation=organisation)
    machines = Equipment.objects.filter(lab=lab)
    people = colleagues_of(organisation=organisation)
    if not contact:
        people = people.filter(pk=request.user.pk)
    form = SkillForm(request.POST or None, people=people, machines=machines)
    if not contact:
        form.fields["person"].initial = request.user.pk
    if request.method == "POST" and form.is_valid():
        try:
            skill = skill_declare(
                actor=request.user,
                person=form.cleaned_data["person"],
                equipment=form.cleaned_data["equipment"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Saved: %(person)s – %(machine)s.")
                % {"person": skill.person.full_name, "machine": skill.equipment.label},
            )
            return redirect("schools:lab_register", pk=lab.pk)
    statuses = equipment_statuses(organisation=organisation.pk)
    return render(
        request,
        "schools/lab_register.html",
        {
            "lab": lab,
            "organisation": organisation,
            "statuses": [s for s in statuses if s.equipment.lab_id == lab.pk],
            "form": form,
            "may_edit": contact
            or organisation.region_id in roles_of(request.user).coordinator_regions,
            "is_contact": contact,
            "has_machines": machines.exists(),
            "works_here": people.exists(),
        },
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def equipment_create(request: HttpRequest, pk: int) -> HttpResponse:
    lab = access_lab_register(user=request.user, pk=pk)
    if not _may_edit(request, lab.organisation):
        raise PermissionDenied
    return _equipment_form(request, lab=lab, equipment=Equipment(lab=lab))


@login_required
def equipment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    equipment = access_equipment(user=request.user, pk=pk)
    return _equipment_form(request, lab=equipment.lab, equipment=equipment)


def _may_edit(request, organisation: Organisation) -> bool:
    roles = roles_of(request.user)
    return (
        organisation.pk in roles.contact_organisations
        or organisation.region_id in roles.coordinator_regions
    )


def _equipment_form(request, *, lab: Lab, equipment: Equipment) -> HttpResponse:
    adding = equipment.pk is None
    form = EquipmentForm(request.POST or None, instance=equipment)
    if request.method == "POST" and form.is_valid():
        try:
            equipment_save(actor=request.user, equipment=form.save(commit=False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The machine has been added.") if adding else _("Your changes have been saved."),
            )
            return redirect("schools:lab_register", pk=lab.pk)
    return render(
        request,
        "schools/equipment_form.html",
        {"form": form, "lab": lab, "equipment": None if adding else equipment},
    )


@login_required
@require_POST
def equipment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    equipment = access_equipment(user=request.user, pk=pk)
    lab_id = equipment.lab_id
    equipment_delete(actor=request.user, equipment=equipment)
    messages.success(request, _("The machine has been removed."))
    return redirect("schools:lab_register", pk=lab_id)


@login_required
@require_POST
def skill_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    skill = access_skill(user=request.user, pk=pk)
    lab_id = skill.equipment.lab_id
    skill_remove(actor=request.user, skill=skill)
    messages.success(request, _("The skill has been removed."))
    return redirect("schools:lab_register", pk=lab_id)


@login_required
@require_POST
def need_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The one action on a machine at risk: a to-do for the region's coordinators."""
    equipment = access_equipment(user=request.user, pk=pk)
    try:
        _need, created = training_need_create(actor=request.user, equipment=equipment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if created:
            messages.success(
                request,
                _(
                    "The training question for the %(machine)s has been passed on to the "
                    "coordinators. They look for a training and let you know."
                )
                % {"machine": equipment.label},
            )
        else:
            messages.info(request, _("The coordinators already have this training question."))
    target = request.POST.get("next", "")
    if target == "lab":
        return redirect("schools:lab_register", pk=equipment.lab_id)
    return redirect(_school_page(equipment.lab.organisation_id) + "#apparatuur")


# --- the intake ----------------------------------------------------------------------------------


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
            intake_from_question(actor=request.user, question=question, organisation=organisation)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "A draft school question has been made for %(school)s. Its school contacts "
                    "have been asked to complete and submit it."
                )
                % {"school": organisation.name},
            )
            return redirect(question)
    return render(
        request, "schools/intake_from_question.html", {"question": question, "form": form}
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


# --- visits --------------------------------------------------------------------------------------


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


# --- the coordinators' region view ----------------------------------------------------------


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


# --- lab finder and tour ---------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def lab_search(request: HttpRequest) -> HttpResponse:
    view = viewpoint_of(user=request.user, origin_id=_int(request.GET.get("vanaf")))
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
            "kind": kind_label(values["soort"]) if values.get("soort") else "",
            "filtered": any(values.get(k) for k in ("soort", "labsoort", "po", "max", "q")),
        },
    )


@login_required
def tour_plan(request: HttpRequest) -> HttpResponse:
    view = viewpoint_of(user=request.user, origin_id=_int(request.GET.get("vanaf")))
    if view.region is None:
        return render(request, "schools/no_region.html", {"what": _("TechLab tour")})
    labs = tour_labs(region=view.region)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = TourForm(data, labs=labs, origins=view.choices)
    coordinator = view.region.pk in roles_of(request.user).coordinator_regions
    route = None
    activity_form = None
    if form.is_bound and form.is_valid():
        chosen = [lab for lab in labs if lab.pk in set(form.cleaned_data["labs"])]
        starts_at = timezone.make_aware(
            datetime.combine(form.cleaned_data["datum"], form.cleaned_data["start"])
        )
        start_place = next(
            (o for o in view.choices if o.pk == form.cleaned_data.get("vanaf")), None
        )
        route = plan_route(
            labs=chosen,
            starts_at=starts_at,
            visit_minutes=form.cleaned_data["minuten"],
            start_place=start_place,
        )
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
            "activity_form": activity_form,
            "coordinator": coordinator,
            "region": view.region,
            "max_stops": MAX_STOPS,
            "has_labs": bool(labs),
        },
    )
