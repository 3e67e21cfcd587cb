"""Shared fixtures for every test: mail is captured, media goes to a temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def client_for(client):
    """Log a person in on the test client: `client_for(person)`."""

    def login(person):
        client.force_login(person)
        return client

    return login
