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

    assert [(b.label, b.value, b.text) for b in table.bars()] == [
        ("A", 0, HIDDEN),
        ("B", 20.0, "20"),
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
    # A share or an average does not add up to the total: no second cell is hidden for it.
    assert table.value("Activities", "share") == HIDDEN
    assert table.value("E-learning", "share") == 0
    assert not table.is_hidden(-1, "share")
    assert not table.is_hidden(-1, "average")
