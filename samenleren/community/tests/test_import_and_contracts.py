"""`manage.py import_questions` and the selectors other apps read."""

import pytest
from django.core.management import CommandError, call_command

from samenleren.community.models import Question, QuestionStatus
from samenleren.community.selectors import networks_of, open_questions, questions_of
from samenleren.network.tests.factories import OrganisationFactory, RegionFactory

from .factories import MembershipFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_import_writes_every_valid_row(tmp_path):
    region = RegionFactory(slug="zuid-limburg")
    school = OrganisationFactory(region=region, name="Wormdal College")
    path = tmp_path / "vragen.csv"
    path.write_text(
        "text;title;organisation;tags\n"
        "Wie heeft een lasersnijder-cursus?;Lasersnijder;Wormdal College;PIE, machines\n"
        "Hoe organiseren jullie LOB met het mbo?;;;lob\n",
        encoding="utf-8",
    )

    call_command("import_questions", str(path), "--region", "zuid-limburg")

    imported = list(Question.objects.order_by("pk").values_list("title", "organisation", "tags"))
    assert imported == [
        ("Lasersnijder", school.pk, ["PIE", "machines"]),
        ("", None, ["lob"]),
    ]


def test_import_reports_bad_rows_and_writes_nothing(tmp_path, capsys):
    RegionFactory(slug="zuid-limburg")
    path = tmp_path / "vragen.csv"
    path.write_text(
        "text,organisation,tags\nGoede vraag,,\n ,,PIE\nNog een,Onbekende school,bakken\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError):
        call_command("import_questions", str(path), "--region", "zuid-limburg")

    problems = capsys.readouterr().err.strip().splitlines()
    assert [line.split(":")[0] for line in problems] == [line.split(":")[0] for line in problems]
    assert len(problems) == 3
    assert Question.objects.count() == 0


def test_import_needs_a_text_column(tmp_path):
    RegionFactory(slug="zuid-limburg")
    path = tmp_path / "vragen.csv"
    path.write_text("titel\nIets\n", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("import_questions", str(path), "--region", "zuid-limburg")
    assert Question.objects.count() == 0


def test_open_questions_are_new_or_in_progress_and_not_hidden():
    region = RegionFactory()
    school = OrganisationFactory(region=region)
    new = QuestionFactory(region=region, organisation=school)
    busy = QuestionFactory(region=region, status=QuestionStatus.IN_PROGRESS)
    QuestionFactory(region=region, status=QuestionStatus.ANSWERED)
    QuestionFactory(region=region, hidden_at="2025-01-01T10:00:00+01:00")

    assert sorted(q.pk for q in open_questions(region=region)) == sorted([new.pk, busy.pk])
    assert [q.pk for q in open_questions(region=region, organisation=school)] == [new.pk]


def test_questions_of_and_networks_of_a_person():
    question = QuestionFactory()
    membership = MembershipFactory(person=question.author)

    assert list(questions_of(person=question.author)) == [question]
    assert [(n.name, n.url) for n in networks_of(person=question.author)] == [
        (membership.network.name, membership.network.get_absolute_url())
    ]
