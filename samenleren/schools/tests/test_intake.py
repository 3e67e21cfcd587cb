import pytest
from django.core import mail
from django.urls import reverse

from samenleren.activities.tests.factories import ActivityFactory
from samenleren.core.models import AuditEntry
from samenleren.schools.models import Intake, IntakeAnswer, IntakeStatus
from samenleren.schools.tests.factories import DraftIntakeFactory, IntakeFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "doel": {"aim": "Meer collega's kunnen met de lasersnijder in ons TechLab werken."},
    "doelgroep": {"target_group": "De zes docenten BWI en PIE."},
    "nu": {"current_situation": "Alleen onze TOA kan de lasersnijder bedienen."},
    "straks": {"desired_situation": "Vier collega's werken er zelfstandig mee."},
    "vorm": {"preferred_forms": ["training", "visit"]},
    "urgentie": {"urgency": "this_term"},
}


def _step(intake, slug):
    return reverse("schools:intake_step", args=[intake.pk, slug])


def test_the_school_contact_goes_through_the_steps_and_submits(
    client, school, django_capture_on_commit_callbacks
):
    client.force_login(school["contact"])
    response = client.post(reverse("schools:intake_new", args=[school["organisation"].pk]))
    intake = Intake.objects.get()
    assert response.url == _step(intake, "doel")
    assert intake.status == IntakeStatus.DRAFT

    page = client.get(_step(intake, "doel"))
    assert "Meer collega&#x27;s kunnen met de lasersnijder in ons TechLab werken." in page.text

    slugs = list(ANSWERS)
    for number, slug in enumerate(slugs):
        response = client.post(_step(intake, slug), ANSWERS[slug])
        expected = (
            _step(intake, slugs[number + 1])
            if number + 1 < len(slugs)
            else reverse("schools:intake_summary", args=[intake.pk])
        )
        assert response.status_code == 302
        assert response.url == expected

    summary = client.get(reverse("schools:intake_summary", args=[intake.pk]))
    assert "Vier collega&#x27;s werken er zelfstandig mee." in summary.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schools:intake_summary", args=[intake.pk]))

    intake.refresh_from_db()
    assert response.url == reverse("schools:intake_detail", args=[intake.pk])
    assert intake.status == IntakeStatus.NEW
    assert intake.preferred_forms == ["training", "visit"]
    assert [m.to for m in mail.outbox] == [[school["coordinator"].email]]
    assert mail.outbox[0].subject == "[Samen Leren] Nieuwe schoolvraag: Maasoever Vakcollege"


def test_each_step_is_saved_so_a_reload_keeps_it(client, school):
    intake = DraftIntakeFactory(organisation=school["organisation"], created_by=school["contact"])
    client.force_login(school["contact"])

    client.post(_step(intake, "doelgroep"), ANSWERS["doelgroep"])
    page = client.get(_step(intake, "doelgroep"))

    assert "De zes docenten BWI en PIE." in page.text
    intake.refresh_from_db()
    assert intake.target_group == "De zes docenten BWI en PIE."


def test_an_empty_step_is_refused_with_a_clear_message(client, school):
    intake = DraftIntakeFactory(organisation=school["organisation"])
    client.force_login(school["contact"])

    response = client.post(_step(intake, "doel"), {"aim": "  "})

    assert response.status_code == 200
    assert "Vul deze stap in voordat je verdergaat." in response.text
    intake.refresh_from_db()
    assert intake.aim == ""


def test_a_question_with_required_steps_missing_is_not_submitted(client, school):
    intake = DraftIntakeFactory(organisation=school["organisation"], aim="Meer lasersnijders.")
    client.force_login(school["contact"])

    response = client.post(reverse("schools:intake_summary", args=[intake.pk]))

    assert response.status_code == 200
    assert "De vraag is nog niet verstuurd. Vul eerst deze stappen in:" in response.text
    assert _step(intake, "doelgroep") in response.text
    assert _step(intake, "doel") not in response.text.split('id="problemen"')[1].split("</div>")[0]
    intake.refresh_from_db()
    assert (intake.status, intake.submitted_at) == (IntakeStatus.DRAFT, None)
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="intake.submit").exists()


def test_the_question_can_be_about_a_machine_of_the_school(client, school):
    intake = DraftIntakeFactory(organisation=school["organisation"])
    client.force_login(school["contact"])

    client.post(
        _step(intake, "doel"), {"aim": "Meer lasersnijders.", "equipment": school["laser"].pk}
    )

    intake.refresh_from_db()
    assert (intake.aim, intake.equipment) == ("Meer lasersnijders.", school["laser"])


def test_a_machine_of_another_school_cannot_be_chosen(client, school):
    from samenleren.network.tests.factories import EquipmentFactory

    intake = DraftIntakeFactory(organisation=school["organisation"])
    elsewhere = EquipmentFactory()
    client.force_login(school["contact"])

    response = client.post(_step(intake, "doel"), {"aim": "x", "equipment": elsewhere.pk})

    assert response.status_code == 200
    intake.refresh_from_db()
    assert (intake.aim, intake.equipment) == ("", None)


def test_a_step_that_does_not_exist_is_not_found(client, school):
    intake = DraftIntakeFactory(organisation=school["organisation"])
    client.force_login(school["contact"])

    assert client.get(_step(intake, "onbekend")).status_code == 404


