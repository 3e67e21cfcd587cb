"""The contract other apps read, the catalogue search and filters, and the rows."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from samenleren.accounts.tests.factories import UserFactory
from samenleren.core.text import analyse
from samenleren.learning.selectors import (
    CatalogueFilters,
    badges_of,
    catalogue_modules,
    catalogue_rows,
    completions_matching,
    completions_of,
    learning_hours_by_person,
    learning_hours_of,
    learning_hours_total,
    modules_in_progress,
    recommendations_for,
)
from samenleren.learning.services.progress import lesson_complete
from samenleren.network.models import Profile
from samenleren.network.tests.factories import AffiliationFactory, OrganisationFactory

from .factories import (
    ModuleFactory,
    ModuleProgressFactory,
    SavedModuleFactory,
    ThemeFactory,
    completed,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
START, END = date(2026, 1, 1), date(2026, 12, 31)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 20, 0, tzinfo=AMS)


def test_learning_hours_count_modules_completed_in_the_period():
    person = UserFactory()
    completed(person, ModuleFactory(study_hours=Decimal("1.50")), at=at(date(2026, 3, 1)))
    completed(person, ModuleFactory(study_hours=Decimal("2.00")), at=at(date(2026, 12, 31)))
    completed(person, ModuleFactory(study_hours=Decimal("4.00")), at=at(date(2025, 12, 31)))
    ModuleProgressFactory(person=person, percent=80)

    assert learning_hours_of(person=person, start=START, end=END) == Decimal("3.50")


def test_learning_hours_by_person_is_one_query(django_assert_num_queries):
    one, two, three = UserFactory(), UserFactory(), UserFactory()
    completed(one, ModuleFactory(study_hours=Decimal("1.00")), at=at(date(2026, 5, 1)))
    completed(one, ModuleFactory(study_hours=Decimal("0.50")), at=at(date(2026, 5, 2)))
    completed(two, ModuleFactory(study_hours=Decimal("2.00")), at=at(date(2026, 5, 3)))

    with django_assert_num_queries(1):
        hours = learning_hours_by_person(people=[one, two, three], start=START, end=END)

    assert hours == {one.pk: Decimal("1.50"), two.pk: Decimal("2.00")}
    assert learning_hours_total(people=[one, two, three], start=START, end=END) == Decimal("3.50")
    assert learning_hours_total(people=[three], start=START, end=END) == Decimal("0")


def test_hours_keep_the_value_awarded_at_completion():
    person = UserFactory()
    module = ModuleFactory(lessons=1, study_hours=Decimal("2.00"))
    lesson_complete(person=person, lesson=module.lessons.get())
    module.study_hours = Decimal("9.00")
    module.save()

    assert completions_of(person=person).get().study_hours == Decimal("2.00")


def test_modules_in_progress_badges_and_completions_have_the_agreed_attributes():
    person = UserFactory()
    started = ModuleFactory(title="Domotica in de klas", lessons=3)
    done = ModuleFactory(title="Veilig lassen", lessons=1)
    lesson_complete(person=person, lesson=started.lessons.first())
    lesson_complete(person=person, lesson=done.lessons.get())

    [in_progress] = modules_in_progress(person=person)
    [badge] = badges_of(person=person)
    [completion] = completions_of(person=person)

    assert (in_progress.module.title, in_progress.percent, in_progress.url) == (
        "Domotica in de klas",
        33,
        f"/leren/module/{started.pk}/verder/",
    )
    assert (badge.title, badge.revoked, badge.url) == (
        "Veilig lassen",
        False,
        f"/leren/badge/{badge.uuid}/",
    )
    assert badge.issued_on is not None
    assert (completion.title, completion.study_hours) == ("Veilig lassen", Decimal("1.50"))


def test_completions_matching_finds_people_by_the_stems_of_the_module():
    welder, teacher = UserFactory(), UserFactory()
    completed(welder, ModuleFactory(title="Veilig lassen met MIG/MAG"))
    completed(teacher, ModuleFactory(title="Omgaan met korte lontjes"))
    ModuleProgressFactory(
        person=UserFactory(), module=ModuleFactory(title="Lassen voor gevorderden")
    )

    found = completions_matching(terms=analyse("lassen"))

    assert found == [(welder.pk, "Veilig lassen met MIG/MAG")]
    assert completions_matching(terms=[]) == []


def test_search_finds_dutch_word_forms_and_filters_combine():
    pie = Profile.objects.get_or_create(code="PIE")[0]
    laser = ThemeFactory(name="Lasersnijden", slug="lasersnijden")
    short = ModuleFactory(
        title="Trainingen lasersnijden", duration_minutes=20, profiles=[pie], themes=[laser]
    )
    ModuleFactory(title="Training lasersnijden voor gevorderden", duration_minutes=200)
    ModuleFactory(title="Klassenmanagement", duration_minutes=20, profiles=[pie])
    ModuleFactory(title="Lasersnijden (concept)", is_published=False, published_at=None)
    person = UserFactory()

    def titles(**filters):
        return [
            m.title for m in catalogue_modules(user=person, filters=CatalogueFilters(**filters))
        ]

    assert titles(search="training lasersnijden") == [
        "Training lasersnijden voor gevorderden",
        "Trainingen lasersnijden",
    ]
    assert titles(search="lasersnijden", duration="kort") == [short.title]
    assert titles(profile="PIE", theme="lasersnijden") == [short.title]
    assert titles(search="bestaatniet") == []


def test_a_new_person_gets_the_profiles_of_their_school_and_what_is_popular_in_the_region():
    school = OrganisationFactory()
    school.profiles.set([Profile.objects.get_or_create(code="BWI")[0]])
    newcomer = AffiliationFactory(organisation=school).person
    for_bwi = ModuleFactory(title="Maatvoering", profiles=[Profile.objects.get(code="BWI")])
    popular = ModuleFactory(title="Populair")
    elsewhere = AffiliationFactory(organisation=OrganisationFactory(region=school.region)).person
    ModuleProgressFactory(person=elsewhere, module=popular)

    rows = {
        row.key: (row.title, [c.module.title for c in row.cards])
        for row in catalogue_rows(user=newcomer)
    }

    assert list(rows) == ["new", "profile", "region", "saved"]
    assert rows["profile"] == ("For the profiles of your school", [for_bwi.title])
    assert rows["region"] == ("Popular in the region", [popular.title])
    assert rows["saved"][1] == []


def test_every_row_is_filled_for_a_person_with_a_history():
    school = OrganisationFactory()
    pie = Profile.objects.get_or_create(code="PIE")[0]
    person = AffiliationFactory(organisation=school).person
    person.affiliations.get().profiles.set([pie])
    colleague = AffiliationFactory(organisation=school).person
    done, going, saved, similar = (ModuleFactory(lessons=1, profiles=[pie]) for _ in range(4))
    completed(person, done)
    ModuleProgressFactory(person=person, module=going, percent=50)
    SavedModuleFactory(person=person, module=saved)
    completed(colleague, done)
    completed(colleague, similar)

    rows = {row.key: [c.module for c in row.cards] for row in catalogue_rows(user=person)}

    assert list(rows) == ["continue", "new", "profile", "school", "because", "saved"]
    assert rows["continue"] == [going]
    assert rows["saved"] == [saved]
    assert rows["school"] == [similar]
    assert rows["because"][0] == similar


def test_the_rows_take_the_same_number_of_queries_however_much_data(django_assert_max_num_queries):
    school = OrganisationFactory()
    person = AffiliationFactory(organisation=school).person
    for _ in range(3):
        module = ModuleFactory()
        completed(person, module)
        completed(AffiliationFactory(organisation=school).person, module)
        SavedModuleFactory(person=person, module=ModuleFactory())
    catalogue_rows(user=person)  # warms the recommender cache

    with django_assert_max_num_queries(16):
        catalogue_rows(user=person)


def test_recommendations_carry_a_reason():
    person = UserFactory()
    first, second = (
        ModuleFactory(title="Lasersnijden basis"),
        ModuleFactory(title="Lasersnijden gevorderd"),
    )
    for other in (UserFactory(), UserFactory()):
        completed(other, first)
        completed(other, second)
    completed(person, first)

    [top, *_rest] = recommendations_for(user=person)

    assert (top.module, top.reason, top.reason_kind) == (
        second,
        "Because you did Lasersnijden basis",
        "because",
    )
