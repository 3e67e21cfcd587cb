"""Learning networks: starting one (from a cluster), members, meetings in the calendar,
materials with file checks, 'wij gebruiken dit ook', and the discussion."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenleren.activities.models import ActivityKind, ActivityStatus
from samenleren.community.models import Material, Membership, NetworkMeeting, Post
from samenleren.community.selectors import clusters, networks_of
from samenleren.community.services.networks import (
    material_add,
    material_use,
    network_join,
    network_leave,
    network_meeting_schedule,
    network_save,
    post_create,
    thread_create,
)
from samenleren.network.models import Profile
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)

from .factories import MembershipFactory, NetworkFactory, QuestionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def region():
    return RegionFactory()


def test_a_coordinator_starts_a_network_from_a_cluster_and_becomes_moderator(region):
    coordinator = coordinator_of(region)
    questions = [QuestionFactory(region=region), QuestionFactory(region=region)]
    pie, _created = Profile.objects.get_or_create(code="PIE")

    network = network_save(
        actor=coordinator,
        region=region,
        name="PIE-docenten Zuid-Limburg",
        profile=pie,
        questions=questions,
    )

    assert network.memberships.get().person == coordinator
    assert network.memberships.get().is_moderator
    assert sorted(t.question_id for t in network.topics.all()) == sorted(q.pk for q in questions)
    network.refresh_from_db()
    assert network.member_count == 1
    assert list(networks_of(person=coordinator)) == [network]


def test_a_second_network_with_the_same_name_is_refused(region):
    NetworkFactory(region=region, name="Techniek in het po")

    with pytest.raises(ValidationError) as error:
        network_save(actor=coordinator_of(region), region=region, name="techniek in het PO")

    assert error.value.message_dict["name"] == [_("There is already a network with this name.")]


def test_join_and_leave_but_the_last_moderator_stays(region):
    network = NetworkFactory(region=region)
    moderator = MembershipFactory(network=network, is_moderator=True).person
    person = AffiliationFactory(organisation=OrganisationFactory(region=region)).person

    network_join(network=network, person=person)
    network_join(network=network, person=person)
    network.refresh_from_db()
    assert network.member_count == 2

    network_leave(network=network, person=person)
    with pytest.raises(ValidationError):
        network_leave(network=network, person=moderator)
    network.refresh_from_db()
    assert network.member_count == 1


def test_a_meeting_is_a_published_network_meeting_in_the_calendar(region):
    network = NetworkFactory(region=region, name="PIE-docenten Zuid-Limburg")
    starts = timezone.now() + timedelta(days=20)

    meeting = network_meeting_schedule(
        actor=coordinator_of(region),
        network=network,
        title="Eerste bijeenkomst PIE-docenten",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        address="Maasoever Vakcollege, Maastricht",
    )

    activity = meeting.activity
    assert (activity.kind, activity.status, activity.region) == (
        ActivityKind.NETWORK_MEETING,
        ActivityStatus.PUBLISHED,
        region,
    )
    assert NetworkMeeting.objects.get().network == network


def test_a_meeting_without_place_or_that_ends_before_it_starts_is_refused(region):
    network = NetworkFactory(region=region)
    starts = timezone.now() + timedelta(days=20)

    with pytest.raises(ValidationError) as error:
        network_meeting_schedule(
            actor=coordinator_of(region),
            network=network,
            title="Bijeenkomst",
            starts_at=starts,
            ends_at=starts - timedelta(hours=1),
        )

    assert "ends_at" in error.value.message_dict
    assert NetworkMeeting.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "file_type"),
    [("lesbrief.pdf", PDF, "pdf"), ("foto.png", PNG, "png"), ("opdracht.docx", None, "docx")],
)
def test_real_files_are_accepted(region, name, content, file_type):
    network = NetworkFactory(region=region)
    upload = SimpleUploadedFile(name, content if content is not None else docx_bytes())

    material = material_add(
        network=network,
        person=MembershipFactory(network=network).person,
        title="Lesbrief warmtepomp",
        licence="cc-by",
        upload=upload,
    )

    assert (material.file_type, material.file_size) == (file_type, upload.size)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "PDF"),
        ("lesbrief.docx", PDF, "DOCX"),
        ("presentatie.pptx", docx_bytes(), "PPTX"),
        ("script.exe", b"MZ", None),
        ("leeg.pdf", b"", ""),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(region, name, content, message):
    network = NetworkFactory(region=region)

    with pytest.raises(ValidationError) as error:
        material_add(
            network=network,
            person=MembershipFactory(network=network).person,
            title="Lesbrief",
            licence="cc-by",
            upload=SimpleUploadedFile(name, content),
        )

    if message is None:
        expected = _("Files of this type cannot be shared. Allowed: %(types)s.") % {
            "types": "docx, jpg, odt, pdf, png, pptx, xlsx"
        }
    elif message == "":
        expected = _("The file is empty.")
    else:
        expected = _(
            "The file is not a real %(type)s file (its contents do not match its name)."
        ) % {"type": message}
    assert error.value.message_dict["file"] == [expected]
    assert Material.objects.count() == 0


def test_a_file_that_is_too_large_is_refused(region, settings):
    network = NetworkFactory(region=region)
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (10 * 1024 * 1024))

    with pytest.raises(ValidationError) as error:
        material_add(
            network=network,
            person=MembershipFactory(network=network).person,
            title="Groot",
            licence="cc-by",
            upload=big,
        )

    assert error.value.message_dict["file"] == [
        _("The file is %(size)s; at most %(max)s is allowed. Share a link instead.")
        % {"size": filesizeformat(big.size), "max": filesizeformat(10 * 1024 * 1024)}
    ]


def test_material_needs_a_link_or_a_file_and_a_licence(region):
    network = NetworkFactory(region=region)

    with pytest.raises(ValidationError) as error:
        material_add(
            network=network, person=MembershipFactory(network=network).person, title="X", licence=""
        )

    assert sorted(error.value.message_dict) == ["licence", "url"]


def test_we_use_this_too_counts_once(region):
    network = NetworkFactory(region=region)
    material = material_add(
        network=network,
        person=MembershipFactory(network=network).person,
        title="Practicum zonnepanelen",
        licence="cc-by-sa",
        url="https://example.org/zon",
    )
    person = MembershipFactory(network=network).person

    material_use(material=material, person=person)
    material_use(material=material, person=person)

    material.refresh_from_db()
    assert material.use_count == 1


def test_members_discuss_and_non_members_cannot_post(client, region):
    network = NetworkFactory(region=region)
    member = MembershipFactory(network=network).person
    AffiliationFactory(person=member, organisation=OrganisationFactory(region=region))
    thread = thread_create(network=network, author=member, title="CSPE", text="Hoe gaat het?")
    post_create(thread=thread, author=member, text="Bij ons goed.")
    outsider = AffiliationFactory(organisation=OrganisationFactory(region=region)).person
    client.force_login(outsider)

    response = client.post(reverse("community:thread", args=[thread.pk]), {"text": "Ik ook!"})

    assert response.status_code == 403
    assert Post.objects.filter(thread=thread).count() == 2


def test_the_network_page_shows_members_materials_and_meetings(client, region):
    network = NetworkFactory(region=region, name="Techniek in het po")
    person = AffiliationFactory(organisation=OrganisationFactory(region=region)).person
    Membership.objects.create(network=network, person=person, is_moderator=True)
    client.force_login(person)

    response = client.get(network.get_absolute_url())

    assert response.status_code == 200
    assert (
        _("No materials shared yet. What do you use in your lessons?") in response.content.decode()
    )


def test_clusters_group_similar_questions_of_several_schools(region):
    a, b, c = (OrganisationFactory(region=region) for _ in range(3))
    pie = [
        QuestionFactory(
            region=region, organisation=a, text="Lesmateriaal voor PIE gezocht", tags=["PIE"]
        ),
        QuestionFactory(
            region=region, organisation=b, text="Wie heeft lesmateriaal PIE?", tags=["PIE"]
        ),
    ]
    QuestionFactory(region=region, organisation=c, text="Hoe plannen jullie de toetsweek?")

    found = clusters(region=region)

    assert [sorted(q.pk for q in cluster.questions) for cluster in found] == [
        sorted(q.pk for q in pie)
    ]
    assert sorted(found[0].by_school) == sorted([(a.name, 1), (b.name, 1)])
    assert found[0].by_tag == [("PIE", 2)]


def test_a_higher_cluster_share_splits_a_pair_that_a_lower_share_joins(region):
    a, b = OrganisationFactory(region=region), OrganisationFactory(region=region)
    pair = [
        QuestionFactory(
            region=region, organisation=a, text="Wie heeft lesmateriaal over de lasersnijder?"
        ),
        QuestionFactory(
            region=region,
            organisation=b,
            text="Hoe onderhouden jullie de lasersnijder in het TechLab?",
        ),
    ]

    joined = clusters(region=region, share=0.2)
    split = clusters(region=region, share=0.5)

    assert [sorted(q.pk for q in c.questions) for c in joined] == [sorted(q.pk for q in pair)]
    assert split == []


def test_a_link_needs_each_question_among_the_others_most_alike(region):
    """A one-word question is most like six long ones that mention the word, but each of those
    has five closer neighbours: linked one way only, so the short question joins no cluster (a
    question that resembles many would otherwise chain groups together)."""
    short = QuestionFactory(
        region=region, organisation=OrganisationFactory(region=region), text="Lasersnijder?"
    )
    machines = "subsidie voor de draaibank, onderhoud van de freesmachine en een cursus solderen"
    for ending in ("", "in de werkplaats", "voor het TechLab", "bij ons", "op school", "in 2027"):
        QuestionFactory(
            region=region,
            organisation=OrganisationFactory(region=region),
            text=f"Wie weet iets over {machines} {ending}? We hebben ook een lasersnijder.",
        )

    shown = [q.pk for cluster in clusters(region=region) for q in cluster.questions]

    assert len(shown) >= 5  # the long ones find each other
    assert short.pk not in shown


def test_journey_fours_three_pie_questions_form_one_cluster(region):
    """The questions of journey 4, on a board with little else: the default share must keep
    them together (one of them also asks about year 3, which weighs heavily on a small board)."""
    texts = (
        "Welk lesmateriaal gebruiken jullie voor PIE in leerjaar 3?",
        "Wie heeft goede opdrachten en lesmaterialen voor het profiel PIE?",
        "Wie deelt lesmateriaal voor PIE? Wij zoeken nieuwe opdrachten.",
    )
    pie = [
        QuestionFactory(region=region, organisation=OrganisationFactory(region=region), text=text)
        for text in texts
    ]
    QuestionFactory(region=region, text="Hoe plannen jullie de toetsweek?")

    assert [sorted(q.pk for q in c.questions) for c in clusters(region=region)] == [
        sorted(q.pk for q in pie)
    ]
