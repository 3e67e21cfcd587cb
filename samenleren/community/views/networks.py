"""Learning networks: the list, a network (members, meetings, materials, discussion), and
creating one (also from a cluster of questions)."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samenleren.core.paging import paginate
from samenleren.network.models import ProfileCode
from samenleren.network.selectors import access_managed_region

from ..forms import MaterialForm, MeetingForm, NetworkForm, PostForm, ThreadForm
from ..models import Membership, Post, Question, Thread
from ..selectors import (
    access_board_region,
    access_material,
    access_network,
    access_network_member,
    access_network_moderate,
    access_post_moderate,
    access_thread,
    access_thread_moderate,
    can_moderate,
    is_coordinator,
    membership_of,
    network_list,
    network_materials,
    network_meetings,
    network_threads,
    network_topics,
    thread_page,
)
from ..services.moderation import post_hide, post_show, thread_hide, thread_show
from ..services.networks import (
    material_add,
    material_use,
    network_join,
    network_leave,
    network_meeting_schedule,
    network_moderator_set,
    network_save,
    post_create,
    thread_create,
)
from .board import _add_errors
from .hiding import RefusedReason, refused_reason


@login_required
def network_index(request: HttpRequest) -> HttpResponse:
    region = access_board_region(user=request.user, slug=request.GET.get("regio"))
    search = request.GET.get("q", "").strip()[:200]
    profile = request.GET.get("profiel", "")
    profile = profile if profile in ProfileCode.values else ""
    page = paginate(request, network_list(region=region, search=search, profile=profile))
    return render(
        request,
        "community/networks/list.html",
        {
            "region": region,
            "page": page,
            "search": search,
            "profile": profile,
            "profiles": ProfileCode.choices,
            "filtered": bool(search or profile),
            "is_coordinator": is_coordinator(request.user, region.pk),
        },
    )


def _cluster_questions(region, raw: str) -> list[Question]:
    ids = [int(part) for part in raw.split(",") if part.strip().isdigit()][:100]
    return list(Question.objects.filter(region=region, pk__in=ids))


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    region = access_managed_region(user=request.user, slug=request.GET.get("regio"))
    initial = {
        "name": request.GET.get("naam", "")[:150],
        "profile": request.GET.get("profiel", ""),
        "questions": request.GET.get("vragen", ""),
    }
    form = NetworkForm(request.POST or None, initial=initial)
    questions = _cluster_questions(region, request.POST.get("questions") or initial["questions"])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = network_save(
                actor=request.user,
                region=region,
                name=data["name"],
                description=data["description"],
                profile=data["profile"],
                theme=data["theme"],
                questions=questions,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The learning network has been started."))
            return redirect(network)
    return render(
        request,
        "community/networks/form.html",
        {"form": form, "network": None, "questions": questions},
    )


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network_moderate(user=request.user, pk=pk)
    form = NetworkForm(
        request.POST or None,
        initial={
            "name": network.name,
            "description": network.description,
            "profile": network.profile.code if network.profile else "",
            "theme": network.theme,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network_save(
                actor=request.user,
                region=network.region,
                network=network,
                name=data["name"],
                description=data["description"],
                profile=data["profile"],
                theme=data["theme"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(network)
    return render(
        request, "community/networks/form.html", {"form": form, "network": network, "questions": []}
    )


@login_required
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network(user=request.user, pk=pk)
    membership = membership_of(user=request.user, network=network)
    search = request.GET.get("q", "").strip()[:200]
    members = Membership.objects.filter(network=network).select_related("person")
    return render(
        request,
        "community/networks/detail.html",
        {
            "network": network,
            "membership": membership,
            "moderator": can_moderate(user=request.user, network=network),
            "coordinator": is_coordinator(request.user, network.region_id),
            "members": members[:200],
            "meetings": network_meetings(network=network),
            "materials": paginate(
                request, network_materials(network=network, user=request.user, search=search)
            ),
            "search": search,
            "threads": network_threads(user=request.user, network=network)[:20],
            "topics": network_topics(user=request.user, network=network)[:20],
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def network_membership(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network(user=request.user, pk=pk)
    if request.POST.get("action") == "leave":
        try:
            network_leave(network=network, person=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("You have left the network."))
    else:
        network_join(network=network, person=request.user)
        messages.success(request, _("Welcome to the network."))
    return redirect(network)


@login_required
@require_POST
def network_moderator(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network_moderate(user=request.user, pk=pk)
    try:
        person_id = int(request.POST.get("person", ""))
        network_moderator_set(
            actor=request.user,
            network=network,
            person_id=person_id,
            moderator=request.POST.get("moderator") == "1",
        )
    except ValueError:
        messages.error(request, _("Choose a member."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Saved."))
    return redirect(network)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network(user=request.user, pk=pk)
    if not is_coordinator(request.user, network.region_id):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, initial={"title": network.name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        day = data["date"]
        try:
            meeting = network_meeting_schedule(
                actor=request.user,
                network=network,
                title=data["title"],
                starts_at=timezone.make_aware(datetime.combine(day, data["start"])),
                ends_at=timezone.make_aware(datetime.combine(day, data["end"])),
                address=data["address"],
                online_url=data["online_url"],
                capacity=data["capacity"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The meeting is in the calendar; members can register there.")
            )
            return redirect("activities:detail", pk=meeting.activity_id)
    return render(request, "community/networks/meeting.html", {"network": network, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network_member(user=request.user, pk=pk)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material_add(
                network=network,
                person=request.user,
                title=data["title"],
                description=data["description"],
                url=data["url"],
                upload=data["file"],
                licence=data["licence"],
                tags=data["themes"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you for sharing."))
            return redirect(network)
    return render(request, "community/networks/material.html", {"network": network, "form": form})


@login_required
@require_POST
def material_used(request: HttpRequest, pk: int) -> HttpResponse:
    material = access_material(user=request.user, pk=pk)
    material_use(material=material, person=request.user, use=request.POST.get("use", "1") == "1")
    return redirect(material.network)


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network_member(user=request.user, pk=pk)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = thread_create(
                network=network,
                author=request.user,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("community:thread", pk=thread.pk)
    return render(request, "community/networks/thread_new.html", {"network": network, "form": form})


def _thread_response(
    request: HttpRequest,
    thread: Thread,
    *,
    form: PostForm | None = None,
    refused: RefusedReason | None = None,
    status: int = 200,
) -> HttpResponse:
    """The discussion page; again after a refused reply or a refused reason for hiding."""
    page = thread_page(user=request.user, thread=thread)
    if refused is not None:
        refused.attach_to([thread] if refused.kind == "discussie" else page.posts)
    return render(
        request,
        "community/networks/thread.html",
        {
            "thread": thread,
            "network": thread.network,
            "posts": page.posts,
            "moderator": page.moderator,
            "form": form or PostForm(),
            "member": page.member,
            "refused": refused,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread(user=request.user, pk=pk)
    if request.method != "POST":
        return _thread_response(request, thread)
    # Nobody replies in a hidden discussion (only its author and the moderators open it).
    if (
        thread.hidden_at is not None
        or membership_of(user=request.user, network=thread.network) is None
    ):
        raise PermissionDenied
    form = PostForm(request.POST)
    if form.is_valid():
        try:
            post_create(thread=thread, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("community:thread", pk=thread.pk)
    return _thread_response(request, thread, form=form)


def _back_to_post(post: Post) -> HttpResponse:
    return redirect(reverse("community:thread", args=[post.thread_id]) + f"#bericht-{post.pk}")


@login_required
@require_POST
def post_hide_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = access_post_moderate(user=request.user, pk=pk)
    reason = request.POST.get("reason", "")
    try:
        post_hide(actor=request.user, post=post, reason=reason)
    except ValidationError as error:
        refused = refused_reason(error, kind="bericht", pk=post.pk, reason=reason)
        if refused is not None:
            return _thread_response(request, post.thread, refused=refused, status=400)
        messages.info(request, error.messages[0])
    else:
        messages.success(
            request, _("The message is hidden. Only the moderators and its author still see it.")
        )
    return _back_to_post(post)


@login_required
@require_POST
def post_show_view(request: HttpRequest, pk: int) -> HttpResponse:
    post = access_post_moderate(user=request.user, pk=pk)
    try:
        post_show(actor=request.user, post=post)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("The message is visible to everyone again."))
    return _back_to_post(post)


@login_required
@require_POST
def thread_hide_view(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread_moderate(user=request.user, pk=pk)
    reason = request.POST.get("reason", "")
    try:
        thread_hide(actor=request.user, thread=thread, reason=reason)
    except ValidationError as error:
        refused = refused_reason(error, kind="discussie", pk=thread.pk, reason=reason)
        if refused is not None:
            return _thread_response(request, thread, refused=refused, status=400)
        messages.info(request, error.messages[0])
    else:
        messages.success(
            request,
            _(
                "The discussion is hidden. It is no longer on the network page; only the "
                "moderators and whoever started it can still open it."
            ),
        )
    return redirect("community:thread", pk=thread.pk)


@login_required
@require_POST
def thread_show_view(request: HttpRequest, pk: int) -> HttpResponse:
    thread = access_thread_moderate(user=request.user, pk=pk)
    try:
        thread_show(actor=request.user, thread=thread)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("The discussion is visible to everyone again."))
    return redirect("community:thread", pk=thread.pk)


urlpatterns = [
    path("netwerken/", network_index, name="networks"),
    path("netwerken/nieuw/", network_create, name="network_create"),
    path("netwerken/<int:pk>/", network_detail, name="network"),
    path("netwerken/<int:pk>/bewerken/", network_edit, name="network_edit"),
    path("netwerken/<int:pk>/lidmaatschap/", network_membership, name="network_membership"),
    path("netwerken/<int:pk>/moderator/", network_moderator, name="network_moderator"),
    path("netwerken/<int:pk>/bijeenkomst/", meeting_schedule, name="meeting_schedule"),
    path("netwerken/<int:pk>/materiaal/", material_create, name="material_add"),
    path("netwerken/<int:pk>/discussie/nieuw/", thread_new, name="thread_create"),
    path("materiaal/<int:pk>/gebruik/", material_used, name="material_use"),
    path("discussie/<int:pk>/", thread_detail, name="thread"),
    path("discussie/<int:pk>/verbergen/", thread_hide_view, name="thread_hide"),
    path("discussie/<int:pk>/tonen/", thread_show_view, name="thread_show"),
    path("discussie/bericht/<int:pk>/verbergen/", post_hide_view, name="post_hide"),
    path("discussie/bericht/<int:pk>/tonen/", post_show_view, name="post_show"),
]
