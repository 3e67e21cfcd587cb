"""Open Badges 2.0 documents (hosted verification) and the badge image, drawn here as SVG."""

import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape

from samenleren.network.models import Region

from .models import BadgeAssertion, BadgeClass

CONTEXT = "https://w3id.org/openbadges/v2"


def issuer_document(*, region: Region, absolute) -> dict:
    """The Issuer Profile: the region's learning network. `absolute` makes a path absolute."""
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": absolute(reverse("learning:issuer_json", args=[region.slug])),
        "name": f"Samen Leren – {region.name}",
        "url": absolute(reverse("learning:home")),
        "email": settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip(),
    }


def badge_class_document(*, badge: BadgeClass, absolute) -> dict:
    owner = badge.module or badge.path
    criteria_url = (
        reverse("learning:module", args=[badge.module_id])
        if badge.module_id
        else reverse("learning:path", args=[badge.path_id])
    )
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": absolute(reverse("learning:badge_class_json", args=[badge.pk])),
        "name": badge.name,
        "description": badge.description,
        "image": absolute(reverse("learning:badge_image", args=[badge.pk])),
        "criteria": {"id": absolute(criteria_url), "narrative": badge.criteria},
        "issuer": absolute(reverse("learning:issuer_json", args=[owner.region.slug])),
        "tags": [t.name for t in badge.module.themes.all()] if badge.module_id else [],
    }


def assertion_document(*, assertion: BadgeAssertion, absolute) -> dict:
    document = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": absolute(reverse("learning:assertion_json", args=[assertion.uuid])),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": assertion.salt,
            "identity": assertion.recipient_hash,
        },
        "badge": absolute(reverse("learning:badge_class_json", args=[assertion.badge_id])),
        "issuedOn": assertion.issued_on.isoformat(),
        "verification": {"type": "hosted"},
        "evidence": absolute(reverse("learning:badge", args=[assertion.uuid])),
    }
    if assertion.revoked:
        document["revoked"] = True
        document["revocationReason"] = assertion.revocation_reason
    return document


# Colour pairs with white text at more than 4.5:1 contrast.
PALETTE = ["#0a4f94", "#a3410a", "#1d5e2c", "#6b2c91", "#8a1538", "#00596b"]


def _lines(text: str, width: int = 16, count: int = 3) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > count:
        lines = lines[:count]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def badge_svg(*, badge: BadgeClass) -> str:
    """A round badge with a ribbon: the name on a coloured disc, 'Samen Leren' below."""
    colour = PALETTE[int(hashlib.sha256(badge.name.encode()).hexdigest(), 16) % len(PALETTE)]
    lines = _lines(badge.name)
    first_y = 200 - (len(lines) - 1) * 14
    text = "".join(
        f'<text x="200" y="{first_y + 28 * i}" font-size="24" font-weight="700" '
        f'text-anchor="middle" fill="#ffffff">{escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" '
        f'role="img" aria-label="{escape(badge.name)}">'
        f'<path d="M120 300 L95 395 L140 370 L165 395 L185 310 Z" fill="{colour}" opacity="0.8"/>'
        f'<path d="M280 300 L305 395 L260 370 L235 395 L215 310 Z" fill="{colour}" opacity="0.8"/>'
        f'<circle cx="200" cy="190" r="170" fill="#ffffff" stroke="{colour}" stroke-width="14"/>'
        f'<circle cx="200" cy="190" r="148" fill="{colour}"/>'
        '<circle cx="200" cy="190" r="132" fill="none" stroke="#ffffff" stroke-width="3" '
        'stroke-dasharray="6 8"/>'
        f"{text}"
        '<text x="200" y="300" font-size="18" text-anchor="middle" fill="#ffffff">'
        "Samen Leren</text>"
        "</svg>"
    )
