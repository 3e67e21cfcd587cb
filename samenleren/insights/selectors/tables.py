"""Tables of figures and the privacy rule that every screen, export and report applies.

The rule (docs/insights.md):
1. A cell that counts people (`kind="people"`) and holds 1 to 4 is hidden: a small group.
2. Cells that add up to a shown cell (STO staff + other staff + not determined = people) are
   parts: when exactly one part is hidden, the smallest other part above zero is hidden too, so
   no part can be subtracted from the whole.
3. Figures about the people of a row (registrations, hours, shares, average scores) are hidden
   with the row's people cell (their `guard`).
4. In a table with a total row, a people column or a guarded count or hours column with
   exactly one hidden cell gets a second one hidden: the smallest other cell above zero, or
   the total when there is none. The total minus the shown cells then never singles out one
   hidden cell (a school with hidden hours of activities, 0 of e-learning and a total of 6
   gave the 6 away). A guarded share or average does not add up, but when no other row has
   one its total is the hidden row's figure: that total is hidden then.
Steps 2 to 4 repeat until nothing changes. Zero is shown: it reveals nobody.

How a hidden cell reads: only a rule-1 cell (in `Table.small`) really holds 1 to 4, so only it
reads "< 5". A cell hidden by rules 2 to 4 can hold any number and reads MARKER ("verborgen"),
with MARKER_TITLE as its explanation. `Table.value()` and the API do not tell the two apart.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SMALL = 5
HIDDEN = "< 5"  # what Table.value() gives for any hidden cell, and how a rule-1 cell reads
SMALL_TITLE = _("fewer than five: not shown, to protect privacy")
MARKER = pgettext_lazy("privacy", "hidden")  # how a cell hidden by rules 2 to 4 reads
MARKER_TITLE = _("not shown, so that a small number cannot be worked out from the others")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # text | count | people | hours | percent | score
    guard: str = ""  # the people column whose hiding hides this one

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    total: dict[str, Any] | None = None
    chart: str = ""  # the column shown as bars, by the first (text) column
    parts: list[tuple[str, ...]] = field(default_factory=list)
    note: str = ""
    hidden: set[tuple[int, str]] = field(default_factory=set)  # (row index or -1, key)
    small: set[tuple[int, str]] = field(default_factory=set)  # hidden by rule 1: holds 1 to 4
    objects: list = field(default_factory=list)  # what each row is about, where useful

    def is_hidden(self, index: int, key: str) -> bool:
        return (index, key) in self.hidden

    def is_small(self, index: int, key: str) -> bool:
        return (index, key) in self.small

    @property
    def legend(self) -> str:
        """What the hidden cells of this table mean, for print and spreadsheets (a web page
        explains each cell in its title): empty when nothing is hidden."""
        lines = []
        if self.small:
            lines.append(f"“{HIDDEN}”: {SMALL_TITLE}.")
        if self.hidden - self.small:
            lines.append(f"“{MARKER}”: {MARKER_TITLE}.")
        return " ".join(lines)

    def hide(self, index: int, key: str, *, small: bool = False) -> None:
        """Hide a cell; `small` when it holds 1 to 4 people (it then reads "< 5")."""
        self.hidden.add((index, key))
        if small:
            self.small.add((index, key))

    def cells(self, index: int, row: dict) -> list["Cell"]:
        """A row's cells. A row may set its own number format in "_kind" (lists of figures)."""
        own = row.get("_kind")
        return [
            Cell(
                column=Column(column.key, column.label, own, column.guard)
                if own and column.numeric
                else column,
                value=row.get(column.key),
                hidden=self.is_hidden(index, column.key),
                small=self.is_small(index, column.key),
            )
            for column in self.columns
        ]

    @property
    def display_rows(self) -> list[list["Cell"]]:
        return [self.cells(index, row) for index, row in enumerate(self.rows)]

    @property
    def display_total(self) -> list["Cell"] | None:
        return self.cells(-1, self.total) if self.total is not None else None

    @property
    def label_key(self) -> str:
        return self.columns[0].key

    def value(self, label: str, key: str) -> Any:
        """A shown value by row label (tests, the API): HIDDEN when it is hidden."""
        for index, row in enumerate(self.rows):
            if str(row[self.label_key]) == label:
                return HIDDEN if self.is_hidden(index, key) else row.get(key)
        raise KeyError(label)

    def bars(self) -> list["Bar"]:
        """The chart: one bar per row of the chart column; hidden and empty rows get no bar."""
        if not self.chart:
            return []
        result = []
        for index, row in enumerate(self.rows):
            value = row.get(self.chart)
            hidden = self.is_hidden(index, self.chart)
            result.append(
                Bar(
                    label=str(row[self.label_key]),
                    value=0 if hidden or value is None else float(value),
                    text=hidden_text(small=self.is_small(index, self.chart))
                    if hidden
                    else format_value(value, row.get("_kind") or self.column(self.chart).kind),
                    hidden=hidden,
                )
            )
        return result

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str
    hidden: bool = False


