"""Every API error is JSON: {"detail": "<readable message>", "errors": [...] where useful}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError


def _field_name(loc: list) -> str:
    parts = [str(part) for part in loc if part not in {"body", "query", "path", "payload"}]
    return ".".join(parts)


def _message(error: dict) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith(("int_", "float_", "decimal_")):
        return _("Enter a number.")
    if kind.startswith(("date", "datetime", "time")):
        return _("Enter a date as YYYY-MM-DD (or a date and time as YYYY-MM-DDTHH:MM).")
    if kind.startswith("string_too_long"):
        return _("This text is too long.")
    if kind.startswith("string_too_short"):
        return _("This text is too short.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("This number is too small.")
    if kind in {"less_than_equal", "less_than"}:
        return _("This number is too large.")
    if kind in {"enum", "literal_error"}:
        return _("This value is not one of the allowed choices.")
    return _("This value is not valid.")


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError):
        errors = [
            {"field": _field_name(e.get("loc", [])), "message": _message(e)} for e in exc.errors
        ]
        return api.create_response(
            request,
            {
                "detail": _("The request is not valid. See 'errors' for what to correct."),
                "errors": errors,
            },
            status=422,
        )

    @api.exception_handler(DjangoValidationError)
    def django_validation_error(request: HttpRequest, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": str(message)}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "", "message": str(message)} for message in exc.messages]
        return api.create_response(
            request, {"detail": errors[0]["message"], "errors": errors}, status=400
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(
            request,
            {
                "detail": _(
                    "Not signed in, or the token is unknown or revoked. Send "
                    "'Authorization: Bearer <token>' with a token from your profile."
                )
            },
            status=401,
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        message = str(exc)
        if message.startswith("Cannot parse request body"):
            message = _("The request body is not valid JSON.")
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied):
        return api.create_response(
            request, {"detail": _("You are not allowed to do this.")}, status=403
        )
