import factory
from django.db.models import F

from samenleren.accounts.tests.factories import UserFactory
from samenleren.community.matching import document_terms
from samenleren.community.models import (
    Answer,
    Expertise,
    Material,
    Membership,
    Network,
    Post,
    Question,
    Synonym,
    Thread,
)
from samenleren.core.text import search_document
from samenleren.network.tests.factories import OrganisationFactory, RegionFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    region = factory.SubFactory(RegionFactory)
    organisation = factory.SubFactory(OrganisationFactory, region=factory.SelfAttribute("..region"))
    author = factory.SubFactory(UserFactory)
    title = ""
    text = factory.Sequence(lambda n: f"Vraag {n} over techniekonderwijs")
    # What the service stores on save, so the matcher and the search find factory data.
    terms = factory.LazyAttribute(lambda q: " ".join(document_terms(q.title, q.text)))
    search_text = factory.LazyAttribute(lambda q: search_document(q.title, q.text, compounds=True))


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(UserFactory)
    text = "Wij gebruiken de lesbrieven van de TU Delft, die werken goed."


class SynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Synonym

    region = None
    words = "lasercutter ~ lasersnijder"


class ExpertiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expertise

    person = factory.SubFactory(UserFactory, findable=True)
    text = "lasersnijder en 3D-printen"
    terms = factory.LazyAttribute(lambda e: " ".join(document_terms(e.text)))


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"PIE-docenten {n}")
    description = "Docenten PIE uit de regio delen lesmateriaal en ervaringen."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(UserFactory)
    is_moderator = False


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Lesbrief {n}")
    url = "https://example.org/lesbrief"
    licence = "cc-by"
    shared_by = factory.SubFactory(UserFactory)


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    network = factory.SubFactory(NetworkFactory)
    title = "Ervaringen met de nieuwe examenopdrachten"
    author = factory.SubFactory(UserFactory)
    post_count = 0


class PostFactory(factory.django.DjangoModelFactory):
    """A post in a discussion; counted in the thread's post_count as the service does."""

    class Meta:
        model = Post
        skip_postgeneration_save = True

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    text = "Bij ons werkt de examenopdracht goed met kleine groepjes."

    @factory.post_generation
    def counted(obj, create, extracted, **kwargs):
        if create:
            Thread.objects.filter(pk=obj.thread_id).update(post_count=F("post_count") + 1)
