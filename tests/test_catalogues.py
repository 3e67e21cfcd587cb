"""The Dutch catalogues: the project's (locale/) and each capability's (samenleren/<app>/locale/).

Django merges them at run time, the project's first, then the apps in INSTALLED_APPS order, so
one English text translated two ways would show whichever catalogue comes first. These tests
keep the catalogues complete and in agreement.
"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

BASE = Path(__file__).resolve().parent.parent
CATALOGUES = [
    BASE / "locale/nl/LC_MESSAGES/django.po",
    *sorted(BASE.glob("samenleren/*/locale/nl/LC_MESSAGES/django.po")),
]


def _messages(path: Path):
    with path.open("rb") as handle:
        return [m for m in read_po(handle, locale="nl") if m.id]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(BASE)))
def test_every_text_has_a_dutch_translation(path):
    missing = [
        m.id
        for m in _messages(path)
        if m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string))
    ]

    assert missing == []


def test_the_same_text_is_translated_the_same_way_everywhere():
    translations: dict[tuple, dict[str, str]] = {}
    for path in CATALOGUES:
        for m in _messages(path):
            key = (str(m.id), m.context)
            translations.setdefault(key, {})[str(path.relative_to(BASE))] = str(m.string)
    disagreements = {k: v for k, v in translations.items() if len(set(v.values())) > 1}

    assert disagreements == {}