def test_others_cannot_fill_in_a_draft(client, school):
    intake = DraftIntakeFactory(organisation=school["organisation"])
    for person in (school["teacher"], school["coordinator"], school["outsider"]):
        client.force_login(person)
        assert client.post(_step(intake, "doel"), ANSWERS["doel"]).status_code == 403
    intake.refresh_from_db()
    assert intake.aim == ""


def test_a_submitted_question_can_no_longer_be_edited(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["contact"])

    assert client.post(_step(intake, "doel"), ANSWERS["doel"]).status_code == 404


def test_coordinators_move_a_question_through_the_allowed_statuses(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["coordinator"])
    url = reverse("schools:intake_status", args=[intake.pk])

    for status in ("in_conversation", "worked_out", "answered", "closed"):
        client.post(url, {"status": status})
        intake.refresh_from_db()
        assert intake.status == status


def test_a_transition_that_is_not_allowed_is_refused(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["coordinator"])

    response = client.post(
        reverse("schools:intake_status", args=[intake.pk]), {"status": "answered"}, follow=True
    )

    intake.refresh_from_db()
    assert intake.status == IntakeStatus.NEW
    assert "Deze statuswijziging kan niet vanuit de huidige status." in response.text


def test_the_service_refuses_a_transition_outside_the_table(school):
    from django.core.exceptions import ValidationError

    from samenleren.schools.services import intake_status_change

    intake = IntakeFactory(organisation=school["organisation"], status=IntakeStatus.NEW)
    with pytest.raises(ValidationError) as error:
        intake_status_change(actor=school["coordinator"], intake=intake, status="answered")

    assert error.value.message_dict == {
        "status": ["Een vraag met status ‘Nieuw’ kan niet ‘Beantwoord’ worden."]
    }


def test_the_school_contact_cannot_change_the_status(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["contact"])

    response = client.post(
        reverse("schools:intake_status", args=[intake.pk]), {"status": "in_conversation"}
    )

    assert response.status_code == 403


def test_a_coordinator_links_an_activity_and_the_contact_sees_it_on_the_school_page(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    activity = ActivityFactory(region=school["region"], title="Werken met de lasersnijder")
    client.force_login(school["coordinator"])

    page = client.get(reverse("schools:intake_answers", args=[intake.pk]))
    assert "Werken met de lasersnijder" in page.text
    client.post(
        reverse("schools:intake_answers", args=[intake.pk]),
        {"kind": "activity", "object_id": activity.pk},
    )

    answer = IntakeAnswer.objects.get()
    assert (answer.title, answer.url) == (
        "Werken met de lasersnijder",
        reverse("activities:detail", args=[activity.pk]),
    )
    client.force_login(school["contact"])
    school_page = client.get(
        reverse("network:organisation_detail", args=[school["organisation"].pk])
    )
    assert "Werken met de lasersnijder" in school_page.text


def test_an_activity_of_another_region_cannot_be_linked(client, school):
    intake = IntakeFactory(organisation=school["organisation"])
    elsewhere = ActivityFactory()
    client.force_login(school["coordinator"])

    client.post(
        reverse("schools:intake_answers", args=[intake.pk]),
        {"kind": "activity", "object_id": elsewhere.pk},
    )

    assert IntakeAnswer.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "url_name"),
    [
        ("module", "learning:module"),
        ("network", "community:network"),
        ("campaign", "demand:campaign"),
    ],
)
def test_a_coordinator_links_a_module_network_or_campaign_as_a_snapshot(
    client, school, kind, url_name
):
    from samenleren.community.tests.factories import NetworkFactory
    from samenleren.demand.tests.factories import CampaignFactory
    from samenleren.learning.tests.factories import ModuleFactory

    make = {
        "module": lambda: ModuleFactory(title="Lasersnijden voor beginners", lessons=0),
        "network": lambda: NetworkFactory(region=school["region"], name="Lasersnijden in de klas"),
        "campaign": lambda: CampaignFactory(region=school["region"], title="Lasersnijden 2027"),
    }
    target = make[kind]()
    title = getattr(target, "name", None) or target.title
    intake = IntakeFactory(organisation=school["organisation"])
    client.force_login(school["coordinator"])

    page = client.get(reverse("schools:intake_answers", args=[intake.pk]), {"soort": kind})
    assert title in page.text
    client.post(
        reverse("schools:intake_answers", args=[intake.pk]), {"kind": kind, "object_id": target.pk}
    )

    answer = IntakeAnswer.objects.get()
    assert (answer.kind, answer.title, answer.url) == (
        kind,
        title,
        reverse(url_name, args=[target.pk]),
    )


def test_unpublished_modules_and_other_regions_networks_and_campaigns_cannot_be_linked(school):
    from samenleren.community.tests.factories import NetworkFactory
    from samenleren.demand.tests.factories import CampaignFactory
    from samenleren.learning.tests.factories import ModuleFactory
    from samenleren.schools.links import candidate, candidates

    region = school["region"]
    hidden = ModuleFactory(is_published=False, published_at=None, lessons=0)
    network = NetworkFactory()
    campaign = CampaignFactory()

    assert candidate(kind="module", object_id=hidden.pk, region=region) is None
    assert candidate(kind="network", object_id=network.pk, region=region) is None
    assert candidate(kind="campaign", object_id=campaign.pk, region=region) is None
    assert candidates(kind="network", region=region) == []
    assert candidates(kind="unknown", region=region) == []
