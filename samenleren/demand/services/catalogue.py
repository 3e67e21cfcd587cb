"""The external course catalogue and campaigns: typed in by coordinators or imported from
CSV/XLSX (every problem reported by row and column; nothing written unless every row is valid).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.core.services import audit_log
from samenleren.core.tabular import read_table
from samenleren.network.models import EquipmentKind, Profile, ProfileCode, Region
from samenleren.network.travel import in_netherlands

from ..models import Campaign, CampaignCourse, ExternalCourse

COURSE_ALIASES = {
    "titel": "title",
    "title": "title",
    "naam": "title",
    "aanbieder": "provider",
    "provider": "provider",
    "omschrijving": "description",
    "beschrijving": "description",
    "description": "description",
    "profielen": "profiles",
    "profiel": "profiles",
    "profiles": "profiles",
    "dagen": "days",
    "aantal dagen": "days",
    "days": "days",
    "uren": "hours",
    "studie-uren": "hours",
    "studieuren": "hours",
    "hours": "hours",
    "locatie": "location_name",
    "centrale locatie": "location_name",
    "plaats": "location_name",
    "location": "location_name",
    "breedtegraad": "latitude",
    "latitude": "latitude",
    "lat": "latitude",
    "lengtegraad": "longitude",
    "longitude": "longitude",
    "lon": "longitude",
    "lng": "longitude",
    "prijs": "price",
    "price": "price",
    "minimum": "min_participants",
    "minimum deelnemers": "min_participants",
    "min deelnemers": "min_participants",
    "min participants": "min_participants",
    "minimum participants": "min_participants",
    "tweede groep": "second_group_at",
    "tweede groep vanaf": "second_group_at",
    "second group": "second_group_at",
    "apparatuur": "equipment",
    "benodigde apparatuur": "equipment",
    "equipment": "equipment",
    "url": "url",
    "website": "url",
    "link": "url",
}
COURSE_REQUIRED = [
    "title",
    "provider",
    "location_name",
    "latitude",
    "longitude",
    "min_participants",
]
KNOWN_COLUMNS = set(COURSE_ALIASES.values())
PROFILE_WORDS = {code.value.lower(): code.value for code in ProfileCode} | {
    "dp": "D&P",
    "eo": "E&O",
    "mt": "M&T",
    "zw": "Z&W",
}


def _equipment_words() -> dict[str, str]:
    """Codes (cnc_mill) and the names in Dutch and English (Lasersnijder, Laser cutter)."""
    words = {kind.value: kind.value for kind in EquipmentKind}
    for language in ("nl", "en"):
        with translation.override(language):
            words |= {str(label).lower(): kind for kind, label in EquipmentKind.choices}
    return words | DUTCH_EQUIPMENT


DUTCH_EQUIPMENT = {
    "lasersnijder": "laser_cutter",
    "3d-printer": "3d_printer",
    "3d printer": "3d_printer",
    "cnc-frees": "cnc_mill",
    "cnc-freesmachine": "cnc_mill",
    "cnc-draaibank": "cnc_lathe",
    "plasmasnijder": "plasma_cutter",
    "robotarm": "robot_arm",
    "vr-bril": "vr_set",
    "snijplotter": "plotter",
    "lasapparatuur": "welder",
    "lasapparaat": "welder",
    "draaibank": "lathe",
    "warmtepomp": "heat_pump",
    "zonnepanelen": "solar",
    "domotica": "home_automation",
    "elektronica": "electronics",
    "soldeerplek": "electronics",
    "microcontrollers": "microcontroller",
}


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class CourseImport:
    clean: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _number(raw: str, kind=int):
    text = (raw or "").strip().replace("€", "").replace(" ", "")
    if kind is int:
        return int(text)
    if "," in text and "." in text:
        text = text.replace(".", "")
    return Decimal(text.replace(",", "."))


def equipment_kinds(value: str) -> tuple[list[str], list[str]]:
    """Equipment kinds from 'cnc_mill, Lasersnijder': (known kinds, unknown words)."""
    kinds, unknown = [], []
    words = _equipment_words()
    for word in value.replace(";", ",").split(","):
        word = word.strip()
        if not word:
            continue
        kind = words.get(word.lower()) or words.get(word)
        if kind is None or kind == EquipmentKind.OTHER:
            unknown.append(word)
        elif kind not in kinds:
            kinds.append(str(kind))
    return kinds, unknown


def check_course_rows(*, rows: list[dict], header: list[str]) -> CourseImport:
    """Validate every row and column; collect all problems."""
    result = CourseImport()
    missing = [column for column in COURSE_REQUIRED if column not in header]
    unknown = [column for column in header if column and column not in KNOWN_COLUMNS]
    for column in missing:
        result.problems.append(
            Problem(1, column, _("The column “%(column)s” is missing.") % {"column": column})
        )
    for column in unknown:
        result.problems.append(
            Problem(
                1,
                column,
                _("Unknown column “%(column)s”. Rename or remove it.") % {"column": column},
            )
        )
    if missing:
        return result
    if not rows:
        result.problems.append(Problem(2, "", _("The file has no courses below the header.")))
    seen: dict[tuple[str, str], int] = {}
    url_validator = URLValidator()
    for index, raw in enumerate(rows):
        row = index + 2
        problems: list[Problem] = []
        clean: dict = {"row": row}

        def add(column: str, message: str, problems=problems, row=row) -> None:
            problems.append(Problem(row, column, message))

        for name, limit in (("title", 200), ("provider", 200), ("location_name", 120)):
            value = raw.get(name, "")
            if not value:
                add(name, _("This field is empty."))
            elif len(value) > limit:
                add(name, _("Longer than %(n)s characters.") % {"n": limit})
            clean[name] = value
        key = (clean["title"].lower(), clean["provider"].lower())
        if key in seen:
            add("title", _("This course is also on row %(other)s.") % {"other": seen[key]})
        seen.setdefault(key, row)
        clean["description"] = raw.get("description", "")
        coordinates = {}
        for name in ("latitude", "longitude"):
            try:
                coordinates[name] = _number(raw.get(name, ""), Decimal)
            except InvalidOperation:
                add(name, _("“%(value)s” is not a number.") % {"value": raw.get(name, "")})
        if len(coordinates) == 2:
            if not in_netherlands(float(coordinates["latitude"]), float(coordinates["longitude"])):
                add(
                    "latitude",
                    _(
                        "The coordinates %(lat)s, %(lon)s lie outside the Netherlands. Check "
                        "that latitude and longitude are not swapped."
                    )
                    % {"lat": coordinates["latitude"], "lon": coordinates["longitude"]},
                )
            clean["latitude"] = coordinates["latitude"].quantize(Decimal("0.00001"))
            clean["longitude"] = coordinates["longitude"].quantize(Decimal("0.00001"))
        for name, kind, default, low in (
            ("min_participants", int, None, 1),
            ("second_group_at", int, None, 1),
            ("days", int, 1, 1),
            ("hours", Decimal, Decimal("6"), Decimal("0.5")),
            ("price", Decimal, Decimal("0"), 0),
        ):
            value = raw.get(name, "")
            if not value:
                if name == "min_participants":
                    add(name, _("This field is empty."))
                clean[name] = default
                continue
            try:
                number = _number(value, kind)
            except (ValueError, InvalidOperation):
                add(
                    name,
                    _("“%(value)s” is not a whole number.") % {"value": value}
                    if kind is int
                    else _("“%(value)s” is not a number.") % {"value": value},
                )
                continue
            if number < low:
                add(name, _("At least %(n)s.") % {"n": low})
            clean[name] = number
        if (
            clean.get("second_group_at") is not None
            and clean.get("min_participants") is not None
            and clean["second_group_at"] <= clean["min_participants"]
        ):
            add("second_group_at", _("The second group must start above the minimum."))
        codes = []
        for word in raw.get("profiles", "").replace(";", ",").replace("/", ",").split(","):
            word = word.strip()
            if not word:
                continue
            code = PROFILE_WORDS.get(word.lower())
            if code is None:
                add(
                    "profiles",
                    _("Unknown profile “%(value)s”. Use BWI, PIE, M&T, MVI, MaT and so on.")
                    % {"value": word},
                )
            else:
                codes.append(code)
        clean["profiles"] = codes
        kinds, unknown_kinds = equipment_kinds(raw.get("equipment", ""))
        for word in unknown_kinds:
            add(
                "equipment",
                _("Unknown equipment “%(value)s”. Use e.g. cnc_mill, laser_cutter, 3d_printer.")
                % {"value": word},
            )
        clean["equipment"] = kinds
        url = raw.get("url", "")
        if url:
            try:
                url_validator(url)
            except ValidationError:
                add("url", _("“%(value)s” is not a web address.") % {"value": url})
        clean["url"] = url
        result.problems.extend(problems)
        if not problems:
            result.clean.append(clean)
    return result


def courses_import(*, actor: User, region: Region, name: str, data: bytes) -> CourseImport:
    """Read, check and (only when every row is valid) write the courses. A course with the same
    title and provider is updated."""
    table = read_table(name=name, data=data, aliases=COURSE_ALIASES)
    result = check_course_rows(rows=table.rows, header=table.header)
    if not result.ok:
        return result
    profiles = {p.code: p for p in Profile.objects.all()}
    with transaction.atomic():
        for row in result.clean:
            values = {
                k: v for k, v in row.items() if k not in {"row", "title", "provider", "profiles"}
            }
            course, created = ExternalCourse.objects.update_or_create(
                region=region, title=row["title"], provider=row["provider"], defaults=values
            )
            course.profiles.set([profiles[c] for c in row["profiles"] if c in profiles])
            if created:
                result.created += 1
            else:
                result.updated += 1
        audit_log(
            actor=actor,
            action="demand.courses_import",
            target=region,
            filename=name[:100],
            created=result.created,
            updated=result.updated,
        )
    return result


@transaction.atomic
def course_save(*, actor: User, course: ExternalCourse, profiles: list[Profile]) -> ExternalCourse:
    created = course.pk is None
    if not in_netherlands(float(course.latitude), float(course.longitude)):
        raise ValidationError({"latitude": _("These coordinates lie outside the Netherlands.")})
    course.full_clean()
    course.save()
    course.profiles.set(profiles)
    audit_log(
        actor=actor,
        action="demand.course_create" if created else "demand.course_update",
        target=course,
        course_id=course.pk,
    )
    return course


@transaction.atomic
def campaign_save(*, actor: User, campaign: Campaign, courses: list[ExternalCourse]) -> Campaign:
    """Create or edit a campaign. A course that already has pledges cannot be taken out."""
    created = campaign.pk is None
    if any(course.region_id != campaign.region_id for course in courses):
        raise ValidationError({"courses": _("Choose courses of the campaign's region.")})
    if not courses:
        raise ValidationError({"courses": _("Choose at least one course.")})
    campaign.full_clean()
    if created:
        campaign.created_by = actor
    campaign.save()
    wanted = {course.pk for course in courses}
    removing = CampaignCourse.objects.filter(campaign=campaign).exclude(course_id__in=wanted)
    if (
        removing.filter(pledges__isnull=False).exists()
        or removing.filter(unnamed_pledges__isnull=False).exists()
    ):
        raise ValidationError(
            {"courses": _("A course that already has pledges cannot be taken out of the campaign.")}
        )
    removing.delete()
    existing = set(
        CampaignCourse.objects.filter(campaign=campaign).values_list("course_id", flat=True)
    )
    CampaignCourse.objects.bulk_create(
        [CampaignCourse(campaign=campaign, course_id=pk) for pk in wanted - existing]
    )
    audit_log(
        actor=actor,
        action="demand.campaign_create" if created else "demand.campaign_update",
        target=campaign,
        campaign_id=campaign.pk,
    )
    return campaign


@transaction.atomic
def campaign_from_question(
    *, actor: User, question, campaign: Campaign, courses: list[ExternalCourse]
) -> Campaign:
    """A new campaign made by a coordinator from a question on the board (issue 6): saved as
    any campaign, and the question is marked converted, both or neither."""
    from samenleren.community.models import QuestionStatus
    from samenleren.community.services.conversions import question_mark_converted

    if campaign.pk is not None or campaign.region_id != question.region_id:
        raise ValidationError(_("Make a new campaign in the question's region."))
    if question.status == QuestionStatus.CONVERTED:
        raise ValidationError(_("This question has already been taken further."))
    campaign_save(actor=actor, campaign=campaign, courses=courses)
    question_mark_converted(
        question=question, kind="campaign", target_url=campaign.get_absolute_url(), actor=actor
    )
    return campaign
