"""Insights reads the other capabilities only through their contract selectors. Most tests run
without them (as when an app is not there yet), so their figures are exactly what the calendar
and the network give; tests of the wiring pass their own stand-ins with `contracts_from`."""

import pytest

from samenleren.insights.selectors import contracts


@pytest.fixture(autouse=True)
def _without_other_apps(monkeypatch):
    monkeypatch.setattr(contracts, "contract", lambda app, name: None)


@pytest.fixture
def contracts_from(monkeypatch):
    """`contracts_from({("learning", "badges_of"): fake, ...})`: only these exist."""

    def install(selectors: dict):
        monkeypatch.setattr(contracts, "contract", lambda app, name: selectors.get((app, name)))

    return install


@pytest.fixture
def real_contracts(monkeypatch):
    """The other apps' real selectors, as far as they exist."""
    monkeypatch.setattr(contracts, "contract", contracts.find)
