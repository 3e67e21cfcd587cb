"""Open Badges: the public badge page, the hosted JSON (assertion, badge class, issuer), the
badge image, and revocation by a coordinator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from samenleren.core.paging import paginate
from samenleren.network.models import Region
from samenleren.network.selectors import roles_of

from ..badges import assertion_document, badge_class_document, badge_svg, issuer_document
from ..forms import RevokeForm
from ..selectors import (
    access_assertion,
    access_assertion_revoke,
    access_badge_class,
    assertions_to_manage,
)
from ..services.badges import badge_revoke

JSON_LD = "application/ld+json"


def _json(document: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        document, status=status, content_type=JSON_LD, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch it from their own sites
    return response


def badge_page(request: HttpRequest, uuid) -> HttpResponse:
    """Public: the page a person shares to show the badge."""
    assertion = access_assertion(uuid=uuid)
    return render(
        request,
        "learning/badge.html",
        {
            "assertion": assertion,
            "badge": assertion.badge,
            "owner": assertion.badge.module or assertion.badge.path,
            "is_own": request.user.is_authenticated and request.user.pk == assertion.person_id,
            "can_revoke": assertion.badge.region.pk in roles_of(request.user).coordinator_regions,
            "assertion_url": request.build_absolute_uri(),
        },
    )


@cache_control(max_age=300)
def assertion_json(request: HttpRequest, uuid) -> JsonResponse:
    """The hosted Assertion (OB 2.0). A revoked one answers 410 Gone with revoked: true."""
    assertion = access_assertion(uuid=uuid)
    document = assertion_document(assertion=assertion, absolute=request.build_absolute_uri)
    return _json(document, status=410 if assertion.revoked else 200)


@cache_control(max_age=3600)
def badge_class_json(request: HttpRequest, pk: int) -> JsonResponse:
    badge = access_badge_class(pk=pk)
    return _json(badge_class_document(badge=badge, absolute=request.build_absolute_uri))


@cache_control(max_age=3600)
def badge_image(request: HttpRequest, pk: int) -> HttpResponse:
    badge = access_badge_class(pk=pk)
    return HttpResponse(badge_svg(badge=badge), content_type="image/svg+xml")


@cache_control(max_age=3600)
def issuer_json(request: HttpRequest, slug: str) -> JsonResponse:
    region = get_object_or_404(Region, slug=slug)
    return _json(issuer_document(region=region, absolute=request.build_absolute_uri))


@login_required
@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, uuid) -> HttpResponse:
    assertion = access_assertion_revoke(user=request.user, uuid=uuid)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            badge_revoke(
                assertion=assertion, reason=form.cleaned_data["reason"], actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The badge is revoked."))
            return redirect("learning:badge", uuid=assertion.uuid)
    return render(request, "learning/badge_revoke.html", {"assertion": assertion, "form": form})


@login_required
def manage_badges(request: HttpRequest) -> HttpResponse:
    """Coordinators: the badges issued in their region (to revoke one)."""
    if not roles_of(request.user).is_coordinator:
        raise PermissionDenied
    return render(
        request,
        "learning/manage/badges.html",
        {"page": paginate(request, assertions_to_manage(user=request.user))},
    )


urlpatterns = [
    path("badge/<uuid:uuid>/", badge_page, name="badge"),
    path("badge/<uuid:uuid>/intrekken/", revoke, name="badge_revoke"),
    path("openbadges/assertion/<uuid:uuid>.json", assertion_json, name="assertion_json"),
    path("openbadges/badge/<int:pk>.json", badge_class_json, name="badge_class_json"),
    path("openbadges/badge/<int:pk>.svg", badge_image, name="badge_image"),
    path("openbadges/uitgever/<slug:slug>.json", issuer_json, name="issuer_json"),
    path("beheer/badges/", manage_badges, name="manage_badges"),
]
