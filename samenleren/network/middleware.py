from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .selectors import requires_mfa


class RequireMfaForStaffRolesMiddleware:
    """Coordinators and superusers set up two-factor authentication before they go on.

    The account pages (to set it up or log out), static files and the API stay reachable.
    """

    allowed_prefixes = ("/accounts/", "/static/", "/taal/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(self.allowed_prefixes)
            and requires_mfa(user)
            and not _has_totp(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
