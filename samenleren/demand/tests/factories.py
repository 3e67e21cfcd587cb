from datetime import time, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from samenleren.accounts.tests.factories import UserFactory
from samenleren.demand.models import (
    Campaign,
    CampaignCourse,
    DatePoll,
    ExternalCourse,
    Pledge,
    PollOption,
    SchoolHoliday,
    UnnamedPledge,
)
from samenleren.network.tests.factories import OrganisationFactory, RegionFactory

UTRECHT = (Decimal("52.09083"), Decimal("5.12222"))


class ExternalCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalCourse
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"CNC-frezen deel {n}")
    provider = "Vakwerk Bijscholing"
    days = 1
    hours = Decimal("6")
    location_name = "Utrecht"
    latitude = UTRECHT[0]
    longitude = UTRECHT[1]
    price = Decimal("395")
    min_participants = 3
    equipment = factory.LazyFunction(list)


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Peiling {n}")
    audience = "Docenten techniek"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class CampaignCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignCourse

    campaign = factory.SubFactory(CampaignFactory)
    course = factory.SubFactory(
        ExternalCourseFactory, region=factory.SelfAttribute("..campaign.region")
    )


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    person = factory.SubFactory(UserFactory)
    campaign_course = factory.SubFactory(CampaignCourseFactory)
    organisation = None


class UnnamedPledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnnamedPledge

    campaign_course = factory.SubFactory(CampaignCourseFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    count = 2


class SchoolHolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolHoliday

    region = factory.SubFactory(RegionFactory)
    name = "Kerstvakantie"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=40))
    ends_on = factory.LazyAttribute(lambda h: h.starts_on + timedelta(days=13))


class DatePollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DatePoll

    campaign_course = factory.SubFactory(CampaignCourseFactory)
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class PollOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollOption

    poll = factory.SubFactory(DatePollFactory)
    date = factory.Sequence(lambda n: timezone.localdate() + timedelta(days=20 + n))
    starts_at = time(13, 0)
    ends_at = time(17, 0)
