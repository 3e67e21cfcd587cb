"""Journey 6: on a Sunday evening, on her phone, a PIE teacher continues a Netflixleren module
from "Verder kijken" at the lesson where she stopped, passes the last lesson's quiz, completes
the module, gets the badge (its public page and its Open Badges JSON) and sees her study hours.
She ends on Mijn ontwikkeling: this school year's hours (a training she attended and the module
she just completed) against the budget of her collective agreement, and she downloads the PDF
overview for her bekwaamheidsdossier and all her data as JSON."""

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.text import capfirst
from playwright.sync_api import Page, expect

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.services.certificates import certificates_issue
from samenleren.activities.tests.factories import AttendanceFactory, RegistrationFactory
from samenleren.insights.tests.factories import past_activity
from samenleren.learning.models import BadgeAssertion, LessonKind, Module, ModuleProgress
from samenleren.learning.services.progress import lesson_complete
from samenleren.learning.tests.factories import (
    LessonFactory,
    ModuleFactory,
    OptionFactory,
    QuestionFactory,
)
from samenleren.network.models import Function, Profile
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
    coordinator_of,
)
from tests.e2e.conftest import DESKTOP
from tests.e2e.ui import field, nl, nl_plural

EMAIL = "sanne.hendriks@maasoever.example"
TITLE = "Domotica in de klas"
QUESTION = "Wat is een ingang van een domoticasysteem?"
HANDOUT = b"%PDF-1.7\n" + b"Lashelm: glas heel, filter 11, hoofdband goed.\n" * 20
BROKEN_VIDEO_MESSAGE = (
    "We do not recognise this video link. Paste the link of a YouTube video (such as "
    "https://www.youtube.com/watch?v=abcdefghijk) or a Vimeo video (such as "
    "https://vimeo.com/123456789)."
)


def open_menu_link(page: Page, name: str) -> None:
    """Follow a link in the main menu, which is folded away on a phone."""
    page.get_by_text(nl("Menu"), exact=True).click()
    page.get_by_role("navigation", name=nl("Main menu")).get_by_role(
        "link", name=name, exact=True
    ).click()


