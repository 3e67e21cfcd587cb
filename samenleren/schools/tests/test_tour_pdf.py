"""The TechLab tour's route sheet as a PDF: the planner's plan, rights and errors."""

import re
import zlib
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samenleren.network.tests.factories import AffiliationFactory
from samenleren.schools.pdf import route_sheet
from samenleren.schools.tests.test_labs_and_tour import _lab_in, _tour_data
from samenleren.schools.tests.test_region_choice import regions  # noqa: F401 (a fixture)
from samenleren.schools.tour import plan_route

pytestmark = pytest.mark.django_db

PDF_URL = reverse("schools:tour_pdf")
PLANNER = reverse("schools:tour")


def text_of(content: bytes) -> str:
    """The text the PDF shows, one line per text operator (fpdf2 compresses each page with zlib
    and writes the built-in fonts' text as Windows-1252 strings)."""
    lines = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            page = zlib.decompress(stream)
        except zlib.error:
            continue  # not a page (an image, say)
        for line in re.findall(rb"BT .*? ET", page):
            strings = re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", line)
            text = b"".join(re.sub(rb"\\(.)", rb"\1", s) for s in strings)
            lines.append(text.decode("cp1252"))
    return "\n".join(line for line in lines if line)


def in_order(text: str, items: list[str]) -> bool:
    """Each item occurs in `text` after the one before it."""
    position = 0
    for item in items:
        position = text.find(item, position)
        if position == -1:
            return False
        position += len(item)
    return True


