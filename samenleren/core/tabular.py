"""Read an uploaded CSV or XLSX file into rows of text, whatever the spreadsheet program did."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _


class TabularError(ValueError):
    """The file as a whole cannot be read (wrong type, empty, no header)."""


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[dict[str, str]]  # keyed by normalised column name, values stripped


def normalise_header(name: str) -> str:
    return " ".join(str(name or "").strip().lower().replace("_", " ").split())


def read_table(*, name: str, data: bytes, aliases: dict[str, str]) -> Table:
    """Parse CSV (comma or semicolon, UTF-8 with or without BOM, or Windows-1252) or XLSX.

    `aliases` maps accepted column names (Dutch or English) to the canonical field names.
    """
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        raw_rows = _read_xlsx(data)
    elif lowered.endswith((".csv", ".txt")):
        raw_rows = _read_csv(data)
    else:
        raise TabularError(_("Upload a .csv or .xlsx file."))
    raw_rows = [row for row in raw_rows if any(cell.strip() for cell in row)]
    if not raw_rows:
        raise TabularError(_("The file is empty."))
    header = [aliases.get(normalise_header(cell), normalise_header(cell)) for cell in raw_rows[0]]
    rows = [
        {header[i]: (row[i].strip() if i < len(row) else "") for i in range(len(header))}
        for row in raw_rows[1:]
    ]
    return Table(header=header, rows=rows)


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise TabularError(_("The file's text could not be read. Save it as UTF-8 CSV."))
    if "\x00" in text:
        raise TabularError(_("This is not a CSV file. Save it as UTF-8 CSV or XLSX."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise TabularError(_("This is not a valid XLSX file.")) from error
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
