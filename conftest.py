"""Shared fixtures for every test: media goes to a temporary folder, Dutch is active."""

import pytest
from django.conf import settings as django_settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Dutch). A request through the test client
    leaves the language of its user active in this thread, which would otherwise leak into the
    next test that calls a service directly."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def client_for(client):
    """Log a person in on the test client: `client_for(person)`."""

    def login(person):
        client.force_login(person)
        return client

    return login
