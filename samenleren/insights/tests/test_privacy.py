import io

from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import load_workbook

from samenleren.insights.charts import bar_chart
from samenleren.insights.exports import table_csv, tables_xlsx
from samenleren.insights.selectors.tables import HIDDEN, Column, Table, protect


def reach(rows, total=None, parts=()):
    return protect(
        Table(
            key="t",
            title="t",
            columns=[
                Column("name", "Name", "text"),
                Column("people", "People", "people"),
                Column("sto", "STO", "people"),
                Column("others", "Others", "people"),
                Column("registrations", "Registrations", "count", "people"),
            ],
            rows=rows,
            total=total,
            parts=list(parts),
        )
    )


def row(name, people, sto=0, others=0, registrations=0):
    return {
        "name": name,
        "people": people,
        "sto": sto,
        "others": others,
        "registrations": registrations,
    }


def test_one_to_four_people_are_hidden_and_zero_is_shown():
    table = reach([row("A", 4, registrations=9), row("B", 0), row("C", 5), row("D", 1)])

    assert [table.value(n, "people") for n in "ABCD"] == [HIDDEN, 0, 5, HIDDEN]
    assert table.value("A", "registrations") == HIDDEN
    assert table.value("C", "registrations") == 0


def test_a_single_hidden_cell_in_a_column_with_a_total_hides_the_next_smallest():
    table = reach([row("A", 3), row("B", 20), row("C", 8)], total=row("Total", 31))

    assert [table.value(n, "people") for n in "ABC"] == [HIDDEN, 20, HIDDEN]
    assert table.display_total[1].text == "31"


def test_two_hidden_cells_need_no_second_hiding():
    table = reach([row("A", 3), row("B", 2), row("C", 8)], total=row("Total", 13))

    assert [table.value(n, "people") for n in "ABC"] == [HIDDEN, HIDDEN, 8]


def test_parts_of_a_whole_are_hidden_together():
    table = reach([row("A", 12, sto=2, others=10)], parts=[("sto", "others")])

    assert table.value("A", "sto") == HIDDEN
    assert table.value("A", "others") == HIDDEN
    assert table.value("A", "people") == 12


def test_the_chart_shows_no_bar_for_hidden_cells():
    table = reach([row("A", 3), row("B", 20)])
    table.chart = "people"

    assert [(b.label, b.value, b.text, b.hidden) for b in table.bars()] == [
        ("A", 0, HIDDEN, True),
        ("B", 20.0, "20", False),
    ]


def test_a_guarded_hours_column_with_one_hidden_cell_hides_the_total_when_no_other_is_left():
    # A school: fewer than five people spent 6 hours on activities, nobody did e-learning.
    table = protect(
        Table(
            key="hours",
            title="hours",
            columns=[
                Column("name", "Source", "text"),
                Column("people", "People", "people"),
                Column("hours", "Participant hours", "hours", "people"),
                Column("share", "Share", "percent", "people"),
                Column("average", "Average", "score", "people"),
            ],
            rows=[
                {"name": "Activities", "people": 2, "hours": 6, "share": 40, "average": 4.5},
                {"name": "E-learning", "people": 0, "hours": 0, "share": 0, "average": None},
            ],
            total={"name": "Total", "people": None, "hours": 6, "share": 40, "average": 4.5},
        )
    )

    assert table.value("Activities", "hours") == HIDDEN
    assert table.value("E-learning", "hours") == 0
    # The total minus the 0 shown would give the hidden 6 hours away.
    assert table.is_hidden(-1, "hours")
    # A share or an average does not add up, but with no other row having one, the total is
    # the hidden row's figure (40 %, 4.5): hidden too.
    assert table.value("Activities", "share") == HIDDEN
    assert table.value("E-learning", "share") == 0
    assert table.is_hidden(-1, "share")
    assert table.is_hidden(-1, "average")


