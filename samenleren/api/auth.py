from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from samenleren.accounts.selectors import user_by_api_token


class BearerToken(HttpBearer):
    """`Authorization: Bearer TOKEN` with a personal token from the profile page."""

    def authenticate(self, request: HttpRequest, token: str):
        user = user_by_api_token(raw=token)
        if user is not None:
            request.user = user
        return user


# The browser's own session works too (with CSRF), so pages can call the API with htmx.
API_AUTH = [BearerToken(), SessionAuth()]