@dataclass(frozen=True)
class Cell:
    column: Column
    value: Any
    hidden: bool
    small: bool = False  # hidden by rule 1: it holds 1 to 4 people

    @property
    def text(self) -> str:
        if self.hidden:
            return hidden_text(small=self.small)
        return format_value(self.value, self.column.kind)

    @property
    def title(self) -> str:
        """What a hidden cell's text means (the HTML abbr title); empty for a shown cell."""
        if not self.hidden:
            return ""
        return str(SMALL_TITLE if self.small else MARKER_TITLE)

    @property
    def export_value(self) -> Any:
        """For XLSX: numbers stay numbers; hidden cells are their text ("< 5" or the marker)."""
        if self.hidden:
            return self.text
        if self.value is None:
            return ""
        if isinstance(self.value, Decimal):
            return float(self.value)
        if self.column.kind == "text":
            return str(self.value)
        return self.value


def hidden_text(*, small: bool) -> str:
    """How a hidden cell reads: "< 5" only when it really holds 1 to 4 (rule 1)."""
    return HIDDEN if small else str(MARKER)


def format_value(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "percent":
        return f"{formats.number_format(value, 0)} %"
    if kind == "score":
        return formats.number_format(value, 1)
    if kind == "hours":
        value = Decimal(value)
        places = 0 if value == value.to_integral_value() else 1
        return formats.number_format(value, places, use_l10n=True)
    if isinstance(value, int):
        return formats.number_format(value, 0, use_l10n=True, force_grouping=True)
    return str(value)


def _small(value: Any) -> bool:
    return isinstance(value, int) and 0 < value < SMALL


def protect(table: Table) -> Table:
    """Apply the privacy rule (module docstring) to the table, in place; returns it."""
    people = [c.key for c in table.columns if c.kind == "people"]
    # Guarded columns that add up to the total (a share or an average does not).
    guarded = [c for c in table.columns if c.guard]
    additive = [c.key for c in guarded if c.kind in {"count", "hours"}]
    averaged = [c.key for c in guarded if c.key not in additive]
    indexes = list(range(len(table.rows)))
    if table.total is not None:
        indexes.append(-1)

    def row_of(index: int) -> dict:
        return table.total if index == -1 else table.rows[index]

    hidden = table.hidden
    for index in indexes:
        for key in people:
            if _small(row_of(index).get(key)):
                table.hide(index, key, small=True)
    changed = True
    while changed:
        changed = False
        for index in indexes:
            row = row_of(index)
            for group in table.parts:
                if sum((index, key) in hidden for key in group) != 1:
                    continue
                shown = [k for k in group if (index, k) not in hidden and (row.get(k) or 0) > 0]
                if shown:
                    hidden.add((index, min(shown, key=lambda k: row[k])))
                    changed = True
        for column in guarded:
            for index in indexes:
                if (index, column.guard) in hidden and (index, column.key) not in hidden:
                    hidden.add((index, column.key))
                    changed = True
        if table.total is None:
            continue
        for key in people + additive:
            changed |= _hide_a_second(table, key)
        for key in averaged:
            changed |= _hide_a_lone_total(table, key)
    return table


def _hide_a_lone_total(table: Table, key: str) -> bool:
    """Rule 4 for a share or an average: hide the total when the one hidden cell is the only
    row with a figure (the total is then that row's figure); returns whether it hid it."""
    if (-1, key) in table.hidden or not table.total.get(key):
        return False
    hidden = [i for i in range(len(table.rows)) if (i, key) in table.hidden]
    others = [i for i in range(len(table.rows)) if i not in hidden and table.rows[i].get(key)]
    if len(hidden) != 1 or others:
        return False
    table.hidden.add((-1, key))
    return True


def _hide_a_second(table: Table, key: str) -> bool:
    """Rule 4 for one column: returns whether it hid something."""
    hidden = table.hidden
    in_column = [i for i in range(len(table.rows)) if (i, key) in hidden]
    if len(in_column) != 1 or (-1, key) in hidden:
        return False
    candidates = [
        i
        for i in range(len(table.rows))
        if (i, key) not in hidden and (table.rows[i].get(key) or 0) > 0
    ]
    if candidates:
        hidden.add((min(candidates, key=lambda i: table.rows[i][key]), key))
    elif table.total.get(key):
        hidden.add((-1, key))
    else:
        return False
    return True


NOT_KNOWN = _("not known")
