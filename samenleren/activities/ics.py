"""iCalendar files: one activity, a person's own registrations, a region's public calendar."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from .models import Session


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Samen Leren//Opleidingskalender//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(session: Session, *, with_link: bool) -> Event:
    activity = session.activity
    event = Event()
    event.add("uid", f"session-{session.pk}@samenleren")
    event.add("summary", activity.title)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("dtstamp", activity.updated_at)
    url = settings.SITE_URL + reverse("activities:detail", args=[activity.pk])
    event.add("url", url)
    place = session.address or (str(session.venue) if session.venue else "")
    if session.online_url and with_link:
        place = f"{place} {session.online_url}".strip()
    if place:
        event.add("location", place)
    event.add("description", f"{activity.summary}\n{url}".strip())
    if activity.is_cancelled:
        event.add("status", "CANCELLED")
    return event


def sessions_calendar(name: str, sessions: Iterable[Session], *, with_links: bool) -> bytes:
    """An .ics of these sessions. Online links only go into calendars of registered people."""
    calendar = _calendar(name)
    for session in sessions:
        calendar.add_component(_event(session, with_link=with_links))
    return calendar.to_ical()
