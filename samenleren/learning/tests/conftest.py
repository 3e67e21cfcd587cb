import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages built outside a request (services, selectors) in English, so the assertions
    read the msgids whatever language an earlier test left active. Pages follow the person's
    language (the view tests sign in English-speaking people)."""
    with translation.override("en"):
        yield