def _clock(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


@pytest.fixture
def tour(school):
    region = school["region"]
    return [_lab_in(region, "Heerlen"), _lab_in(region, "Valkenburg"), _lab_in(region, "Kerkrade")]


def test_the_pdf_lists_the_labs_in_route_order_with_their_times(client, school, tour):
    start = school["organisation"]
    client.force_login(school["coordinator"])

    response = client.get(PDF_URL, _tour_data(tour, vanaf=start.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="techlab-tour-2026-03-04.pdf"'
    assert response.content.startswith(b"%PDF")
    route = plan_route(
        labs=tour,
        starts_at=timezone.make_aware(datetime(2026, 3, 4, 9, 0)),
        visit_minutes=45,
        start_place=start,
    )
    assert route.stops[0].place.name == "TechLab Valkenburg"  # nearest to Maastricht
    text = text_of(response.content)
    expected = [
        "Routeblad voor woensdag 4 maart 2026",
        f"TechLab-tour in {school['region'].name}",
        f"Vertrek om 09:00 vanaf {start.name}",
    ]
    for number, stop in enumerate(route.stops, start=1):
        expected += [
            str(number),
            stop.place.name,
            stop.place.organisation.name,
            stop.place.organisation.city,
            f"{stop.drive_minutes} min.",
            _clock(stop.arrives_at),
            "45 min.",
            _clock(stop.departs_at),
        ]
    expected += [
        f"In totaal {route.drive_minutes} minuten rijden.",
        f"Het laatste bezoek eindigt om {_clock(route.ends_at)}.",
        f"Gemaakt op {timezone.localdate().day}",
        "pagina 1 van 1",
    ]
    assert in_order(text, expected), text


def test_accents_dashes_and_the_euro_sign_print(client, school):
    lab = _lab_in(school["region"], "Heerlen", name="Maakplaats Zoë – €-lab")
    lab.organisation.name = "Collège Sint-Ëlsloo"
    lab.organisation.save()
    client.force_login(school["coordinator"])

    text = text_of(client.get(PDF_URL, _tour_data([lab])).content)

    assert "Maakplaats Zoë – €-lab" in text
    assert "Collège Sint-Ëlsloo" in text


def test_the_pdf_is_in_the_requesters_language(client, school, tour):
    school["coordinator"].preferred_language = "en"
    school["coordinator"].save()
    client.force_login(school["coordinator"])

    text = text_of(client.get(PDF_URL, _tour_data(tour)).content)

    assert "Route sheet for Wednesday 4 March 2026" in text
    assert "The tour starts at 09:00 at the first lab." in text
    assert in_order(text, ["Arrival", "Departure", "45 min", "Driving in total:"])
    assert "page 1 of 1" in text
    assert "Routeblad" not in text


def test_the_sheet_data_without_a_start_place(school, tour):
    route = plan_route(
        labs=tour, starts_at=timezone.make_aware(datetime(2026, 3, 4, 9, 0)), visit_minutes=30
    )

    with translation.override("nl"):
        sheet = route_sheet(route=route, region_name="Zuid-Limburg", today=date(2026, 3, 1))

    assert sheet.start == "De tour begint om 09:00 bij het eerste lab."
    assert [row[1].split("\n")[0] for row in sheet.rows] == [s.place.name for s in route.stops]
    first, second = sheet.rows[0], sheet.rows[1]
    assert first[3:] == ["–", "09:00", "30 min.", "09:30"]  # no driving to the first lab
    assert second[3] == f"{route.stops[1].drive_minutes} min."
    assert second[4] == _clock(route.stops[1].arrives_at)
    assert sheet.made_on == "Gemaakt op 1 maart 2026"


def test_the_planner_links_to_the_pdf_of_its_plan(client, school, tour):
    client.force_login(school["coordinator"])

    page = client.get(PLANNER, _tour_data(tour, vanaf=school["organisation"].pk))
    link = re.search(r'<a href="([^"]+)">Routeblad als PDF</a>', page.text)
    pdf = client.get(link.group(1).replace("&amp;", "&"))

    assert pdf.status_code == 200
    assert in_order(text_of(pdf.content), ["Vertrek om 09:00 vanaf", "TechLab Valkenburg"])
    assert "Routeblad als PDF" not in client.get(PLANNER).text  # no plan, no link


def test_after_a_refused_calendar_form_the_link_still_carries_the_plan(client, school, tour):
    client.force_login(school["coordinator"])

    page = client.post(PLANNER, _tour_data(tour, title="", capacity=10))
    link = re.search(r'<a href="([^"]+)">Routeblad als PDF</a>', page.text).group(1)

    assert all(f"labs={lab.pk}" in link for lab in tour)
    assert client.get(link.replace("&amp;", "&"))["Content-Type"] == "application/pdf"


def test_a_teacher_gets_the_pdf_like_the_plan(client, school, tour):
    client.force_login(school["teacher"])

    response = client.get(PDF_URL, _tour_data(tour))

    assert response.status_code == 200
    assert "TechLab Kerkrade" in text_of(response.content)


def test_someone_without_a_school_is_sent_to_the_planner(client, school, tour):
    client.force_login(school["outsider"])

    response = client.get(PDF_URL, _tour_data(tour), follow=True)

    assert response.redirect_chain == [(PLANNER, 302)]
    assert "Voeg je organisatie toe" in response.text


@pytest.mark.parametrize(
    "change, error",
    [
        ({"labs": []}, "Kies minstens één lab om te bezoeken."),
        ({"labs": ["x"]}, "Selecteer een geldige keuze."),
        ({"datum": "gisteren"}, "Voer een geldige datum in."),
        ({"minuten": "5"}, "Zorg ervoor dat deze waarde minstens 10 is."),
        ({"start": "25:99"}, "Voer een geldige tijd in."),
        (
            {"datum": "9999-12-31", "start": "23:00", "minuten": "240"},
            "Op deze datum kan geen tour worden gepland. Kies een eerdere datum.",
        ),
    ],
)
def test_bad_input_goes_back_to_the_planner_with_its_errors(client, school, tour, change, error):
    client.force_login(school["coordinator"])

    response = client.get(PDF_URL, {**_tour_data(tour), **change}, follow=True)

    (url, status), *_ = response.redirect_chain
    assert (url.split("?")[0], status) == (PLANNER, 302)
    assert response["Content-Type"].startswith("text/html")
    assert error in response.text
    assert "Er is nog geen geplande route om een routeblad van te maken." in response.text


def test_too_many_labs_go_back_to_the_planner(client, school):
    labs = [_lab_in(school["region"], "Heerlen", name=f"Lab {n}") for n in range(13)]
    client.force_login(school["coordinator"])

    response = client.get(PDF_URL, _tour_data(labs), follow=True)

    assert "Een tour kan op één dag hooguit 12 labs bezoeken; je koos er 13." in response.text


def test_a_teacher_cannot_put_another_regions_lab_on_the_sheet(
    client,
    school,
    regions,  # noqa: F811
):
    """A teacher plans in the region of their own school, like on the page."""
    client.force_login(school["teacher"])

    response = client.get(PDF_URL, _tour_data([regions["south_lab"]]))

    assert response.status_code == 302
    assert response.url.startswith(PLANNER)


def test_the_pdf_plans_in_the_chosen_region(client, regions):  # noqa: F811
    client.force_login(regions["both"])
    plan = _tour_data([regions["south_lab"]])

    chosen = client.get(PDF_URL, {**plan, "regio": "zuid-limburg"})
    default = client.get(PDF_URL, plan)  # Noord-Limburg, which has no such lab

    text = text_of(chosen.content)
    assert "TechLab Heerlen" in text
    assert "TechLab-tour in Zuid-Limburg" in text
    assert default.status_code == 302
    page = client.get(PLANNER, {**plan, "regio": "zuid-limburg"})
    assert "regio=zuid-limburg" in re.search(r'<a href="([^"]+)">Routeblad', page.text).group(1)


def test_a_region_one_does_not_coordinate_is_not_found(client, regions):  # noqa: F811
    client.force_login(regions["north_only"])

    response = client.get(PDF_URL, {**_tour_data([regions["south_lab"]]), "regio": "zuid-limburg"})

    assert response.status_code == 404
    assert b"Heerlen" not in response.content


def test_the_pdf_is_only_read(client, school, tour):
    client.force_login(school["coordinator"])

    assert client.post(PDF_URL, _tour_data(tour)).status_code == 405


def test_a_second_teacher_school_in_the_region_can_be_the_start(client, school, tour):
    other = AffiliationFactory(person=school["teacher"], organisation=tour[2].organisation)
    client.force_login(school["teacher"])

    response = client.get(PDF_URL, _tour_data(tour, vanaf=other.organisation.pk))

    assert f"Vertrek om 09:00 vanaf {other.organisation.name}" in text_of(response.content)
