"""Finding things the way a person does: by what the interface says.

Names come from the same gettext catalogues the live server uses, so the tests stay exact
while the Dutch catalogue grows: before a msgid is translated the Dutch page shows the
English source string, and so does `nl()`.
"""

import re

from django.utils import translation
from playwright.sync_api import Locator, Page

# The password every journey uses; UserFactory sets the same one.
PASSWORD = "geheim-wachtwoord-123"


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def nl_plural(singular: str, plural: str, count: int) -> str:
    with translation.override("nl"):
        return translation.ngettext(singular, plural, count)


def en(msgid: str) -> str:
    with translation.override("en"):
        return translation.gettext(msgid)


def field(page: Page, label: str) -> Locator:
    """The form control labelled `label`. Playwright matches a label's whole text, and a
    required field's label ends in a visual "*" (hidden from screen readers), so allow it."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}(\s*\*)?$"))
