"""The date poll: pledgers' month and weekday preferences, suggested dates and the results."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.dates import WEEKDAYS as WEEKDAY_NAMES

from ..models import Answer, DatePoll, Pledge, PollAnswer, SchoolHoliday


@dataclass
class OptionResult:
    option: object
    yes: int
    maybe: int
    no: int

    @property
    def score(self) -> tuple[int, int]:
        return (self.yes, self.maybe)


@dataclass
class Preferences:
    """What the active pledgers of a course said about months and weekdays, counted."""

    pledgers: int  # active named pledges (colleagues pledged for state no preferences)
    months: dict[int, int]  # 1..12 -> pledgers who would like that month
    weekdays: dict[int, int]  # 0 (Monday)..6 -> pledgers who would like that day
    with_months: int  # pledgers who named at least one month
    with_weekdays: int

    @property
    def top_months(self) -> list[int]:
        return _top(self.months)

    @property
    def top_weekday(self) -> int | None:
        top = _top(self.weekdays)
        return top[0] if top else None

    @property
    def month_rows(self) -> list[tuple[str, int, bool]]:
        """(month name, count, most chosen) for January to December."""
        top = set(self.top_months)
        return [(MONTH_NAMES[m], self.months[m], m in top) for m in range(1, 13)]

    @property
    def weekday_rows(self) -> list[tuple[str, int, bool]]:
        """(weekday name, count, most chosen) for Monday to Friday, and the weekend if anyone
        chose it."""
        top = self.top_weekday
        return [
            (WEEKDAY_NAMES[d], self.weekdays[d], d == top)
            for d in range(7)
            if d < 5 or self.weekdays[d]
        ]


def _top(counts: dict[int, int]) -> list[int]:
    most = max(counts.values(), default=0)
    return [key for key, n in sorted(counts.items()) if n == most] if most else []


def poll_preferences(*, campaign_course_id: int) -> Preferences:
    """Counts per month and per weekday over the active pledges of the course (one query)."""
    months = dict.fromkeys(range(1, 13), 0)
    weekdays = dict.fromkeys(range(7), 0)
    pledgers = with_months = with_weekdays = 0
    for chosen_months, chosen_days in Pledge.objects.filter(
        campaign_course_id=campaign_course_id, withdrawn_at__isnull=True
    ).values_list("months", "weekdays"):
        pledgers += 1
        with_months += bool(chosen_months)
        with_weekdays += bool(chosen_days)
        for month in set(chosen_months or []):
            if month in months:
                months[month] += 1
        for day in set(chosen_days or []):
            if day in weekdays:
                weekdays[day] += 1
    return Preferences(pledgers, months, weekdays, with_months, with_weekdays)


SUGGESTIONS = 3


SUGGESTION_HORIZON_DAYS = 366


def suggested_dates(
    *, region_id: int, preferences: Preferences, after: date, count: int = SUGGESTIONS
) -> list[date]:
    """Dates for a new date poll: on the weekday most pledgers chose (any working day if nobody
    chose one), in the months most pledgers chose first, then the next most chosen months,
    earliest first within equally liked months; never in the region's school holidays and only
    after `after` (the poll's deadline). Looks a year ahead; one query."""
    end = after + timedelta(days=SUGGESTION_HORIZON_DAYS)
    holidays = list(
        SchoolHoliday.objects.filter(
            region_id=region_id, starts_on__lte=end, ends_on__gt=after
        ).values_list("starts_on", "ends_on")
    )
    weekday = preferences.top_weekday
    candidates = []
    day = after + timedelta(days=1)
    while day <= end:
        on_weekday = day.weekday() == weekday if weekday is not None else day.weekday() < 5
        if on_weekday and not any(first <= day <= last for first, last in holidays):
            candidates.append(day)
        day += timedelta(days=1)
    candidates.sort(key=lambda d: (-preferences.months[d.month], d))
    return sorted(candidates[:count])


def poll_results(*, poll: DatePoll) -> list[OptionResult]:
    options = poll.options.annotate(
        yes=Count("answers", filter=Q(answers__answer=Answer.YES)),
        maybe=Count("answers", filter=Q(answers__answer=Answer.MAYBE)),
        no=Count("answers", filter=Q(answers__answer=Answer.NO)),
    ).order_by("date", "starts_at")
    return [OptionResult(o, o.yes, o.maybe, o.no) for o in options]


def best_option(results: list[OptionResult]) -> OptionResult | None:
    """Most 'yes', then most 'if need be', then the earliest date."""
    answered = [r for r in results if r.yes or r.maybe]
    if not answered:
        return None
    return max(answered, key=lambda r: (r.yes, r.maybe, -r.option.date.toordinal()))


def answers_of(*, poll: DatePoll, person) -> dict[int, str]:
    return dict(
        PollAnswer.objects.filter(option__poll=poll, person=person).values_list(
            "option_id", "answer"
        )
    )


def poll_respondents(*, poll: DatePoll) -> int:
    return PollAnswer.objects.filter(option__poll=poll).values("person").distinct().count()
