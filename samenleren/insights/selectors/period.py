"""The filter every figure is computed for: a region, a period, optionally a subregion, an
activity kind, or one school (the school contact's view)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from samenleren.network.models import Organisation, Region, Subregion


def school_year_of(day: date) -> int:
    """The year in which the school year containing `day` starts (1 August - 31 July)."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_bounds(year: int) -> tuple[date, date]:
    return date(year, 8, 1), date(year + 1, 7, 31)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass(frozen=True)
class ReportFilter:
    region: Region
    start: date
    end: date  # inclusive
    subregion: Subregion | None = None
    kind: str = ""
    organisation: Organisation | None = None
    today: date = field(default_factory=timezone.localdate)
    # Figures several blocks share (the reach total), computed once for this filter object. Not
    # copied by dataclasses.replace (init=False), so a narrowed filter starts empty.
    memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def school_year(cls, *, region: Region, day: date | None = None, **kwargs) -> "ReportFilter":
        start, end = school_year_bounds(school_year_of(day or timezone.localdate()))
        return cls(region=region, start=start, end=end, **kwargs)

    @property
    def start_at(self) -> datetime:
        return _start_of(self.start)

    @property
    def end_at(self) -> datetime:
        """The first moment after the period (exclusive bound)."""
        return _start_of(self.end + timedelta(days=1))

    @property
    def school_year_start(self) -> int:
        return school_year_of(self.start)

    def describe(self) -> dict:
        """For the audit log and the files' metadata."""
        return {
            "region": self.region.slug,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "subregion": self.subregion.name if self.subregion else "",
            "kind": self.kind,
            "organisation": self.organisation.pk if self.organisation else None,
        }
