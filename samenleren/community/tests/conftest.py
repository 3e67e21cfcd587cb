import pytest
from django.core.cache import cache

from samenleren.community.matching import matcher_reset


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests


@pytest.fixture(autouse=True)
def _fresh_matching_and_cache():
    """The matcher's in-process index and the rate-limit counters start empty in every test
    (database rows are rolled back between tests; the index in memory is not)."""
    matcher_reset()
    cache.clear()
    yield
    matcher_reset()
