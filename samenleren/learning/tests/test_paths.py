"""Learning paths made by coordinators: modules in order, publish, the path's badge."""

import pytest
from django.urls import reverse

from samenleren.learning.models import BadgeClass, LearningPath, PathItem
from samenleren.network.tests.factories import RegionFactory, coordinator_of

from .factories import LearningPathFactory, ModuleFactory, PathItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def coordinator(client, region, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    person = coordinator_of(region, preferred_language="en")
    client.force_login(person)
    return person


def order(path):
    return list(
        PathItem.objects.filter(path=path)
        .order_by("position")
        .values_list("module__title", flat=True)
    )


def test_a_coordinator_makes_a_path_adds_modules_orders_and_publishes_it(
    client, coordinator, region
):
    one, two = (
        ModuleFactory(region=region, title="Lasersnijden"),
        ModuleFactory(region=region, title="CNC"),
    )

    created = client.post(
        reverse("learning:manage_paths"),
        {"title": "Startbekwaam in het TechLab", "summary": "Veilig starten."},
    )
    path = LearningPath.objects.get()
    client.post(reverse("learning:manage_path_add", args=[path.pk]), {"module": one.pk})
    client.post(reverse("learning:manage_path_add", args=[path.pk]), {"module": two.pk})
    second = PathItem.objects.get(module=two)
    client.post(reverse("learning:manage_path_item", args=[path.pk, second.pk]), {"actie": "up"})
    client.post(reverse("learning:manage_path_publish", args=[path.pk]), {"publiceer": "1"})

    path.refresh_from_db()
    assert created.url == reverse("learning:manage_path", args=[path.pk])
    assert (path.region, path.slug, path.is_published) == (
        region,
        "startbekwaam-in-het-techlab",
        True,
    )
    assert order(path) == ["CNC", "Lasersnijden"]
    assert BadgeClass.objects.get(path=path).name == "Startbekwaam in het TechLab"


def test_a_module_is_in_a_path_once_and_must_be_of_the_region(client, coordinator, region):
    path = LearningPathFactory(region=region)
    mine, foreign = ModuleFactory(region=region), ModuleFactory()
    PathItemFactory(path=path, module=mine)

    twice = client.post(reverse("learning:manage_path_add", args=[path.pk]), {"module": mine.pk})
    elsewhere = client.post(
        reverse("learning:manage_path_add", args=[path.pk]), {"module": foreign.pk}
    )

    assert (twice.status_code, elsewhere.status_code) == (400, 400)
    assert PathItem.objects.filter(path=path).count() == 1


def test_a_path_needs_two_published_modules_to_be_published(client, coordinator, region):
    path = LearningPathFactory(region=region, is_published=False)
    PathItemFactory(path=path, module=ModuleFactory(region=region))
    PathItemFactory(
        path=path, module=ModuleFactory(region=region, is_published=False, published_at=None)
    )

    response = client.post(
        reverse("learning:manage_path_publish", args=[path.pk]), {"publiceer": "1"}, follow=True
    )

    assert "Publish every module of the learning path first." in response.content.decode()
    path.refresh_from_db()
    assert path.is_published is False


def test_taking_a_module_out_renumbers_the_rest(client, coordinator, region):
    path = LearningPathFactory(region=region)
    first, middle, last = (
        PathItemFactory(path=path, module=ModuleFactory(region=region, title=t)) for t in "ABC"
    )

    client.post(
        reverse("learning:manage_path_item", args=[path.pk, middle.pk]), {"actie": "verwijder"}
    )

    assert list(
        PathItem.objects.filter(path=path)
        .order_by("position")
        .values_list("position", "module__title")
    ) == [
        (1, "A"),
        (2, "C"),
    ]
    assert (first.pk, last.pk) != (None, None)


def test_a_coordinator_of_another_region_cannot_edit_the_path(client, region, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    path = LearningPathFactory(region=region)
    client.force_login(coordinator_of(RegionFactory()))

    assert client.get(reverse("learning:manage_path", args=[path.pk])).status_code == 403
