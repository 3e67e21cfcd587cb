"""The certificate of participation as a PDF (fpdf2, pure Python, one of its built-in fonts).

The built-in fonts cover Windows-1252, which has every Dutch letter (ë, é, ï, ó, ĳ as "ij") and
the usual typographic quotes and dashes. Anything beyond that is written without its accent, or
as "?" when it has no Latin form, so a name never breaks the PDF.
"""

import io
import unicodedata
from decimal import Decimal

import segno
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from .models import Certificate

ENCODING = "windows-1252"
FONT = "Helvetica"
INK = (27, 27, 31)
BRAND = (10, 79, 148)
MUTED = (74, 74, 85)


# Letters that do not decompose into a base letter and an accent.
_LATIN = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ħ": "H", "ħ": "h"})


def pdf_text(text: str) -> str:
    """Text the built-in fonts can show: unchanged when it fits Windows-1252."""
    result = []
    for char in text.translate(_LATIN):
        try:
            char.encode(ENCODING)
        except UnicodeEncodeError:
            folded = unicodedata.normalize("NFKD", char)
            folded = "".join(c for c in folded if not unicodedata.combining(c))
            try:
                folded.encode(ENCODING)
            except UnicodeEncodeError:
                folded = "?"
            result.append(folded or "?")
        else:
            result.append(char)
    return "".join(result)


def hours_text(hours: Decimal) -> str:
    """12 → "12", 1.50 → "1,5" (in Dutch): no trailing zeros."""
    value = (
        hours.quantize(Decimal("1")) if hours == hours.to_integral_value() else hours.normalize()
    )
    return formats.number_format(value)


def days_text(certificate: Certificate) -> str:
    first = formats.date_format(certificate.first_day, "j F Y")
    if certificate.first_day == certificate.last_day:
        return first
    last = formats.date_format(certificate.last_day, "j F Y")
    return _("%(first)s to %(last)s") % {"first": first, "last": last}


def qr_png(url: str, *, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


class _CertificatePDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING
        self.set_auto_page_break(auto=False)
        self.set_margins(25, 25, 25)

    def line_of(self, text: str, *, size: float, style: str = "", colour=INK, gap: float = 2):
        self.set_font(FONT, style=style, size=size)
        self.set_text_color(*colour)
        self.multi_cell(
            0,
            size * 0.5,
            pdf_text(text),
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(gap)


def certificate_pdf(*, certificate: Certificate, verify_url: str, language: str) -> bytes:
    """The certificate in `language` (the owner's preferred language)."""
    with translation.override(language):
        title = _("Certificate of participation")
        pdf = _CertificatePDF()
        pdf.set_title(pdf_text(f"{title}: {certificate.activity_title}"))
        pdf.set_author(pdf_text(certificate.region_name))
        pdf.set_lang(language)
        pdf.add_page()

        pdf.set_draw_color(*BRAND)
        pdf.set_line_width(1.2)
        pdf.rect(12, 12, pdf.w - 24, pdf.h - 24)

        pdf.set_y(40)
        pdf.line_of(certificate.region_name, size=12, colour=MUTED, gap=10)
        pdf.line_of(title, size=28, style="B", colour=BRAND, gap=14)
        pdf.line_of(_("This is to certify that"), size=13, colour=MUTED, gap=4)
        pdf.line_of(certificate.person_name, size=22, style="B", gap=8)
        pdf.line_of(_("took part in"), size=13, colour=MUTED, gap=4)
        pdf.line_of(certificate.activity_title, size=18, style="B", gap=10)

        facts = [
            (_("Date"), days_text(certificate)),
            (
                _("Sessions attended"),
                _("%(attended)s of %(total)s")
                % {"attended": certificate.sessions_attended, "total": certificate.sessions_total},
            ),
            (_("Study hours"), hours_text(certificate.hours)),
        ]
        if certificate.provider:
            facts.append((_("Provider"), certificate.provider))
        facts.append(
            (
                _("Issued on"),
                formats.date_format(timezone.localtime(certificate.issued_at), "j F Y"),
            )
        )
        for label, value in facts:
            pdf.line_of(f"{label}: {value}", size=12, gap=1.5)

        qr_size = 38
        qr_top = pdf.h - 25 - qr_size - 22
        pdf.image(
            io.BytesIO(qr_png(verify_url)),
            x=(pdf.w - qr_size) / 2,
            y=qr_top,
            w=qr_size,
            h=qr_size,
            alt_text=pdf_text(_("QR code of the verification address")),
        )
        pdf.set_y(qr_top + qr_size + 3)
        pdf.line_of(_("Check that this certificate is genuine at:"), size=9, colour=MUTED, gap=0)
        pdf.set_font(FONT, size=9)
        pdf.set_text_color(*BRAND)
        pdf.cell(0, 5, verify_url, align=Align.C, link=verify_url)
        return bytes(pdf.output())
