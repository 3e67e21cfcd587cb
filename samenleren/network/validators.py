"""Dutch codes that people type by hand: BRIN and postcode."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BRIN_RE = re.compile(r"^\d{2}[A-Z]{2}(\d{2})?$")
POSTCODE_RE = re.compile(r"^([1-9]\d{3})\s?([A-Z]{2})$")


def normalise_brin(value: str) -> str:
    return value.replace(" ", "").upper()


def validate_brin(value: str) -> None:
    if value and not BRIN_RE.match(value):
        raise ValidationError(
            _(
                "A BRIN code has two digits and two letters, for example 12AB (or 12AB01 for a "
                "branch)."
            ),
            code="brin",
        )


def normalise_postcode(value: str) -> str:
    match = POSTCODE_RE.match(value.strip().upper())
    return f"{match.group(1)} {match.group(2)}" if match else value.strip().upper()


def validate_postcode(value: str) -> None:
    if value and not POSTCODE_RE.match(value):
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, for example 6211 AB."),
            code="postcode",
        )


# Roughly the Netherlands, with a margin for schools just across the border.
NL_LATITUDE = (50.6, 53.7)
NL_LONGITUDE = (3.2, 7.3)


def validate_coordinates(latitude, longitude) -> None:
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("Give both latitude and longitude, or neither."), code="coords")
    if not (NL_LATITUDE[0] <= float(latitude) <= NL_LATITUDE[1]) or not (
        NL_LONGITUDE[0] <= float(longitude) <= NL_LONGITUDE[1]
    ):
        raise ValidationError(
            _(
                "These coordinates are outside the Netherlands. Use decimal degrees, for example "
                "50.85, 5.69 for Maastricht."
            ),
            code="coords",
        )
