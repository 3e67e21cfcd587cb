"""A lab's equipment register: machines, skills, and a training question for a machine at risk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenleren.network.models import Equipment, Lab, Organisation
from samenleren.network.selectors import roles_of

from ..forms import EquipmentForm, SkillForm
from ..selectors import (
    access_equipment,
    access_lab_register,
    access_skill,
    colleagues_of,
    equipment_statuses,
    is_contact_of,
)
from ..services import (
    equipment_delete,
    equipment_save,
    skill_declare,
    skill_remove,
    training_need_create,
)
from .intake import _add_errors, _school_page


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


urlpatterns = [
    path("labs/<int:pk>/apparatuur/", lab_register, name="lab_register"),
    path("labs/<int:pk>/apparatuur/nieuw/", equipment_create, name="equipment_create"),
    path("apparatuur/<int:pk>/bewerken/", equipment_edit, name="equipment_edit"),
    path("apparatuur/<int:pk>/verwijderen/", equipment_remove, name="equipment_remove"),
    path("apparatuur/<int:pk>/opleidingsvraag/", need_create, name="need_create"),
    path("vaardigheden/<int:pk>/verwijderen/", skill_withdraw, name="skill_remove"),
]
