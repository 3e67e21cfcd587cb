from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST


def home(request: HttpRequest) -> HttpResponse:
    """'Mijn Samen Leren' for a signed-in person; a welcome page for everyone else."""
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    sections = []
    for dotted in settings.HOME_SECTIONS:
        sections.extend(import_string(dotted)(request))
    sections.sort(key=lambda section: section.order)
    return render(request, "core/home.html", {"sections": sections})


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Switch language; a signed-in person's profile remembers it."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
        if request.user.is_authenticated:
            request.user.preferred_language = language
            request.user.save(update_fields=["preferred_language"])
    return response


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
