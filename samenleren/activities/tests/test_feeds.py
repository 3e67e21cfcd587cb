"""Calendar files and feeds: one activity, the personal feed with its secret URL, a region."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from samenleren.accounts.tests.factories import UserFactory
from samenleren.accounts.tokens import token_hash
from samenleren.activities.models import ActivityStatus, CalendarFeed, RegistrationStatus
from samenleren.activities.services.feeds import calendar_feed_create, calendar_feed_revoke
from samenleren.activities.tests.factories import (
    ActivityFactory,
    RegistrationFactory,
    SessionFactory,
)
from samenleren.network.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LINK = "https://meet.example/geheim"


def at(day: int, hour: int = 14) -> datetime:
    return datetime(2027, 1, day, hour, tzinfo=AMSTERDAM)


def events(response) -> list[tuple[str, datetime, str]]:
    """(SUMMARY, DTSTART, LOCATION) of every VEVENT in the response."""
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return [
        (str(e["SUMMARY"]), e.decoded("DTSTART"), str(e.get("LOCATION", "")))
        for e in calendar.walk("VEVENT")
    ]


def online_activity(title: str, **kwargs):
    activity = ActivityFactory(title=title, sessions=0, **kwargs)
    SessionFactory(activity=activity, starts_at=at(12), address="", online_url=LINK)
    return activity


def test_the_feed_token_is_stored_hashed_and_a_new_one_replaces_the_old():
    person = UserFactory()

    first = calendar_feed_create(person=person)
    second = calendar_feed_create(person=person)

    feed = CalendarFeed.objects.get(person=person)
    assert feed.key_hash == token_hash(second)
    assert first != second
    assert CalendarFeed.objects.filter(key_hash=token_hash(first)).exists() is False


def test_revoking_the_feed():
    person = UserFactory()
    calendar_feed_create(person=person)

    assert calendar_feed_revoke(person=person) is True
    assert calendar_feed_revoke(person=person) is False
    assert CalendarFeed.objects.count() == 0


def test_the_personal_feed_has_the_sessions_with_a_place_and_their_online_links(client):
    person = UserFactory()
    mine = online_activity("Online workshop PIE")
    RegistrationFactory(activity=mine, person=person)
    series = ActivityFactory(title="Korte lontjes", sessions=0)
    SessionFactory(activity=series, starts_at=at(5))
    SessionFactory(activity=series, starts_at=at(19))
    RegistrationFactory(activity=series, person=person)
    waiting = online_activity("Vol")
    RegistrationFactory(activity=waiting, person=person, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(activity=online_activity("Van een ander"))
    token = calendar_feed_create(person=person)

    response = client.get(reverse("activities:personal_feed", args=[token]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert events(response) == [
        ("Korte lontjes", at(5), "Techniekweg 1, Heerlen"),
        ("Online workshop PIE", at(12), LINK),
        ("Korte lontjes", at(19), "Techniekweg 1, Heerlen"),
    ]


def test_an_unknown_or_revoked_feed_token_is_not_found(client):
    person = UserFactory()
    old = calendar_feed_create(person=person)
    new = calendar_feed_create(person=person)

    assert client.get(reverse("activities:personal_feed", args=[old])).status_code == 404
    assert client.get(reverse("activities:personal_feed", args=["raden"])).status_code == 404
    calendar_feed_revoke(person=person)
    assert client.get(reverse("activities:personal_feed", args=[new])).status_code == 404


def test_the_region_feed_is_public_without_online_links(client):
    region = RegionFactory(slug="zuid-limburg")
    online_activity("Online workshop", region=region)
    cancelled = ActivityFactory(
        title="Afgelast", region=region, status=ActivityStatus.CANCELLED, sessions=0
    )
    SessionFactory(activity=cancelled, starts_at=at(20))
    online_activity("Concept", region=region, status=ActivityStatus.DRAFT)
    online_activity("Andere regio")

    response = client.get(reverse("activities:region_feed", args=["zuid-limburg"]))

    assert events(response) == [
        ("Online workshop", at(12), ""),
        ("Afgelast", at(20), "Techniekweg 1, Heerlen"),
    ]
    calendar = Calendar.from_ical(response.content)
    assert [str(e.get("STATUS", "")) for e in calendar.walk("VEVENT")] == ["", "CANCELLED"]
    assert client.get(reverse("activities:region_feed", args=["onbekend"])).status_code == 404


def test_the_activity_file_has_the_online_link_only_for_people_with_a_place(client):
    activity = online_activity("Online workshop")
    holder = RegistrationFactory(activity=activity).person
    url = reverse("activities:ics", args=[activity.pk])

    anonymous = client.get(url)
    client.force_login(holder)
    registered = client.get(url)

    assert events(anonymous) == [("Online workshop", at(12), "")]
    assert events(registered) == [("Online workshop", at(12), LINK)]


def test_the_activity_file_of_a_draft_is_not_found(client):
    draft = ActivityFactory(status=ActivityStatus.DRAFT)

    assert client.get(reverse("activities:ics", args=[draft.pk])).status_code == 404


def test_my_registrations_shows_a_new_feed_link_once(client):
    person = UserFactory(preferred_language="en")
    client.force_login(person)

    created = client.post(reverse("activities:feed_create"))
    later = client.get(reverse("activities:mine"))

    url = created.context["new_feed_url"]
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert url == "http://testserver" + reverse("activities:personal_feed", args=[token])
    assert CalendarFeed.objects.get(person=person).key_hash == token_hash(token)
    assert url in created.content.decode()
    assert url not in later.content.decode()
    assert "Your calendar feed is on." in later.content.decode()


def test_switching_the_feed_off_from_my_registrations(client):
    person = UserFactory(preferred_language="en")
    calendar_feed_create(person=person)
    client.force_login(person)

    response = client.post(reverse("activities:feed_revoke"), follow=True)

    assert CalendarFeed.objects.count() == 0
    assert "Your calendar feed has been switched off; the link no longer works." in (
        response.content.decode()
    )
    assert "Make my calendar link" in response.content.decode()
