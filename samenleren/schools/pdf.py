"""The TechLab tour's route sheet as a PDF for the bus driver and the participants (fpdf2,
built-in fonts, like insights.pdf).

Text goes through activities.pdf.pdf_text, so every Dutch letter, dash and euro sign prints
(Windows-1252) and anything beyond is folded instead of breaking the PDF. `route_sheet` holds
every text of the sheet, so what the PDF says can be checked without reading the PDF.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from samenleren.activities.pdf import BRAND, ENCODING, FONT, INK, MUTED, pdf_text

from .tour import Route

HEAD = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BRAND)
# #, lab, address, drive, arrival, time at the lab, departure (mm on A4 portrait).
WIDTHS = [7, 48, 42, 17, 20, 20, 20]
ALIGN = ["RIGHT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"]


@dataclass(frozen=True)
class RouteSheet:
    title: str
    subtitle: str
    start: str
    columns: list[str]
    rows: list[list[str]]  # one per stop, in visiting order
    totals: list[str]
    made_on: str


def _clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _minutes(n: int) -> str:
    return _("%(n)s min") % {"n": n}


def _address(organisation) -> str:
    town = " ".join(part for part in (organisation.postcode, organisation.city) if part)
    return "\n".join(part for part in (organisation.street, town) if part)


def _start(route: Route) -> str:
    time = _clock(route.starts_at)
    place = route.start_place
    if place is None:
        return _("The tour starts at %(time)s at the first lab.") % {"time": time}
    where = ", ".join(part for part in (place.name, _address(place).replace("\n", " ")) if part)
    return _("Leave at %(time)s from %(place)s.") % {"time": time, "place": where}


def _row(number: int, stop, *, from_start: bool) -> list[str]:
    lab = stop.place
    stay = round((stop.departs_at - stop.arrives_at).total_seconds() / 60)
    # The first lab without a start place: the group arrives there itself, no driving.
    drive = _minutes(stop.drive_minutes) if number > 1 or from_start else "–"
    return [
        str(number),
        f"{lab.name}\n{lab.organisation.name}",
        _address(lab.organisation),
        drive,
        _clock(stop.arrives_at),
        _minutes(stay),
        _clock(stop.departs_at),
    ]


def route_sheet(*, route: Route, region_name: str, today: date) -> RouteSheet:
    """Every text of the route sheet, in the active language."""
    day = formats.date_format(timezone.localtime(route.starts_at).date(), "l j F Y")
    from_start = route.start_place is not None
    return RouteSheet(
        title=_("Route sheet for %(day)s") % {"day": day},
        subtitle=_("TechLab tour in %(region)s") % {"region": region_name},
        start=_start(route),
        columns=[
            "#",
            _("Lab"),
            _("Address"),
            _("Drive"),
            _("Arrival"),
            _("Time at the lab"),
            _("Departure"),
        ],
        rows=[
            _row(number, stop, from_start=from_start)
            for number, stop in enumerate(route.stops, start=1)
        ],
        totals=[
            ngettext(
                "Driving in total: %(counter)s minute.",
                "Driving in total: %(counter)s minutes.",
                route.drive_minutes,
            )
            % {"counter": route.drive_minutes},
            _("The last visit ends at %(end)s.") % {"end": _clock(route.ends_at)},
        ],
        made_on=_("Made on %(day)s") % {"day": formats.date_format(today, "j F Y")},
    )


class _RoutePDF(FPDF):
    def __init__(self, *, made_on: str, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.made_on = pdf_text(made_on)
        self.page_label = pdf_text(page_label)  # "page %(page)s of %(pages)s"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        # "{nb}" is fpdf2's alias for the number of pages, filled in when the PDF is written.
        page = self.page_label % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 5, f"{self.made_on} – {page}", align="C")

    def paragraph(self, text: str, *, size: float = 10, style: str = "", colour=INK) -> None:
        self.set_font(FONT, style=style, size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def stops(self, sheet: RouteSheet) -> None:
        self.set_font(FONT, size=9)
        self.set_text_color(*INK)
        with self.table(
            col_widths=WIDTHS,
            headings_style=HEAD,
            line_height=self.font_size * 1.4,
            padding=1.5,
            text_align=ALIGN,
            first_row_as_headings=True,
        ) as table:
            for values in [sheet.columns, *sheet.rows]:
                row = table.row()
                for value in values:
                    row.cell(pdf_text(value))
        self.ln(3)


def route_pdf(*, route: Route, region_name: str, language: str) -> bytes:
    """The route sheet in `language` (the requester's)."""
    with translation.override(language):
        sheet = route_sheet(route=route, region_name=region_name, today=timezone.localdate())
        pdf = _RoutePDF(made_on=sheet.made_on, page_label=_("page %(page)s of %(pages)s"))
        pdf.set_title(pdf_text(f"{sheet.title} – {sheet.subtitle}"))
        pdf.set_lang(language)
        pdf.add_page()
        pdf.paragraph(sheet.title, size=18, style="B", colour=BRAND)
        pdf.paragraph(sheet.subtitle, size=12, colour=MUTED)
        pdf.paragraph(sheet.start, size=11)
        pdf.stops(sheet)
        for line in sheet.totals:
            pdf.paragraph(line, size=11, style="B")
        return bytes(pdf.output())
