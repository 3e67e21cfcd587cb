"""The regional network: regions, boards, organisations, who works where, roles and labs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenleren.core.models import TimeStampedModel

from .validators import validate_brin, validate_postcode


class Region(TimeStampedModel):
    """An STO region such as Zuid-Limburg. One installation can host several."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Subregion(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="subregions")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subregion")
        verbose_name_plural = _("subregions")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="subregion_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    """A school board (bestuur); its schools may lie in several regions."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school board")
        verbose_name_plural = _("school boards")

    def __str__(self) -> str:
        return self.name


class ProfileCode(models.TextChoices):
    """The ten vmbo profiles."""

    BWI = "BWI", _("Building, living and interior (BWI)")
    DP = "D&P", _("Services and products (D&P)")
    EO = "E&O", _("Economy and entrepreneurship (E&O)")
    GROEN = "Groen", _("Green (Groen)")
    HBR = "HBR", _("Hospitality, bakery and recreation (HBR)")
    MAT = "MaT", _("Maritime and technology (MaT)")
    MVI = "MVI", _("Media, design and ICT (MVI)")
    MT = "M&T", _("Mobility and transport (M&T)")
    PIE = "PIE", _("Production, installation and energy (PIE)")
    ZW = "Z&W", _("Care and welfare (Z&W)")


TECHNICAL_PROFILES = {
    ProfileCode.BWI,
    ProfileCode.PIE,
    ProfileCode.MT,
    ProfileCode.MVI,
    ProfileCode.MAT,
}


