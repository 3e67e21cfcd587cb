"""Words from django-allauth's templates that our Dutch catalogue overrides.

allauth's Dutch calls logging in "Aanmelden", which in Samen Leren means registering for an
activity. Listing the msgids here lets makemessages keep our translations ("Inloggen",
"Registreren") in locale/nl, which Django prefers over allauth's own catalogue.
"""

from django.utils.translation import gettext_noop

TERMS = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Up"),
    gettext_noop("Signup"),
    gettext_noop("Sign Out"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Other sign-in options"),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
]
