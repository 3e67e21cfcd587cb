"""The yearly report and the personal development overview as PDF (fpdf2, built-in fonts).

Text goes through activities.pdf.pdf_text, so any name prints (Windows-1252, accents folded
when needed). Tables are the same Table objects as on screen: a hidden group of 1 to 4 people
reads "< 5", any other hidden cell the marker "verborgen" ("hidden"), see selectors/tables.py.
"""

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from samenleren.activities.pdf import ENCODING, FONT, pdf_text

from .exports import table_rows
from .selectors.tables import Table

INK = (27, 27, 31)
BRAND = (10, 79, 148)
MUTED = (74, 74, 85)
HEAD = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BRAND)


class _ReportPDF(FPDF):
    def __init__(self, *, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.core_fonts_encoding = ENCODING
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=18)
        self.footer_text = pdf_text(footer_text)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text} - {self.page_no()}", align="C")

    def heading(self, text: str, *, size: float = 14) -> None:
        self.set_font(FONT, style="B", size=size)
        self.set_text_color(*BRAND)
        self.multi_cell(0, size * 0.5, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def paragraph(self, text: str, *, size: float = 10, colour=INK) -> None:
        self.set_font(FONT, size=size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def figures(self, table: Table) -> None:
        rows = table_rows(table)
        if len(rows) <= 1:
            return
        if self.will_page_break(30):
            self.add_page()
        self.heading(table.title, size=12)
        columns = len(rows[0])
        first = 34 if columns > 4 else 50
        rest = (100 - first) / max(columns - 1, 1)
        self.set_font(FONT, size=7 if columns > 6 else 9)
        self.set_text_color(*INK)
        with self.table(
            col_widths=[first] + [rest] * (columns - 1),
            headings_style=HEAD,
            line_height=self.font_size * 1.6,
            text_align=["LEFT"] + ["RIGHT"] * (columns - 1),
            first_row_as_headings=True,
        ) as pdf_table:
            for row in rows:
                line = pdf_table.row()
                for value in row:
                    line.cell(pdf_text(value))
        for text in (table.note, table.legend):
            if text:
                self.paragraph(text, size=8, colour=MUTED)
        self.ln(3)


def report_pdf(
    *,
    title: str,
    subtitle: str,
    text: str,
    tables: list[Table],
    school_tables: list[tuple[str, list[Table]]] = (),
    language: str,
    progress=None,
) -> bytes:
    pdf = _ReportPDF(footer_text=title)
    pdf.set_title(pdf_text(title))
    pdf.set_lang(language)
    pdf.add_page()
    pdf.heading(title, size=20)
    pdf.paragraph(subtitle, size=11, colour=MUTED)
    if text:
        pdf.paragraph(text, size=10)
    for table in tables:
        pdf.figures(table)
    for index, (heading, per_school) in enumerate(school_tables):
        pdf.add_page()
        pdf.heading(heading, size=16)
        for table in per_school:
            pdf.figures(table)
        if progress is not None:
            progress(index + 1, len(school_tables))
    return bytes(pdf.output())


def overview_pdf(
    *, title: str, lines: list[tuple[str, str]], tables: list[Table], language: str
) -> bytes:
    """Mijn ontwikkeling for the bekwaamheidsdossier: a few facts and tables."""
    pdf = _ReportPDF(footer_text=title)
    pdf.set_title(pdf_text(title))
    pdf.set_lang(language)
    pdf.add_page()
    pdf.heading(title, size=18)
    for label, value in lines:
        pdf.paragraph(f"{label}: {value}", size=10)
    for table in tables:
        pdf.figures(table)
    return bytes(pdf.output())
