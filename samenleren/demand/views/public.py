"""Campaign pages for everyone (no login needed to read), pledging, the date poll for pledgers,
and the page that explains how travel time is estimated."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenleren.core.paging import paginate
from samenleren.network.models import Organisation
from samenleren.network.selectors import roles_of
from samenleren.network.travel import COST_PER_KM, DETOUR_FACTOR, PARK_AND_WALK_MINUTES, SPEED_BANDS

from ..forms import CampaignFilterForm, PledgeForm, UnnamedPledgeForm
from ..models import Answer, DatePoll, Pledge, UnnamedPledge
from ..selectors.access import (
    access_campaign_course_public,
    access_campaign_public,
    access_own_pledge,
)
from ..selectors.lists import campaign_list
from ..selectors.polls import answers_of, best_option, poll_results
from ..selectors.progress import campaign_progress, campaign_totals
from ..selectors.summary import pledges_of
from ..services.pledges import (
    AlreadyPledged,
    PledgeError,
    pledge_create,
    pledge_withdraw,
    unnamed_pledge_set,
)
from ..services.polls import PollError, poll_answer


def _own_organisations(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        affiliations__person=user, affiliations__ended_on__isnull=True
    ).order_by("-affiliations__is_primary", "name")


def campaigns(request: HttpRequest) -> HttpResponse:
    filters = CampaignFilterForm(request.GET)
    values = filters.values()
    page = paginate(request, campaign_list(**values))
    return render(
        request,
        "demand/list.html",
        {"filters": filters, "page": page, "filtered": any(values.values())},
    )


def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access_campaign_public(pk=pk)
    progress = campaign_progress(campaign=campaign)
    mine = {}
    if request.user.is_authenticated:
        mine = {
            p.campaign_course_id: p
            for p in Pledge.objects.filter(
                person=request.user,
                campaign_course__campaign=campaign,
                withdrawn_at__isnull=True,
            )
        }
    return render(
        request,
        "demand/campaign.html",
        {
            "campaign": campaign,
            "progress": progress,
            "totals": campaign_totals(progress),
            "mine": mine,
            "is_coordinator": campaign.region_id in roles_of(request.user).coordinator_regions,
        },
    )


def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cc = access_campaign_course_public(pk=pk)
    progress = campaign_progress(campaign=cc.campaign, only=cc.pk)[0]
    context = {"cc": cc, "campaign": cc.campaign, "p": progress}
    user = request.user
    if user.is_authenticated:
        pledge = Pledge.objects.filter(
            person=user, campaign_course=cc, withdrawn_at__isnull=True
        ).first()
        context["pledge"] = pledge
        context["form"] = PledgeForm(organisations=_own_organisations(user))
        contact = Organisation.objects.filter(pk__in=roles_of(user).contact_organisations)
        if contact:
            context["unnamed_form"] = UnnamedPledgeForm(organisations=contact)
            context["unnamed"] = UnnamedPledge.objects.filter(
                campaign_course=cc, organisation__in=contact
            ).select_related("organisation")
        poll = DatePoll.objects.filter(campaign_course=cc).first()
        if poll is not None and pledge is not None:
            context["poll"] = poll
            context["results"] = poll_results(poll=poll)
            context["best"] = best_option(context["results"])
            context["my_answers"] = answers_of(poll=poll, person=user)
            context["answer_choices"] = Answer.choices
    return render(request, "demand/course.html", context)


@login_required
@require_POST
def pledge(request: HttpRequest, pk: int) -> HttpResponse:
    cc = access_campaign_course_public(pk=pk)
    organisations = _own_organisations(request.user)
    form = PledgeForm(request.POST, organisations=organisations)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect("demand:course", pk=cc.pk)
    data = form.cleaned_data
    try:
        pledge_create(
            campaign_course_id=cc.pk,
            person=request.user,
            organisation=data["organisation"] or organisations.first(),
            months=data["months"],
            weekdays=data["weekdays"],
            max_travel_minutes=data["max_travel_minutes"],
            note=data["note"],
        )
    except AlreadyPledged as error:
        messages.info(request, error.messages[0])
    except PledgeError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you: your interest is counted. We will e-mail you when the course can run."),
        )
    return redirect("demand:course", pk=cc.pk)


@login_required
@require_POST
def unnamed(request: HttpRequest, pk: int) -> HttpResponse:
    cc = access_campaign_course_public(pk=pk)
    contact = Organisation.objects.filter(pk__in=roles_of(request.user).contact_organisations)
    form = UnnamedPledgeForm(request.POST, organisations=contact)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect("demand:course", pk=cc.pk)
    try:
        unnamed_pledge_set(
            campaign_course_id=cc.pk,
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            count=form.cleaned_data["count"],
        )
    except PledgeError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The number of colleagues has been saved."))
    return redirect("demand:course", pk=cc.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    own = access_own_pledge(user=request.user, pk=pk)
    try:
        pledge_withdraw(pledge_id=own.pk, actor=request.user)
    except PledgeError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your pledge has been withdrawn."))
    return redirect("demand:course", pk=own.campaign_course_id)


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    cc = access_campaign_course_public(pk=pk)
    poll = DatePoll.objects.filter(campaign_course=cc).first()
    if poll is None:
        messages.error(request, _("This course has no date poll."))
        return redirect("demand:course", pk=cc.pk)
    answers = {
        key.removeprefix("option-"): value
        for key, value in request.POST.items()
        if key.startswith("option-")
    }
    try:
        poll_answer(poll=poll, person=request.user, answers=answers)
    except PollError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you, your answers have been saved."))
    return redirect("demand:course", pk=cc.pk)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = paginate(request, pledges_of(person=request.user))
    return render(request, "demand/mine.html", {"page": page})


def travel_explained(request: HttpRequest) -> HttpResponse:
    bands = []
    low = 0
    for limit, speed in SPEED_BANDS:
        bands.append((low, None if limit == float("inf") else limit, speed))
        low = limit
    return render(
        request,
        "demand/travel.html",
        {
            "detour": DETOUR_FACTOR,
            "park": PARK_AND_WALK_MINUTES,
            "bands": bands,
            "cost_per_km": COST_PER_KM,
        },
    )


urlpatterns = [
    path("", campaigns, name="list"),
    path("<int:pk>/", campaign_detail, name="campaign"),
    path("cursus/<int:pk>/", course_detail, name="course"),
    path("cursus/<int:pk>/interesse/", pledge, name="pledge"),
    path("cursus/<int:pk>/collegas/", unnamed, name="unnamed"),
    path("cursus/<int:pk>/datumprikker/", answer, name="answer"),
    path("interesse/<int:pk>/intrekken/", withdraw, name="withdraw"),
    path("mijn/", mine, name="mine"),
    path("reistijd/", travel_explained, name="travel"),
]
