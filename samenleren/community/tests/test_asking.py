"""Asking a question: the form, similar questions while typing, 'ik ook', visibility and bad
input (empty, huge, script, unknown tags, too fast)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from samenleren.community.models import MeToo, Question, QuestionStatus, Visibility
from samenleren.community.services.questions import question_create, question_metoo
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return RegionFactory()


@pytest.fixture
def teacher(region):
    return AffiliationFactory(organisation=OrganisationFactory(region=region)).person


def test_asking_on_the_page_puts_the_question_on_the_board(client, region, teacher):
    client.force_login(teacher)
    response = client.post(
        reverse("community:ask"),
        {
            "text": "Welk lesmateriaal gebruiken jullie voor PIE?",
            "title": "",
            "profiles": ["PIE"],
            "themes": ["lesmateriaal"],
            "visibility": Visibility.REGION,
        },
    )

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert (question.region, question.author, question.tags) == (
        region,
        teacher,
        ["PIE", "lesmateriaal"],
    )
    assert question.organisation == teacher.affiliations.get().organisation
    assert question.status == QuestionStatus.NEW
    assert list(question.follows.values_list("person", flat=True)) == [teacher.pk]


def test_similar_questions_from_other_schools_appear_while_typing(client, region, teacher):
    other = OrganisationFactory(region=region, name="Vmbo De Schacht")
    wanted = QuestionFactory(
        region=region, organisation=other, text="Wie heeft goede lesmaterialen voor PIE?"
    )
    QuestionFactory(region=region, text="Hoe plannen jullie de rapportvergaderingen?")
    QuestionFactory(region=RegionFactory(), text="Lesmateriaal voor PIE in een andere regio")
    client.force_login(teacher)

    response = client.get(
        reverse("community:similar"), {"text": "lesmateriaal PIE"}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert [s.question for s in response.context["similar"]] == [wanted]
    assert "Vmbo De Schacht" in response.content.decode()


def test_without_javascript_the_check_button_shows_similar_questions(client, region, teacher):
    wanted = QuestionFactory(region=region, text="Hoe leer je de lasersnijder te bedienen?")
    client.force_login(teacher)

    response = client.post(
        reverse("community:ask"),
        {"text": "Wie kan de lasercutter bedienen?", "visibility": "region", "check": "1"},
    )

    assert response.status_code == 200
    assert [s.question for s in response.context["similar"]] == [wanted]
    assert Question.objects.count() == 1


def test_ik_ook_joins_a_question_once_and_counts(region, teacher):
    question = QuestionFactory(region=region)

    question_metoo(question=question, person=teacher)
    question_metoo(question=question, person=teacher)

    question.refresh_from_db()
    assert question.metoo_count == 1
    assert MeToo.objects.filter(question=question).count() == 1
    assert question.follows.filter(person=teacher).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Write something first: this field is empty."),
        (
            "x" * 5001,
            "This text is %(length)s characters long; at most %(limit)s are allowed. "
            "Shorten it, or share a longer document as material.",
        ),
    ],
)
def test_empty_or_huge_text_is_refused_and_nothing_is_written(region, teacher, text, message):
    with pytest.raises(ValidationError) as error:
        question_create(author=teacher, region=region, text=text)

    assert error.value.message_dict["text"] == [_(message) % {"length": 5001, "limit": 5000}]
    assert Question.objects.count() == 0


def test_huge_text_on_the_page_shows_the_message_at_the_field(client, teacher):
    client.force_login(teacher)

    response = client.post(reverse("community:ask"), {"text": "x" * 6000, "visibility": "region"})

    assert response.status_code == 200
    assert response.context["form"].errors["text"] == [
        _(
            "This text is %(length)s characters long; at most %(limit)s are allowed. "
            "Shorten it, or share a longer document as material."
        )
        % {"length": 6000, "limit": 5000}
    ]
    assert Question.objects.count() == 0


def test_unknown_tags_are_refused_with_the_known_ones_listed(region, teacher):
    with pytest.raises(ValidationError) as error:
        question_create(author=teacher, region=region, text="Vraag", tags=["PIE", "bakken"])

    known = (
        "BWI, D&P, E&O, Groen, HBR, MaT, MVI, M&T, PIE, Z&W, lesmateriaal, machines, veiligheid, "
        "gedrag, lob, stage, energie, techniek-po, digitaal, toetsing, samenwerking"
    )
    assert error.value.message_dict["tags"] == [
        _("Unknown tag: %(tags)s. Choose from: %(known)s.") % {"tags": "bakken", "known": known}
    ]
    assert Question.objects.count() == 0


def test_script_in_a_question_is_shown_as_text(client, region, teacher):
    question = QuestionFactory(region=region, text='<script>alert("x")</script> en <b>vet</b>')
    client.force_login(teacher)

    content = client.get(question.get_absolute_url()).content.decode()

    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; en &lt;b&gt;vet&lt;/b&gt;" in content


def test_posting_faster_than_the_limit_is_refused(settings, region, teacher):
    settings.COMMUNITY_POST_LIMIT = 2
    question_create(author=teacher, region=region, text="Eerste vraag")
    question_create(author=teacher, region=region, text="Tweede vraag")

    with pytest.raises(ValidationError) as error:
        question_create(author=teacher, region=region, text="Derde vraag")

    assert error.value.messages == [
        _(
            "You have posted %(limit)s messages in a few minutes. Please wait ten minutes "
            "and try again."
        )
        % {"limit": 2}
    ]
    assert Question.objects.count() == 2


def test_a_coordinators_only_question_is_hidden_from_peers(client, region, teacher):
    question = QuestionFactory(region=region, visibility=Visibility.COORDINATORS)
    client.force_login(teacher)
    assert client.get(question.get_absolute_url()).status_code == 404

    client.force_login(coordinator_of(region))
    assert client.get(question.get_absolute_url()).status_code == 200


def test_the_askers_name_is_hidden_from_peers_when_asked_so(client, region, teacher):
    question = QuestionFactory(
        region=region,
        visibility=Visibility.ANONYMOUS,
        author__first_name="Marieke",
        author__last_name="Geheim",
    )
    client.force_login(teacher)
    assert "Marieke Geheim" not in client.get(question.get_absolute_url()).content.decode()

    client.force_login(coordinator_of(region))
    assert "Marieke Geheim" in client.get(question.get_absolute_url()).content.decode()


def test_the_board_lists_searches_and_has_an_empty_state(client, region, teacher):
    wanted = QuestionFactory(region=region, text="Wie heeft een warmtepomp-opstelling?")
    QuestionFactory(region=region, text="Hoe regelen jullie de stage?")
    client.force_login(teacher)

    found = client.get(reverse("community:board"), {"q": "warmtepompen"})
    nothing = client.get(reverse("community:board"), {"q": "zeilboot"})

    assert list(found.context["page"].object_list) == [wanted]
    assert _("No questions match these filters.") in nothing.content.decode()


def test_the_board_page_needs_the_same_number_of_queries_for_more_questions(
    client, region, teacher
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(teacher)
    QuestionFactory.create_batch(2, region=region)
    client.get(reverse("community:board"))  # warm up: session, sites, roles
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("community:board"))
    QuestionFactory.create_batch(8, region=region)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("community:board"))

    assert len(many) == len(few)
