"""Views for certificates: issuing, downloading, and the public verification page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from samenleren.core.paging import paginate

from ..models import Certificate
from ..pdf import certificate_pdf
from ..selectors.access import access_activity_manage
from ..selectors.attendance import (
    access_certificate,
    certificate_by_code,
    certificate_candidates,
    certificate_hours_of,
    certificate_rows,
    certificates_of,
)
from ..services.certificates import certificates_issue

QUALIFIES = {"ja": True, "nee": False}


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access_activity_manage(user=request.user, pk=pk)
    if request.method == "POST":
        issued = certificates_issue(activity=activity, actor=request.user)
        if issued:
            messages.success(
                request,
                ngettext(
                    "%(count)d certificate has been issued.",
                    "%(count)d certificates have been issued.",
                    issued,
                )
                % {"count": issued},
            )
        else:
            messages.info(request, _("No new certificates: everyone who qualifies has one."))
        return redirect("activities:certificates_manage", pk=activity.pk)
    search = request.GET.get("q", "").strip()
    qualifies_filter = request.GET.get("voldoet", "")
    queryset, total, needed = certificate_candidates(
        activity=activity, search=search, qualifies=QUALIFIES.get(qualifies_filter)
    )
    page = paginate(request, queryset)
    return render(
        request,
        "activities/certificates/manage.html",
        {
            "activity": activity,
            "page": page,
            "rows": certificate_rows(
                registrations=list(page.object_list), total=total, needed=needed
            ),
            "total": total,
            "needed": needed,
            "search": search,
            "qualifies_filter": qualifies_filter if qualifies_filter in QUALIFIES else "",
            "filtered": bool(search or qualifies_filter in QUALIFIES),
        },
    )


def verify_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("activities:certificate_verify", args=[certificate.code])


@login_required
def download(request: HttpRequest, code) -> HttpResponse:
    certificate = access_certificate(user=request.user, code=code)
    pdf = certificate_pdf(
        certificate=certificate,
        verify_url=verify_url(certificate),
        language=certificate.person.preferred_language,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificaat-{certificate.code}.pdf"'
    return response


def verify(request: HttpRequest, code) -> HttpResponse:
    """Public: anyone with the code (on the PDF) can check that the certificate is genuine."""
    certificate = certificate_by_code(code=code)
    return render(
        request,
        "activities/certificates/verify.html",
        {"certificate": certificate},
        status=200 if certificate else 404,
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    return render(
        request,
        "activities/certificates/mine.html",
        {
            "page": paginate(request, certificates_of(person=request.user, search=search)),
            "search": search,
            "hours": certificate_hours_of(person=request.user),
        },
    )


urlpatterns = [
    path("activiteit/<int:pk>/certificaten/", manage, name="certificates_manage"),
    path("certificaat/<uuid:code>.pdf", download, name="certificate_pdf"),
    path("certificaat/<uuid:code>/controle/", verify, name="certificate_verify"),
    path("mijn-certificaten/", mine, name="my_certificates"),
]
