import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenleren.activities.services.certificates import certificates_issue
from samenleren.activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    RegistrationFactory,
)
from samenleren.network.models import Equipment, EquipmentKind, EquipmentSkill
from samenleren.network.tests.factories import (
    AffiliationFactory,
    EquipmentFactory,
    EquipmentSkillFactory,
    LabFactory,
    OrganisationFactory,
)
from samenleren.schools.services import activity_teaches_set, skill_declare, skills_confirm
from samenleren.schools.tests.factories import ActivityTeachesFactory

pytestmark = pytest.mark.django_db


def test_the_school_contact_adds_edits_and_removes_a_machine(client, school):
    client.force_login(school["contact"])
    lab = school["lab"]

    response = client.post(
        reverse("schools:equipment_create", args=[lab.pk]),
        {"kind": "3d_printer", "brand": "Ultimaker", "model_name": "S5", "count": 2},
    )
    printer = Equipment.objects.get(kind="3d_printer")
    assert response.url == reverse("schools:lab_register", args=[lab.pk])
    assert (printer.lab, printer.label, printer.count) == (lab, "3D-printer (Ultimaker S5)", 2)

    client.post(
        reverse("schools:equipment_edit", args=[printer.pk]),
        {"kind": "other", "other_kind": "Vinylsnijder", "brand": "", "model_name": "", "count": 1},
    )
    printer.refresh_from_db()
    assert printer.label == "Vinylsnijder"

    client.post(reverse("schools:equipment_remove", args=[printer.pk]))
    assert not Equipment.objects.filter(pk=printer.pk).exists()


def test_other_without_a_name_is_refused(client, school):
    client.force_login(school["contact"])

    response = client.post(
        reverse("schools:equipment_create", args=[school["lab"].pk]),
        {"kind": "other", "other_kind": "", "count": 1},
    )

    assert response.status_code == 200
    assert "Zeg wat voor machine het is." in response.text
    assert Equipment.objects.count() == 1


def test_a_teacher_cannot_add_machines(client, school):
    client.force_login(school["teacher"])

    response = client.post(
        reverse("schools:equipment_create", args=[school["lab"].pk]),
        {"kind": "3d_printer", "count": 1},
    )

    assert response.status_code == 403
    assert Equipment.objects.count() == 1


def test_a_person_declares_their_own_skill(client, school):
    client.force_login(school["toa"])

    client.post(
        reverse("schools:lab_register", args=[school["lab"].pk]),
        {"person": school["toa"].pk, "equipment": school["laser"].pk, "level": "instruct"},
    )

    skill = EquipmentSkill.objects.get()
    assert (skill.person, skill.level, skill.declared_by) == (
        school["toa"],
        "instruct",
        school["toa"],
    )


def test_a_teacher_cannot_declare_for_a_colleague(client, school):
    client.force_login(school["teacher"])

    response = client.post(
        reverse("schools:lab_register", args=[school["lab"].pk]),
        {"person": school["toa"].pk, "equipment": school["laser"].pk, "level": "use"},
    )

    assert response.status_code == 200
    assert EquipmentSkill.objects.count() == 0


def test_the_school_contact_declares_for_a_colleague(client, school):
    client.force_login(school["contact"])

    client.post(
        reverse("schools:lab_register", args=[school["lab"].pk]),
        {"person": school["toa"].pk, "equipment": school["laser"].pk, "level": "use"},
    )

    skill = EquipmentSkill.objects.get()
    assert (skill.person, skill.declared_by) == (school["toa"], school["contact"])


def test_a_skill_on_a_machine_of_another_school_is_refused(school):
    other_machine = EquipmentFactory(
        lab=LabFactory(organisation=OrganisationFactory(region=school["region"]))
    )

    with pytest.raises(ValidationError) as error:
        skill_declare(
            actor=school["toa"], person=school["toa"], equipment=other_machine, level="use"
        )

    assert error.value.message_dict["equipment"] == [
        f"Deze machine hoort bij {other_machine.lab.organisation.name}. Je kunt alleen "
        "vaardigheden opgeven voor machines van een school waar de persoon werkt."
    ]
    assert EquipmentSkill.objects.count() == 0


def test_the_register_of_another_school_is_closed_to_outsiders(client, school):
    client.force_login(school["outsider"])

    response = client.post(
        reverse("schools:lab_register", args=[school["lab"].pk]),
        {"person": school["outsider"].pk, "equipment": school["laser"].pk, "level": "use"},
    )

    assert response.status_code == 403
    assert EquipmentSkill.objects.count() == 0


def test_a_contact_cannot_declare_for_someone_who_left(school):
    leaver = AffiliationFactory(organisation=school["organisation"], ended_on="2026-01-31").person

    with pytest.raises(ValidationError):
        skill_declare(
            actor=school["contact"], person=leaver, equipment=school["laser"], level="use"
        )
    assert EquipmentSkill.objects.count() == 0


def _certificate_for(person, activity):
    registration = RegistrationFactory(activity=activity, person=person)
    AttendanceFactory(registration=registration, session=activity.sessions.get())
    certificates_issue(activity=activity)
    return registration.certificate


def test_a_certificate_of_an_activity_that_teaches_the_machine_confirms_the_skill(school):
    activity = ActivityFactory(region=school["region"], sessions=1)
    ActivityTeachesFactory(activity=activity, kind=EquipmentKind.LASER_CUTTER)
    certificate = _certificate_for(school["teacher"], activity)

    skill = skill_declare(
        actor=school["teacher"], person=school["teacher"], equipment=school["laser"], level="use"
    )

    assert skill.certificate_code == str(certificate.code)


def test_a_certificate_of_another_activity_confirms_nothing(school):
    _certificate_for(school["teacher"], ActivityFactory(region=school["region"], sessions=1))

    skill = skill_declare(
        actor=school["teacher"], person=school["teacher"], equipment=school["laser"], level="use"
    )

    assert skill.certificate_code == ""


def test_marking_what_an_activity_teaches_confirms_existing_skills(school):
    activity = ActivityFactory(region=school["region"], sessions=1)
    certificate = _certificate_for(school["toa"], activity)
    skill = EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])

    activity_teaches_set(actor=school["coordinator"], activity=activity, kinds=["laser_cutter"])

    skill.refresh_from_db()
    assert skill.certificate_code == str(certificate.code)


def test_a_revoked_certificate_confirms_nothing(school):
    from django.utils import timezone

    activity = ActivityFactory(region=school["region"], sessions=1)
    ActivityTeachesFactory(activity=activity, kind=EquipmentKind.LASER_CUTTER)
    certificate = _certificate_for(school["toa"], activity)
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    EquipmentSkillFactory(person=school["toa"], equipment=school["laser"])

    assert skills_confirm() == 0


def test_activity_teaches_refuses_unknown_kinds(school):
    activity = ActivityFactory(region=school["region"])

    with pytest.raises(ValidationError):
        activity_teaches_set(actor=school["coordinator"], activity=activity, kinds=["toaster"])