def test_a_teacher_finishes_her_module_on_her_phone_and_gets_the_badge(
    page: Page, check_a11y, log_in
):
    region = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    pie = Profile.objects.get_or_create(code="PIE")[0]
    school = OrganisationFactory(name="Maasoever Vakcollege", region=region)
    teacher = UserFactory(email=EMAIL, first_name="Sanne", last_name="Hendriks")
    AffiliationFactory(person=teacher, organisation=school, function=Function.TEACHER).profiles.set(
        [pie]
    )
    # Last week she attended a six-hour training and got its certificate.
    training = past_activity(region=region, days_ago=3, hours="6", title="Lasersnijden")
    registration = RegistrationFactory(
        activity=training, person=teacher, organisation=school, function=Function.TEACHER
    )
    AttendanceFactory(registration=registration, session=training.sessions.first(), present=True)
    certificates_issue(activity=training)
    module = ModuleFactory(
        region=region,
        title=TITLE,
        summary="Slimme installaties begrijpen en ermee lesgeven.",
        study_hours=Decimal("1.50"),
        lessons=0,
        profiles=[pie],
    )
    intro = LessonFactory(module=module, position=1, title="Waar gaat het om?")
    video = LessonFactory(
        module=module,
        position=2,
        kind=LessonKind.VIDEO,
        title="Kijk: zo gaat het in de praktijk",
        video_url="https://www.youtube.com/watch?v=kD7mW2pLx9e",
        embed_url="https://www.youtube-nocookie.com/embed/kD7mW2pLx9e",
    )
    quiz = LessonFactory(
        module=module, position=3, kind=LessonKind.QUIZ, title="Test jezelf", body=""
    )
    question = QuestionFactory(lesson=quiz, text=QUESTION)
    OptionFactory(question=question, text="Een lamp", feedback="Een lamp is een uitgang.")
    OptionFactory(question=question, text="Een bewegingsmelder", correct=True, feedback="Ja.")
    ModuleFactory(region=region, title="Zonnepanelen en thuisbatterijen", profiles=[pie])
    # She did the first two lessons on Friday.
    lesson_complete(person=teacher, lesson=intro)
    lesson_complete(person=teacher, lesson=video)

    log_in(page, EMAIL)
    open_menu_link(page, nl("Netflixleren"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Netflixleren"))
    check_a11y(page)

    continuing = page.get_by_role("region", name=nl("Continue watching"))
    expect(continuing.get_by_role("progressbar")).to_have_attribute("value", "66")
    continuing.get_by_role("link", name=TITLE, exact=True).click()

    # Straight to the lesson where she stopped: the quiz.
    expect(page).to_have_url(re.compile(rf"/leren/module/{module.pk}/les/{quiz.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Test jezelf")
    expect(
        page.get_by_text(
            nl("Lesson %(number)s of %(total)s") % {"number": 3, "total": 3}, exact=False
        )
    ).to_be_visible()
    check_a11y(page)

    page.get_by_role("group", name=re.compile(re.escape(QUESTION))).get_by_label(
        "Een bewegingsmelder"
    ).check()
    page.get_by_role("button", name=nl("Check my answers"), exact=True).click()

    # Completed: back on the module page, with the news and the badge.
    expect(page).to_have_url(re.compile(rf"/leren/module/{module.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text(
        nl("Well done: you completed “%(title)s”. The study hours are on your record.")
        % {"title": TITLE}
    )
    check_a11y(page)
    progress = ModuleProgress.objects.get(person=teacher, module=module)
    assert (progress.percent, progress.hours_awarded) == (100, Decimal("1.50"))
    assessment = BadgeAssertion.objects.get(person=teacher)

    page.get_by_role("link", name=nl("See your badge"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/leren/badge/{assessment.uuid}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("img", name=nl("Badge: %(name)s") % {"name": TITLE})).to_be_visible()
    check_a11y(page)

    # The badge can be checked by anyone: the hosted Open Badges 2.0 assertion.
    json_link = page.get_by_role("link", name=nl("Verification (Open Badges JSON)"), exact=True)
    answer = page.request.get(json_link.get_attribute("href"))
    assertion = answer.json()
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/ld+json"
    assert (assertion["@context"], assertion["type"], assertion["verification"]) == (
        "https://w3id.org/openbadges/v2",
        "Assertion",
        {"type": "hosted"},
    )
    assert assertion["id"].endswith(f"/leren/openbadges/assertion/{assessment.uuid}.json")
    assert assertion["recipient"]["identity"] == assessment.recipient_hash
    assert "revoked" not in assertion

    # Her study hours, and the badge, on "Mijn leren".
    open_menu_link(page, nl("My learning"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My learning"))
    expect(page.locator("#study-hours")).to_have_text("1,50")
    completed = page.get_by_role("table", name=nl("Completed modules and their study hours"))
    expect(completed.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE, exact=True).first).to_be_visible()
    check_a11y(page)

    # Mijn ontwikkeling: 6 hours of training and 1.5 of e-learning, against 83 hours (vo teacher).
    open_menu_link(page, nl("My development"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My development"))
    expect(
        page.get_by_text(nl("%(total)s of %(budget)s hours") % {"total": "7,5", "budget": "83"})
    ).to_be_visible()
    hours = page.locator("dl.details")
    expect(hours).to_contain_text(nl("E-learning"))
    expect(hours).to_contain_text("1,5")
    expect(page.get_by_role("link", name="Lasersnijden", exact=True)).to_be_visible()
    completed_here = page.get_by_role("region", name=nl("E-learning modules completed"))
    expect(completed_here).to_contain_text(TITLE)
    badges = page.get_by_role("region", name=nl("Badges"))
    expect(badges.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    check_a11y(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=nl("Overview for your bekwaamheidsdossier (PDF)")).click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as json_download:
        page.get_by_role("link", name=nl("All your data (JSON)")).click()
    data = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == EMAIL
    assert (
        data["hours_this_school_year"]["activities"],
        data["hours_this_school_year"]["elearning"],
        data["hours_this_school_year"]["total"],
    ) == ("6", "1.5", "7.5")
    assert [c["title"] for c in data["learning"]["completions"]] == [TITLE]
    assert [b["title"] for b in data["learning"]["badges"]] == [TITLE]
    assert [c["activity_title"] for c in data["certificates"]] == ["Lasersnijden"]


@pytest.mark.parametrize("viewport", [DESKTOP])
def test_a_coordinator_builds_a_module_and_it_reaches_the_catalogue(
    page: Page, check_a11y, log_in, settings, tmp_path
):
    """The other side of journey 6: a coordinator writes a module (text, video, quiz, a
    download), gets a clear message for a broken video link, puts the lessons in order,
    previews and publishes it; she exports it as a zip with its files and imports that as a
    copy with the same file; a broken zip and a broken JSON file are refused with every problem
    listed at the file field."""
    settings.MFA_REQUIRED_FOR_STAFF = False
    settings.MEDIA_ROOT = tmp_path / "media"
    region = RegionFactory(name="Zuid-Limburg", slug="zuid-limburg")
    coordinator = coordinator_of(region, email="linda@zuid-limburg.example", first_name="Linda")

    log_in(page, coordinator.email)
    page.goto("/leren/beheer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Learning modules"))
    check_a11y(page)
    page.get_by_role("link", name=nl("New module"), exact=True).click()
    check_a11y(page)
    field(page, capfirst(nl("title"))).fill("Veilig lassen")
    field(page, capfirst(nl("summary"))).fill("Lassen zonder brandwonden of lasrook.")
    field(page, capfirst(nl("duration in minutes"))).fill("45")
    field(page, capfirst(nl("study hours"))).fill("1")
    field(page, nl("Themes")).fill("Veilig lassen, Metaal")
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Edit %(title)s") % {"title": "Veilig lassen"}
    )
    check_a11y(page)

    def add_lesson(kind: str) -> None:
        field(page, nl("Kind of lesson")).select_option(label=kind)
        page.get_by_role("button", name=nl("Add a lesson"), exact=True).click()

    add_lesson(nl("Text"))
    field(page, capfirst(nl("title"))).fill("Waarom veilig lassen?")
    field(page, capfirst(nl("text"))).fill("Lassen geeft uv-straling, spatten en lasrook.")
    page.get_by_role("button", name=nl("Save"), exact=True).click()

    add_lesson(nl("Quiz"))
    field(page, capfirst(nl("title"))).fill("Test jezelf")
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("New question"))
    check_a11y(page)
    field(page, nl("Question")).fill("Wat draag je bij het lassen?")
    field(page, nl("Answer %(number)s") % {"number": 1}).fill("Een lashelm")
    field(page, nl("Answer %(number)s is right") % {"number": 1}).check()
    field(page, nl("Answer %(number)s") % {"number": 2}).fill("Een zonnebril")
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    page.get_by_role("link", name="Veilig lassen", exact=True).click()

    add_lesson(nl("Video"))
    field(page, nl("Video link")).fill("https://www.youtube.com/watch?v=kapot")
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(page.locator("#id_video_url_errors")).to_have_text(nl(BROKEN_VIDEO_MESSAGE))
    check_a11y(page)
    field(page, capfirst(nl("title"))).fill("Kijk mee in de werkplaats")
    field(page, nl("Video link")).fill("https://youtu.be/mL9wQ4sVb1c")
    page.get_by_role("button", name=nl("Save"), exact=True).click()

    # The video should come before the quiz.
    page.get_by_role(
        "button", name=nl("Move “%(title)s” up") % {"title": "Kijk mee in de werkplaats"}
    ).click()

    add_lesson(nl("Download"))
    handout = tmp_path / "lashelm-checklist.pdf"
    handout.write_bytes(HANDOUT)
    field(page, capfirst(nl("title"))).fill("Checklist lashelm")
    field(page, capfirst(nl("file"))).set_input_files(handout)
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    lessons = page.locator(".lmanage-lessons > li > span:first-child > a")
    expect(lessons).to_have_text(
        ["Waarom veilig lassen?", "Kijk mee in de werkplaats", "Test jezelf", "Checklist lashelm"]
    )
    check_a11y(page)

    page.get_by_role("link", name=nl("Preview"), exact=True).click()
    expect(
        page.get_by_text(
            nl("Preview: this module is not published yet, so only its authors see it.")
        )
    ).to_be_visible()
    check_a11y(page)
    page.get_by_role("link", name="Kijk mee in de werkplaats", exact=True).click()
    expect(page.get_by_role("link", name=nl("Play the video"), exact=True)).to_be_visible()
    check_a11y(page)
    page.go_back()
    page.get_by_role("link", name=nl("Edit"), exact=True).click()
    page.get_by_role("button", name=nl("Publish"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(nl("The module is published."))

    page.goto("/leren/zoeken/?q=lasrook")
    expect(page.get_by_role("link", name="Veilig lassen", exact=True)).to_be_visible()
    check_a11y(page)

    # Export with the files, and import that as a copy (coordinators move modules this way).
    page.goto("/leren/beheer/")
    page.get_by_role("link", name="Veilig lassen", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name=nl("Export with files (.zip)"), exact=True).click()
    archive = tmp_path / download.value.suggested_filename
    download.value.save_as(archive)
    page.goto("/leren/beheer/importeren/")
    check_a11y(page)
    field(page, nl("Module file (.zip or .json)")).set_input_files(archive)
    page.get_by_role("button", name=nl("Check and import"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(
        nl("Module imported. It is not published yet: check it first.")
    )
    copy = Module.objects.exclude(slug="veilig-lassen").get()
    with copy.lessons.get(kind=LessonKind.DOWNLOAD).file.open("rb") as copied:
        assert copied.read() == HANDOUT

    # A zip with a file outside its folder, then a broken JSON file: nothing is imported, and
    # each problem is listed at the file field it is about.
    with zipfile.ZipFile(archive, "a") as zipped:
        zipped.writestr("../buiten.txt", "x")
    page.goto("/leren/beheer/importeren/")
    field(page, nl("Module file (.zip or .json)")).set_input_files(archive)
    page.get_by_role("button", name=nl("Check and import"), exact=True).click()
    expect(page.locator("#id_file_errors")).to_have_text(
        "../buiten.txt: " + nl("This path points outside the zip (“..”); that is not allowed.")
    )
    check_a11y(page)
    broken = tmp_path / "kapot.json"
    broken.write_text('{"format": "samenleren-module", "version": 1, "module": {"lessons": []}}')
    field(page, nl("Module file (.zip or .json)")).set_input_files(broken)
    page.get_by_role("button", name=nl("Check and import"), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(
        nl_plural(
            "Nothing was imported: the file has %(counter)s problem.",
            "Nothing was imported: the file has %(counter)s problems.",
            6,
        )
        % {"counter": 6}
    )
    expect(page.locator("#id_file_errors")).to_contain_text("module.title")
    expect(field(page, nl("Module file (.zip or .json)"))).to_have_attribute(
        "aria-describedby", "id_file_helptext id_file_errors"
    )
    check_a11y(page)
    assert Module.objects.count() == 2
