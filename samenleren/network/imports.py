"""Import organisations and people from CSV/XLSX: validate every row first, write all or nothing.

Each problem is reported with its row number (as the spreadsheet shows it, header = row 1) and
the column, so a coordinator can fix the file without guessing.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from samenleren.accounts.models import User
from samenleren.core.services import audit_log

from .models import (
    Board,
    Function,
    Organisation,
    OrganisationKind,
    Profile,
    ProfileCode,
    Region,
    Subregion,
)
from .services import affiliation_add
from .validators import (
    normalise_brin,
    normalise_postcode,
    validate_brin,
    validate_coordinates,
    validate_postcode,
)

ORGANISATION_ALIASES = {
    "naam": "name",
    "name": "name",
    "soort": "kind",
    "type": "kind",
    "kind": "kind",
    "brin": "brin",
    "brin code": "brin",
    "brincode": "brin",
    "straat": "street",
    "adres": "street",
    "street": "street",
    "address": "street",
    "postcode": "postcode",
    "zip": "postcode",
    "plaats": "city",
    "woonplaats": "city",
    "city": "city",
    "town": "city",
    "subregio": "subregion",
    "subregion": "subregion",
    "bestuur": "board",
    "board": "board",
    "breedtegraad": "latitude",
    "latitude": "latitude",
    "lat": "latitude",
    "lengtegraad": "longitude",
    "longitude": "longitude",
    "lon": "longitude",
    "lng": "longitude",
    "personeel": "staff_count",
    "aantal medewerkers": "staff_count",
    "staff": "staff_count",
    "staff count": "staff_count",
    "profielen": "profiles",
    "profiles": "profiles",
}
ORGANISATION_REQUIRED = ["name", "kind"]

PEOPLE_ALIASES = {
    "e-mail": "email",
    "email": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "voornaam": "first_name",
    "first name": "first_name",
    "achternaam": "last_name",
    "last name": "last_name",
    "organisatie": "organisation",
    "school": "organisation",
    "organisation": "organisation",
    "functie": "function",
    "function": "function",
    "taal": "language",
    "language": "language",
    "profielen": "profiles",
    "profiles": "profiles",
    "vakken": "subjects",
    "subjects": "subjects",
}
PEOPLE_REQUIRED = ["email", "first_name", "last_name", "organisation", "function"]

KIND_WORDS = {
    "po": OrganisationKind.PO,
    "basisschool": OrganisationKind.PO,
    "primary": OrganisationKind.PO,
    "vo": OrganisationKind.VO,
    "vmbo": OrganisationKind.VO,
    "secondary": OrganisationKind.VO,
    "mbo": OrganisationKind.MBO,
    "bedrijf": OrganisationKind.COMPANY,
    "company": OrganisationKind.COMPANY,
    "anders": OrganisationKind.OTHER,
    "other": OrganisationKind.OTHER,
}

FUNCTION_WORDS = {f.value: f.value for f in Function} | {
    "docent": Function.TEACHER,
    "leraar": Function.TEACHER,
    "leerkracht": Function.TEACHER,
    "instructeur": Function.INSTRUCTOR,
    "w&t-coördinator": Function.WT_COORDINATOR,
    "w&t coordinator": Function.WT_COORDINATOR,
    "wt-coordinator": Function.WT_COORDINATOR,
    "teamleider": Function.TEAM_LEADER,
    "ondersteunend personeel": Function.SUPPORT_STAFF,
    "oop": Function.SUPPORT_STAFF,
    "anders": Function.OTHER,
    "overig": Function.OTHER,
}
PROFILE_WORDS = {code.value.lower(): code.value for code in ProfileCode} | {
    "dp": "D&P",
    "eo": "E&O",
    "mt": "M&T",
    "zw": "Z&W",
}


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Checked:
    """The outcome of validation: clean rows ready to write, or problems."""

    clean: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def missing_columns(header: list[str], kind: str) -> list[str]:
    required = ORGANISATION_REQUIRED if kind == "organisations" else PEOPLE_REQUIRED
    return [column for column in required if column not in header]


def _profiles(value: str, row: int, problems: list[Problem]) -> list[str]:
    codes = []
    for word in value.replace(";", ",").replace("/", ",").split(","):
        word = word.strip()
        if not word:
            continue
        code = PROFILE_WORDS.get(word.lower())
        if code is None:
            problems.append(
                Problem(
                    row,
                    "profiles",
                    _(
                        "Unknown profile “%(value)s”. Use the codes BWI, D&P, E&O, Groen, HBR, MaT, MVI, "
                        "M&T, PIE or Z&W, separated by commas."
                    )
                    % {"value": word},
                )
            )
        else:
            codes.append(code)
    return codes


def check_organisations(*, region: Region, rows: list[dict], progress=None) -> Checked:
    result = Checked()
    subregions = {s.name.lower(): s.pk for s in Subregion.objects.filter(region=region)}
    seen_brins: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for index, raw in enumerate(rows):
        row = index + 2
        problems: list[Problem] = []
        clean: dict = {"row": row}
        name = raw.get("name", "")
        if not name:
            problems.append(Problem(row, "name", _("The name is empty.")))
        elif len(name) > 200:
            problems.append(Problem(row, "name", _("The name is longer than 200 characters.")))
        elif name.lower() in seen_names:
            problems.append(
                Problem(
                    row,
                    "name",
                    _("This name is also on row %(other)s.") % {"other": seen_names[name.lower()]},
                )
            )
        seen_names.setdefault(name.lower(), row)
        clean["name"] = name
        kind = KIND_WORDS.get(raw.get("kind", "").lower())
        if kind is None:
            problems.append(
                Problem(
                    row,
                    "kind",
                    _("Unknown kind “%(value)s”. Use po, vo, mbo, bedrijf or anders.")
                    % {"value": raw.get("kind", "")},
                )
            )
        clean["kind"] = kind
        brin = normalise_brin(raw.get("brin", ""))
        try:
            validate_brin(brin)
        except ValidationError as error:
            problems.append(Problem(row, "brin", error.messages[0]))
        if brin and brin in seen_brins:
            problems.append(
                Problem(
                    row,
                    "brin",
                    _("This BRIN code is also on row %(other)s.") % {"other": seen_brins[brin]},
                )
            )
        seen_brins.setdefault(brin, row)
        clean["brin"] = brin
        postcode = normalise_postcode(raw.get("postcode", ""))
        try:
            validate_postcode(postcode)
        except ValidationError as error:
            problems.append(Problem(row, "postcode", error.messages[0]))
        clean["postcode"] = postcode
        clean["street"] = raw.get("street", "")[:200]
        clean["city"] = raw.get("city", "")[:100]
        clean["board"] = raw.get("board", "")[:200]
        subregion = raw.get("subregion", "")
        if subregion and subregion.lower() not in subregions:
            problems.append(
                Problem(
                    row,
                    "subregion",
                    _("Unknown subregion “%(value)s”. Known: %(known)s.")
                    % {"value": subregion, "known": ", ".join(sorted(subregions)) or "-"},
                )
            )
        clean["subregion_id"] = subregions.get(subregion.lower()) if subregion else None
        clean["latitude"], clean["longitude"] = _coordinates(raw, row, problems)
        clean["staff_count"] = _whole_number(
            raw.get("staff_count", ""), row, "staff_count", problems
        )
        clean["profiles"] = _profiles(raw.get("profiles", ""), row, problems)
        result.problems += problems
        if not problems:
            result.clean.append(clean)
        if progress:
            progress(index + 1)
    return result


def _coordinates(raw: dict, row: int, problems: list[Problem]):
    values = []
    for column in ("latitude", "longitude"):
        text = raw.get(column, "").replace(",", ".")
        if not text:
            values.append(None)
            continue
        try:
            values.append(Decimal(text).quantize(Decimal("0.00001")))
        except InvalidOperation:
            problems.append(
                Problem(
                    row,
                    column,
                    _("“%(value)s” is not a number. Use decimal degrees such as 50.85.")
                    % {"value": raw.get(column)},
                )
            )
            return None, None
    try:
        validate_coordinates(*values)
    except ValidationError as error:
        problems.append(Problem(row, "latitude", error.messages[0]))
        return None, None
    return values[0], values[1]


def _whole_number(text: str, row: int, column: str, problems: list[Problem]) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        problems.append(
            Problem(row, column, _("“%(value)s” is not a whole number.") % {"value": text})
        )
        return None
    return int(text)


def apply_organisations(
    *, actor: User | None, region: Region, clean: list[dict]
) -> tuple[int, int]:
    """Write validated rows: match on BRIN, else on name in the region. Returns (created, updated)."""
    created = updated = 0
    profiles = {p.code: p for p in Profile.objects.all()}
    with transaction.atomic():
        for data in clean:
            board = None
            if data["board"]:
                board, _unused = Board.objects.get_or_create(name=data["board"])
            fields = {
                "name": data["name"],
                "kind": data["kind"],
                "brin": data["brin"],
                "street": data["street"],
                "postcode": data["postcode"],
                "city": data["city"],
                "subregion_id": data["subregion_id"],
                "board": board,
                "latitude": data["latitude"],
                "longitude": data["longitude"],
                "staff_count": data["staff_count"],
            }
            lookup = (
                {"brin": data["brin"]} if data["brin"] else {"region": region, "name": data["name"]}
            )
            organisation = Organisation.objects.filter(**lookup).first()
            if organisation is None:
                organisation = Organisation.objects.create(region=region, **fields)
                created += 1
            else:
                for name, value in fields.items():
                    setattr(organisation, name, value)
                organisation.save()
                updated += 1
            if data["profiles"]:
                organisation.profiles.set([profiles[code] for code in data["profiles"]])
        audit_log(
            actor=actor,
            action="import.organisations",
            target=region,
            created=created,
            updated=updated,
        )
    return created, updated


def check_people(*, region: Region, rows: list[dict], progress=None) -> Checked:
    result = Checked()
    organisations = Organisation.objects.filter(region=region)
    by_brin = {o.brin: o.pk for o in organisations if o.brin}
    by_name = {o.name.lower(): o.pk for o in organisations}
    seen_emails: dict[str, int] = {}
    for index, raw in enumerate(rows):
        row = index + 2
        problems: list[Problem] = []
        email = raw.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                Problem(
                    row,
                    "email",
                    _("“%(value)s” is not a valid e-mail address.")
                    % {"value": raw.get("email", "")},
                )
            )
        if email in seen_emails:
            problems.append(
                Problem(
                    row,
                    "email",
                    _("This e-mail address is also on row %(other)s.")
                    % {"other": seen_emails[email]},
                )
            )
        seen_emails.setdefault(email, row)
        for column, limit in (("first_name", 100), ("last_name", 150)):
            if not raw.get(column):
                problems.append(Problem(row, column, _("This column is empty.")))
            elif len(raw[column]) > limit:
                problems.append(
                    Problem(row, column, _("Longer than %(limit)s characters.") % {"limit": limit})
                )
        organisation = raw.get("organisation", "")
        organisation_id = by_brin.get(normalise_brin(organisation)) or by_name.get(
            organisation.lower()
        )
        if organisation_id is None:
            problems.append(
                Problem(
                    row,
                    "organisation",
                    _(
                        "No organisation “%(value)s” in this region. Use its BRIN code or its exact name."
                    )
                    % {"value": organisation},
                )
            )
        function = FUNCTION_WORDS.get(raw.get("function", "").lower())
        if function is None:
            problems.append(
                Problem(
                    row,
                    "function",
                    _(
                        "Unknown function “%(value)s”. Use for example docent, toa, instructeur, mentor, "
                        "decaan, teamleider or oop."
                    )
                    % {"value": raw.get("function", "")},
                )
            )
        language = (raw.get("language") or "nl").lower()[:2]
        if language not in {"nl", "en"}:
            problems.append(Problem(row, "language", _("Use nl or en.")))
        profiles = _profiles(raw.get("profiles", ""), row, problems)
        result.problems += problems
        if not problems:
            result.clean.append(
                {
                    "row": row,
                    "email": email,
                    "first_name": raw["first_name"],
                    "last_name": raw["last_name"],
                    "organisation_id": organisation_id,
                    "function": function,
                    "language": language,
                    "profiles": profiles,
                    "subjects": raw.get("subjects", "")[:200],
                }
            )
        if progress:
            progress(index + 1)
    return result


def apply_people(*, actor: User | None, region: Region, clean: list[dict]) -> tuple[int, int]:
    """Create or update people and their affiliation. New people log in with an e-mailed code."""
    from allauth.account.models import EmailAddress

    created = updated = 0
    profiles = {p.code: p for p in Profile.objects.all()}
    organisations = Organisation.objects.in_bulk({d["organisation_id"] for d in clean})
    with transaction.atomic():
        for data in clean:
            person = User.objects.filter(email=data["email"]).first()
            if person is None:
                person = User.objects.create_user(
                    email=data["email"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    preferred_language=data["language"],
                )
                EmailAddress.objects.create(
                    user=person, email=data["email"], primary=True, verified=False
                )
                created += 1
            else:
                person.first_name, person.last_name = data["first_name"], data["last_name"]
                person.save(update_fields=["first_name", "last_name"])
                updated += 1
            affiliation_add(
                person=person,
                organisation=organisations[data["organisation_id"]],
                function=data["function"],
                profiles=[profiles[c] for c in data["profiles"]] if data["profiles"] else None,
                subjects=data["subjects"],
            )
        audit_log(
            actor=actor, action="import.people", target=region, created=created, updated=updated
        )
    return created, updated


CHECKERS = {"organisations": check_organisations, "people": check_people}
APPLIERS = {"organisations": apply_organisations, "people": apply_people}
ALIASES = {"organisations": ORGANISATION_ALIASES, "people": PEOPLE_ALIASES}
