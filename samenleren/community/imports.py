"""Importing questions from elsewhere (CSV or XLSX): every row is checked first, with row and
column in each problem; nothing is written unless all rows are valid."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenleren.core.tabular import read_table
from samenleren.network.models import Organisation

from .models import Question, QuestionSource
from .services.checks import clean_tags, clean_text
from .services.questions import question_create

ALIASES = {
    "text": "text",
    "tekst": "text",
    "vraag": "text",
    "question": "text",
    "title": "title",
    "titel": "title",
    "organisation": "organisation",
    "organisatie": "organisation",
    "school": "organisation",
    "tags": "tags",
    "labels": "tags",
}


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


def _tags(value: str) -> list[str]:
    return [t.strip() for t in value.replace(";", ",").split(",") if t.strip()]


def questions_check(*, region, name: str, data: bytes) -> tuple[list[dict], list[Problem]]:
    """The rows ready to write, or the problems (row numbers as in a spreadsheet: header = 1)."""
    table = read_table(name=name, data=data, aliases=ALIASES)
    if "text" not in table.header:
        return [], [Problem(1, "text", _("The file needs a column 'text' (or 'vraag')."))]
    organisations = {o.name.lower(): o for o in Organisation.objects.filter(region=region)}
    ready, problems = [], []
    for number, row in enumerate(table.rows, start=2):
        values = {"title": "", "organisation": None, "tags": []}
        for column, check in (
            ("text", lambda v: clean_text(v, field="text")),
            ("title", lambda v: clean_text(v, field="title", required=False, limit=200)),
            ("tags", lambda v: clean_tags(_tags(v))),
        ):
            try:
                values[column] = check(row.get(column, ""))
            except ValidationError as error:
                problems.extend(Problem(number, column, m) for m in error.messages)
        name_given = row.get("organisation", "").strip()
        if name_given:
            organisation = organisations.get(name_given.lower())
            if organisation is None:
                problems.append(
                    Problem(
                        number,
                        "organisation",
                        _("Unknown organisation in this region: %(name)s") % {"name": name_given},
                    )
                )
            values["organisation"] = organisation
        ready.append(values)
    if not table.rows:
        problems.append(Problem(2, "text", _("The file has no rows under the header.")))
    return ready, problems


@transaction.atomic
def questions_import(*, region, rows: list[dict]) -> list[Question]:
    return [
        question_create(
            author=None,
            region=region,
            source=QuestionSource.IMPORT,
            check_rate=False,
            **row,
        )
        for row in rows
    ]