class Profile(models.Model):
    """One of the ten vmbo profiles, as a row so that everything can relate to it."""

    code = models.CharField(_("code"), max_length=8, unique=True, choices=ProfileCode.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("vmbo profile")
        verbose_name_plural = _("vmbo profiles")

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return self.get_code_display()

    @property
    def is_technical(self) -> bool:
        return self.code in TECHNICAL_PROFILES


class OrganisationKind(models.TextChoices):
    PO = "po", _("Primary school (po)")
    VO = "vo", _("Secondary school (vo/vmbo)")
    MBO = "mbo", _("Vocational college (mbo)")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


SCHOOL_KINDS = {OrganisationKind.PO, OrganisationKind.VO, OrganisationKind.MBO}


class Organisation(TimeStampedModel):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="organisations"
    )
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    board = models.ForeignKey(
        Board,
        verbose_name=_("school board"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=OrganisationKind.choices)
    brin = models.CharField(
        _("BRIN code"),
        max_length=6,
        blank=True,
        validators=[validate_brin],
        help_text=_("For schools: two digits and two letters, e.g. 12AB."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("town"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    profiles = models.ManyToManyField(
        Profile, verbose_name=_("vmbo profiles offered"), blank=True, related_name="organisations"
    )
    staff_count = models.PositiveIntegerField(
        _("number of staff"), null=True, blank=True, help_text=_("Used for the share reached.")
    )
    is_active = models.BooleanField(_("active member"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["brin"], condition=~Q(brin=""), name="organisation_unique_brin"
            ),
            models.UniqueConstraint(fields=["region", "name"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="organisation_coordinates_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})" if self.city else self.name

    @property
    def is_school(self) -> bool:
        return self.kind in SCHOOL_KINDS


class Function(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    TOA = "toa", _("Technical assistant (TOA)")
    INSTRUCTOR = "instructor", _("Instructor")
    MENTOR = "mentor", _("Mentor")
    DECAAN = "decaan", _("Careers counsellor (decaan)")
    WT_COORDINATOR = "wt_coordinator", _("Science and technology coordinator (W&T)")
    TEAM_LEADER = "team_leader", _("Team leader")
    SUPPORT_STAFF = "support_staff", _("Support staff")
    OTHER = "other", _("Other")


class StoFunction(models.Model):
    """A function an organisation counts as STO staff. For reports only: everyone may take part."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sto_functions"
    )
    function = models.CharField(_("function"), max_length=20, choices=Function.choices)

    class Meta:
        verbose_name = _("function counted as STO staff")
        verbose_name_plural = _("functions counted as STO staff")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "function"], name="sto_function_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.get_function_display()


class Affiliation(TimeStampedModel):
    """A person works at an organisation in a function, optionally teaching profiles/subjects."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    function = models.CharField(_("function"), max_length=20, choices=Function.choices)
    profiles = models.ManyToManyField(
        Profile, verbose_name=_("profiles taught"), blank=True, related_name="affiliations"
    )
    subjects = models.CharField(_("subjects taught"), max_length=200, blank=True)
    is_primary = models.BooleanField(_("main organisation"), default=True)
    ended_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["-is_primary", "organisation__name"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=Q(ended_on__isnull=True),
                name="affiliation_one_current_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_function_display()}, {self.organisation.name}"


class Role(models.TextChoices):
    SCHOOL_CONTACT = "school_contact", _("School contact")
    COORDINATOR = "coordinator", _("Coordinator")
    TRAINER = "trainer", _("Trainer / provider")
    PARTNER = "partner", _("Partner")
    STEERING = "steering", _("Steering group (read only)")


ORGANISATION_ROLES = {Role.SCHOOL_CONTACT, Role.TRAINER, Role.PARTNER}
REGION_ROLES = {Role.COORDINATOR, Role.STEERING}


class RoleAssignment(TimeStampedModel):
    """A role beyond 'deelnemer' (which everyone has): scoped to an organisation or a region."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(r.value for r in ORGANISATION_ROLES))
                    & Q(organisation__isnull=False)
                    & Q(region__isnull=True)
                )
                | (
                    Q(role__in=sorted(r.value for r in REGION_ROLES))
                    & Q(region__isnull=False)
                    & Q(organisation__isnull=True)
                ),
                name="role_scope_matches_role",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="role_unique_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "region"],
                condition=Q(region__isnull=False),
                name="role_unique_per_region",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.organisation or self.region}"


class LabKind(models.TextChoices):
    TECHLAB = "techlab", _("TechLab")
    DOELAB = "doelab", _("Doe-lab")
    WORKSHOP = "workshop", _("Workshop")


class Lab(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="labs",
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=LabKind.choices)
    description = models.TextField(_("description"), blank=True)
    shared_with_primary = models.BooleanField(_("shared with primary schools"), default=False)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("lab")
        verbose_name_plural = _("labs")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="lab_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.organisation.name}"


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", _("Organisations")
    PEOPLE = "people", _("People")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Not imported")


class ImportJob(TimeStampedModel):
    """A CSV/XLSX import. Large ones run in the background; the page shows the progress."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("what"), max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file"), max_length=200)
    rows = models.JSONField(default=list, help_text="The parsed rows, kept until imported.")
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.filename}"

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.status in {ImportStatus.DONE, ImportStatus.FAILED}


class EquipmentKind(models.TextChoices):
    """The machines that matter in technical education; anything else is written as free text."""

    LASER_CUTTER = "laser_cutter", _("Laser cutter")
    PRINTER_3D = "3d_printer", _("3D printer")
    CNC_MILL = "cnc_mill", _("CNC milling machine")
    CNC_LATHE = "cnc_lathe", _("CNC lathe")
    PLASMA_CUTTER = "plasma_cutter", _("Plasma cutter")
    ROBOT_ARM = "robot_arm", _("Robot arm")
    VR_SET = "vr_set", _("VR headset")
    PLOTTER = "plotter", _("Plotter / vinyl cutter")
    WELDER = "welder", _("Welding equipment")
    LATHE = "lathe", _("Lathe")
    HEAT_PUMP = "heat_pump", _("Heat pump test rig")
    SOLAR = "solar", _("Solar panel test rig")
    HOME_AUTOMATION = "home_automation", _("Home automation panel")
    ELECTRONICS = "electronics", _("Electronics and soldering station")
    MICROCONTROLLER = "microcontroller", _("Microcontroller kits")
    OTHER = "other", _("Other")


class Equipment(TimeStampedModel):
    """A machine in a lab. Who can use or instruct it lives in EquipmentSkill."""

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.CASCADE, related_name="equipment"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EquipmentKind.choices)
    other_kind = models.CharField(
        _("kind (free text)"),
        max_length=100,
        blank=True,
        help_text=_("Only when the kind is 'Other'."),
    )
    brand = models.CharField(_("brand"), max_length=100, blank=True)
    model_name = models.CharField(_("model"), max_length=100, blank=True)
    count = models.PositiveSmallIntegerField(_("number of machines"), default=1)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["lab__organisation__name", "lab__name", "kind", "id"]
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="other") | ~Q(other_kind=""),
                name="equipment_other_kind_named",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        name = self.other_kind if self.kind == EquipmentKind.OTHER else self.get_kind_display()
        detail = " ".join(p for p in (self.brand, self.model_name) if p)
        return f"{name} ({detail})" if detail else str(name)


class SkillLevel(models.TextChoices):
    USE = "use", _("Can use it")
    INSTRUCT = "instruct", _("Can instruct others")


class EquipmentSkill(TimeStampedModel):
    """A person can use (or teach) a machine. Counted for the bus factor while they work there."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="equipment_skills",
    )
    equipment = models.ForeignKey(
        Equipment, verbose_name=_("equipment"), on_delete=models.CASCADE, related_name="skills"
    )
    level = models.CharField(_("level"), max_length=10, choices=SkillLevel.choices)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The verification code of a certificate of an activity that taught this machine (a code,
    # not a foreign key: the network knows nothing of the calendar, and certificates outlive it).
    certificate_code = models.CharField(_("confirmed by certificate"), max_length=40, blank=True)

    class Meta:
        ordering = ["equipment", "person__last_name", "person__first_name"]
        verbose_name = _("equipment skill")
        verbose_name_plural = _("equipment skills")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "equipment"], name="equipment_skill_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.equipment}: {self.get_level_display()}"
