"""Tables as CSV and XLSX, exactly as the screen shows them.

Hidden cells are text: "< 5" for a group of 1 to 4 people, the marker "verborgen" ("hidden")
for a cell hidden so that such a group cannot be worked out (selectors/tables.py).

CSV: UTF-8 with a byte order mark and ';' between fields, as the calendar's exports, so Excel
with Dutch settings opens it as it is. Text that a spreadsheet would run as a formula (starting
with = + - @) is written with a leading apostrophe, in CSV and XLSX alike.
"""

import csv
import io
from collections.abc import Iterable

from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .selectors.tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> str:
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in FORMULA_STARTS else text


def table_rows(table: Table) -> list[list[str]]:
    """Header, rows and total as text (for CSV and the PDF)."""
    rows = [[str(c.label) for c in table.columns]]
    rows += [[cell.text for cell in cells] for cells in table.display_rows]
    if table.display_total is not None:
        rows.append([cell.text for cell in table.display_total])
    return rows


def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(c.label) for c in table.columns])
    for cells in table.display_rows:
        writer.writerow([_csv_value(cell) for cell in cells])
    if table.display_total is not None:
        writer.writerow([_csv_value(cell) for cell in table.display_total])
    return "\ufeff" + buffer.getvalue()


def _csv_value(cell) -> str:
    if cell.hidden or not cell.column.numeric:
        return safe_text(cell.text)
    return cell.text if cell.value is not None else ""


def _sheet_title(title: str, used: set[str]) -> str:
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31].strip() or "Tabel"
    name, number = clean, 2
    while name in used:
        suffix = f" ({number})"
        name = clean[: 31 - len(suffix)] + suffix
        number += 1
    used.add(name)
    return name


def tables_xlsx(
    tables: Iterable[Table], *, heading: str = "", text: str = "", meta: list[tuple] = ()
) -> bytes:
    """One sheet per table; with `heading`/`text`/`meta` a first sheet that introduces them."""
    workbook = Workbook()
    bold = Font(bold=True)
    used: set[str] = set()
    first = workbook.active
    if heading or text or meta:
        first.title = _sheet_title(pgettext("yearly report", "Introduction"), used)
        first.append([safe_text(heading)])
        first["A1"].font = Font(bold=True, size=14)
        for label, value in meta:
            first.append([safe_text(label), safe_text(value)])
        if text:
            first.append([])
            for paragraph in text.splitlines():
                first.append([safe_text(paragraph)])
        first.column_dimensions["A"].width = 40
        first.column_dimensions["B"].width = 40
        sheet = None
    else:
        sheet = first
    for table in tables:
        if sheet is None:
            sheet = workbook.create_sheet()
        sheet.title = _sheet_title(table.title, used)
        sheet.append([safe_text(c.label) for c in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for cells in table.display_rows:
            sheet.append([_xlsx_value(cell) for cell in cells])
        if table.display_total is not None:
            sheet.append([_xlsx_value(cell) for cell in table.display_total])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        if table.note or table.legend:
            sheet.append([])
        for text in (table.note, table.legend):
            if text:
                sheet.append([safe_text(text)])
        sheet.freeze_panes = "B2"
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = (
                36 if index == 1 else max(12, min(30, len(str(column.label)) + 2))
            )
        sheet = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell):
    value = cell.export_value
    return safe_text(value) if isinstance(value, str) else value
