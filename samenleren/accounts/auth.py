def axes_username(request, credentials: dict | None) -> str | None:
    """The login name axes counts failures against: allauth logs in with an e-mail address."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if not value and request is not None:
        value = request.POST.get("login")
    return value.strip().lower() if value else None