def test_a_share_with_other_rows_hides_no_second_cell_and_no_total():
    table = protect(
        Table(
            key="kinds",
            title="kinds",
            columns=[
                Column("name", "Kind", "text"),
                Column("people", "People", "people"),
                Column("average", "Average", "score", "people"),
            ],
            rows=[
                {"name": "Training", "people": 3, "average": 4.5},
                {"name": "Network", "people": 12, "average": 3.0},
                {"name": "Visit", "people": 9, "average": 4.0},
            ],
            total={"name": "Total", "people": 24, "average": 3.6},
        )
    )

    assert [table.value(n, "average") for n in ("Training", "Network", "Visit")] == [
        HIDDEN,
        3.0,
        HIDDEN,  # rule 4 on the people column hides Visit's 9 people, and its average with it
    ]
    assert not table.is_hidden(-1, "average")


def _function_table():
    """A: 3 people (rule 1), B: 6 people hidden as the second cell (rule 4)."""
    table = reach(
        [row("A", 3, registrations=7), row("B", 6, registrations=8), row("C", 20)],
        total=row("Total", 29, registrations=15),
    )
    table.chart = "people"
    return table


def test_only_a_group_of_one_to_four_reads_less_than_five_other_hidden_cells_read_hidden():
    table = _function_table()

    assert table.small == {(0, "people")}
    assert table.hidden == {
        (0, "people"),
        (1, "people"),
        (0, "registrations"),
        (1, "registrations"),
    }
    # Table.value() (tests, the API) does not tell them apart.
    assert [table.value(n, "people") for n in "AB"] == [HIDDEN, HIDDEN]
    with translation.override("en"):
        a, b = table.display_rows[0], table.display_rows[1]
        assert [(c.text, c.small) for c in a[1:]] == [
            ("< 5", True),
            ("0", False),
            ("0", False),
            ("hidden", False),
        ]
        assert [c.text for c in b[1:]] == ["hidden", "0", "0", "hidden"]
        assert a[1].title == "fewer than five: not shown, to protect privacy"
        assert (
            b[1].title == "not shown, so that a small number cannot be worked out from the others"
        )
        assert [a[1].export_value, b[1].export_value, a[4].export_value] == [
            "< 5",
            "hidden",
            "hidden",
        ]
        assert [bar.text for bar in table.bars()] == ["< 5", "hidden", "20"]
    with translation.override("nl"):
        assert [c.text for c in b[1:]] == ["verborgen", "0", "0", "verborgen"]
        assert (
            b[1].title
            == "niet getoond, zodat een klein aantal niet uit de andere cijfers terug te rekenen is"
        )
        assert table_csv(table).splitlines()[1:3] == [
            "A;< 5;0;0;verborgen",
            "B;verborgen;0;0;verborgen",
        ]


def test_the_page_explains_each_hidden_cell_and_greys_out_its_bar():
    table = _function_table()

    with translation.override("nl"):
        html = render_to_string("insights/_table.html", {"table": table})
        chart = str(bar_chart(table, chart_id="chart"))

    assert (
        '<abbr title="minder dan vijf: niet getoond, ter bescherming van de privacy">&lt; 5</abbr>'
        in html
    )
    assert (
        '<abbr title="niet getoond, zodat een klein aantal niet uit de andere cijfers terug te '
        'rekenen is">verborgen</abbr>'
    ) in html
    assert chart.count('class="bar bar-hidden"') == 2
    assert ">verborgen</text>" in chart


def test_print_and_spreadsheets_say_what_the_hidden_cells_mean():
    table = reach([row("A", 3), row("B", 20), row("C", 8)], total=row("Total", 31))
    nothing_hidden = reach([row("A", 30)])

    with translation.override("nl"):
        legend = table.legend
        sheet = load_workbook(io.BytesIO(tables_xlsx([table]))).active
        rows = [r[0] for r in sheet.iter_rows(values_only=True)]

    assert legend == (
        "“< 5”: minder dan vijf: niet getoond, ter bescherming van de privacy. "
        "“verborgen”: niet getoond, zodat een klein aantal niet uit de andere cijfers terug te "
        "rekenen is."
    )
    assert rows[-1] == legend
    assert nothing_hidden.legend == ""
