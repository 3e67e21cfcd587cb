"""Where a course could run: venue ranking by travel time and the travel time and cost saved."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from samenleren.network.models import Equipment, Organisation
from samenleren.network.travel import trip

from ..models import CampaignCourse, ExternalCourse

VENUE_CHOICES = 3


HOURS = Decimal("0.1")


@dataclass
class Origin:
    """Where pledgers travel from: one organisation and how many people."""

    organisation: Organisation
    people: int
    # The most travel minutes (one way) each pledger from here said they accept; people who
    # stated no maximum (and colleagues pledged for by their school contact) are not listed.
    limits: list[int] = field(default_factory=list)


@dataclass
class VenueOption:
    organisation: Organisation
    total_minutes: int  # one way, all pledgers together
    people: int
    too_far: int = 0  # pledgers whose stated maximum travel time is shorter than the trip


@dataclass(frozen=True)
class TravelSaving:
    venue: Organisation | None
    people: int  # pledgers whose school has coordinates
    round_trips: int  # people times course days
    central_hours: Decimal
    venue_hours: Decimal
    cost_saved: Decimal

    @property
    def hours_saved(self) -> Decimal:
        return (self.central_hours - self.venue_hours).quantize(HOURS)


NO_SAVING = TravelSaving(None, 0, 0, Decimal("0"), Decimal("0"), Decimal("0"))


def _equipment_by_organisation(region_id: int) -> dict[int, set[str]]:
    kinds: dict[int, set[str]] = defaultdict(set)
    for organisation_id, kind in Equipment.objects.filter(
        lab__organisation__region_id=region_id
    ).values_list("lab__organisation_id", "kind"):
        kinds[organisation_id].add(kind)
    return kinds


def _round_trip_totals(
    origins: list[Origin], destination: tuple[float, float], days: int
) -> tuple[Decimal, Decimal]:
    hours, cost = Decimal("0"), Decimal("0")
    for origin in origins:
        leg = trip(origin.organisation.coordinates, destination)
        hours += Decimal(str(leg.round_trip_hours)) * origin.people * days
        cost += leg.round_trip_cost * origin.people * days
    return hours, cost


def _venue_options(
    origins: list[Origin], course: ExternalCourse, candidates: list[Organisation], equipment
) -> list[VenueOption]:
    """Candidates with all the required equipment, ranked first by how many pledgers would travel
    longer than they said they accept, then by the total travel time of all pledgers."""
    required = set(course.equipment)
    options = []
    people = sum(o.people for o in origins)
    for venue in candidates:
        if not required <= equipment.get(venue.pk, set()):
            continue
        minutes = 0.0
        too_far = 0
        for origin in origins:
            leg = trip(origin.organisation.coordinates, venue.coordinates).minutes
            minutes += leg * origin.people
            too_far += sum(1 for limit in origin.limits if round(leg) > limit)
        options.append(VenueOption(venue, round(minutes), people, too_far))
    options.sort(
        key=lambda option: (option.too_far, option.total_minutes, option.organisation.name)
    )
    return options


def _saving(
    origins: list[Origin], course: ExternalCourse, venue: Organisation | None
) -> TravelSaving:
    if venue is None or not origins:
        return TravelSaving(venue, 0, 0, Decimal("0"), Decimal("0"), Decimal("0"))
    central_hours, central_cost = _round_trip_totals(origins, course.coordinates, course.days)
    venue_hours, venue_cost = _round_trip_totals(origins, venue.coordinates, course.days)
    people = sum(o.people for o in origins)
    return TravelSaving(
        venue=venue,
        people=people,
        round_trips=people * course.days,
        central_hours=central_hours.quantize(HOURS),
        venue_hours=venue_hours.quantize(HOURS),
        cost_saved=(central_cost - venue_cost).quantize(Decimal("0.01")),
    )


def _with_coordinates(organisation: Organisation) -> Organisation:
    organisation.coordinates = (
        (float(organisation.latitude), float(organisation.longitude))
        if organisation.latitude is not None and organisation.longitude is not None
        else None
    )
    return organisation


def _activity_venue(cc: CampaignCourse, organisations: dict) -> Organisation | None:
    """Once converted, the saving is counted for the venue the course actually runs at."""
    if cc.activity is None:
        return None
    session = cc.activity.sessions.filter(venue__isnull=False).first()
    return organisations.get(session.venue_id) if session else None
