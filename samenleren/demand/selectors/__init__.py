"""Reads of the interest campaigns, split by sub-domain: `access` (the access_* checks), `lists`
(campaigns, courses, school holidays), `progress` (campaign and course progress, tipping counts,
Mijn Samen Leren), `venue` (venue ranking, travel saved), `polls` (the date poll) and `summary`
(the contract selectors insights reads). Other apps import from here: `from
samenleren.demand.selectors import demand_summary`."""

from .access import access_campaign_public, access_own_pledge
from .lists import campaign_list
from .progress import campaign_progress, campaign_totals
from .summary import demand_summary, pledges_of

__all__ = [
    "access_campaign_public",
    "access_own_pledge",
    "campaign_list",
    "campaign_progress",
    "campaign_totals",
    "demand_summary",
    "pledges_of",
]
