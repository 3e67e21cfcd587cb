"""The coordinators' 'beheer' area: organisations, labs, people, roles and imports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenleren.core.paging import paginate

from .forms import (
    AffiliationForm,
    ImportForm,
    LabForm,
    OrganisationForm,
    RoleAssignForm,
)
from .importing import import_start
from .models import Function, Lab, OrganisationKind, Role
from .selectors import (
    access_import_job,
    access_lab,
    access_managed_region,
    access_organisation,
    access_person_for_management,
    access_role_assignment,
    can_edit_organisation,
    current_affiliations,
    organisation_list,
    people_for_management,
    region_overview,
    school_contacts,
)
from .services import (
    affiliation_add,
    affiliation_end,
    lab_delete,
    lab_save,
    organisation_save,
    role_assign,
    role_remove,
)


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def beheer_home(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    return render(
        request,
        "network/beheer_home.html",
        {"region": region, "overview": region_overview(region=region)},
    )


@login_required
def organisation_index(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    search = request.GET.get("q", "").strip()
    kind = request.GET.get("soort", "")
    subregion_id = _int_or_none(request.GET.get("subregio"))
    page = paginate(
        request,
        organisation_list(region=region, search=search, kind=kind, subregion_id=subregion_id),
    )
    return render(
        request,
        "network/organisation_list.html",
        {
            "region": region,
            "page": page,
            "search": search,
            "kind": kind,
            "subregion_id": subregion_id,
            "kinds": OrganisationKind.choices,
            "subregions": region.subregions.all(),
            "filtered": bool(search or kind or subregion_id),
        },
    )


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    form = OrganisationForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_save(
            actor=request.user,
            organisation=form.save(commit=False),
            profiles=list(form.cleaned_data["profiles"]),
            sto_functions=form.cleaned_data["sto_functions"],
        )
        messages.success(request, _("The organisation has been added."))
        return redirect("network:organisation_detail", pk=organisation.pk)
    return render(request, "network/organisation_form.html", {"form": form, "region": region})


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(user=request.user, pk=pk)
    may_edit = can_edit_organisation(user=request.user, organisation=organisation)
    # What the capabilities add (settings.ORGANISATION_PANELS): callables (request, organisation)
    # returning objects with .template and .context; each template is included with panel=context.
    panels = []
    for dotted in getattr(settings, "ORGANISATION_PANELS", []):
        panels.extend(import_string(dotted)(request, organisation))
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "may_edit": may_edit,
            "panels": panels,
            "labs": organisation.labs.all(),
            "contacts": school_contacts(organisation=organisation),
            "sto_functions": organisation.sto_functions.all(),
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(user=request.user, pk=pk, edit=True)
    form = OrganisationForm(request.POST or None, instance=organisation, region=organisation.region)
    if request.method == "POST" and form.is_valid():
        organisation_save(
            actor=request.user,
            organisation=form.save(commit=False),
            profiles=list(form.cleaned_data["profiles"]),
            sto_functions=form.cleaned_data["sto_functions"],
        )
        messages.success(request, _("Your changes have been saved."))
        return redirect("network:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "organisation": organisation, "region": organisation.region},
    )


@login_required
def lab_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(user=request.user, pk=pk, edit=True)
    form = LabForm(request.POST or None, instance=Lab(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        lab_save(actor=request.user, lab=form.save(commit=False))
        messages.success(request, _("The lab has been added."))
        return redirect("network:organisation_detail", pk=organisation.pk)
    return render(request, "network/lab_form.html", {"form": form, "organisation": organisation})


@login_required
def lab_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lab = access_lab(user=request.user, pk=pk)
    form = LabForm(request.POST or None, instance=lab)
    if request.method == "POST" and form.is_valid():
        lab_save(actor=request.user, lab=form.save(commit=False))
        messages.success(request, _("Your changes have been saved."))
        return redirect("network:organisation_detail", pk=lab.organisation_id)
    return render(
        request,
        "network/lab_form.html",
        {"form": form, "organisation": lab.organisation, "lab": lab},
    )


@login_required
@require_POST
def lab_remove(request: HttpRequest, pk: int) -> HttpResponse:
    lab = access_lab(user=request.user, pk=pk)
    organisation_id = lab.organisation_id
    lab_delete(actor=request.user, lab=lab)
    messages.success(request, _("The lab has been removed."))
    return redirect("network:organisation_detail", pk=organisation_id)


@login_required
def people_index(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    search = request.GET.get("q", "").strip()
    organisation_id = _int_or_none(request.GET.get("organisatie"))
    function = request.GET.get("functie", "")
    role = request.GET.get("rol", "")
    page = paginate(
        request,
        people_for_management(
            region=region,
            search=search,
            organisation_id=organisation_id,
            function=function,
            role=role,
        ),
    )
    return render(
        request,
        "network/people_list.html",
        {
            "region": region,
            "page": page,
            "search": search,
            "organisation_id": organisation_id,
            "function": function,
            "role": role,
            "functions": Function.choices,
            "roles": Role.choices,
            "organisations": organisation_list(region=region),
            "filtered": bool(search or organisation_id or function or role),
        },
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    person = access_person_for_management(user=request.user, pk=pk, region=region)
    form = RoleAssignForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        region_scoped = role in {Role.COORDINATOR, Role.STEERING}
        role_assign(
            actor=request.user,
            person=person,
            role=role,
            organisation=None if region_scoped else form.cleaned_data["organisation"],
            region=region if region_scoped else None,
        )
        messages.success(request, _("The role has been given."))
        return redirect("network:person_detail", pk=person.pk)
    return render(
        request,
        "network/person_detail.html",
        {
            "region": region,
            "person": person,
            "form": form,
            "affiliations": person.affiliations.select_related("organisation"),
            "assignments": person.role_assignments.select_related("organisation", "region"),
        },
    )


@login_required
@require_POST
def role_revoke(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    person = access_person_for_management(user=request.user, pk=pk, region=region)
    assignment = access_role_assignment(person=person, pk=assignment_pk, region=region)
    if assignment is not None:
        role_remove(actor=request.user, assignment=assignment)
        messages.success(request, _("The role has been taken away."))
    else:
        messages.error(
            request, _("This role belongs to another region; its coordinators can change it.")
        )
    return redirect("network:person_detail", pk=person.pk)


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = import_start(
                actor=request.user,
                region=region,
                kind=form.cleaned_data["kind"],
                filename=upload.name,
                data=upload.read(),
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if outcome.job is not None:
                return redirect("network:import_status", pk=outcome.job.pk)
            if outcome.problems:
                problems = outcome.problems
            else:
                messages.success(
                    request,
                    _("Import finished: %(created)s added, %(updated)s updated.")
                    % {"created": outcome.created, "updated": outcome.updated},
                )
                return redirect("network:import_upload")
    return render(
        request,
        "network/import_upload.html",
        {"form": form, "region": region, "problems": problems},
    )


@login_required
def import_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_import_job(user=request.user, pk=pk)
    template = "network/_import_progress.html" if request.htmx else "network/import_status.html"
    return render(request, template, {"job": job})


@login_required
def my_organisations(request: HttpRequest) -> HttpResponse:
    form = AffiliationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        affiliation_add(
            person=request.user,
            organisation=form.cleaned_data["organisation"],
            function=form.cleaned_data["function"],
            profiles=list(form.cleaned_data["profiles"]),
            subjects=form.cleaned_data["subjects"],
        )
        messages.success(request, _("Your organisation has been saved."))
        return redirect("network:my_organisations")
    return render(
        request,
        "network/my_organisations.html",
        {
            "form": form,
            "affiliations": current_affiliations(user=request.user),
        },
    )


@login_required
@require_POST
def my_affiliation_end(request: HttpRequest, pk: int) -> HttpResponse:
    if affiliation_end(person=request.user, affiliation_id=pk):
        messages.success(request, _("You no longer work there, according to your profile."))
    return redirect("network:my_organisations")
