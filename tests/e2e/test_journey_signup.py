"""Sign-up journey on a phone: register, verify the address, log in, switch to English."""

import re

from playwright.sync_api import Page, expect

from samenleren.accounts.models import User
from samenleren.accounts.tests.factories import UserFactory
from samenleren.network.models import Affiliation, Function
from samenleren.network.tests.factories import OrganisationFactory, RegionFactory
from tests.e2e.ui import PASSWORD, en, field, nl

EMAIL = "anouk.jansen@techniekcollege.example"


def fill_signup_form(page: Page, *, email: str, organisation: str) -> None:
    """Fill every field as a person would; `organisation` is the option's visible text."""
    field(page, nl("First name")).fill("Anouk")
    field(page, nl("Last name")).fill("Jansen")
    field(page, nl("Email")).fill(email)
    field(page, nl("Organisation")).select_option(label=organisation)
    field(page, nl("Function")).select_option(label=nl("Teacher"))
    field(page, nl("Password")).fill(PASSWORD)
    field(page, nl("Password (again)")).fill(PASSWORD)


def test_signup_verify_login_and_switch_to_english(page: Page, check_a11y, last_mail_link, log_in):
    school = OrganisationFactory(
        name="Techniek College Venlo", city="Venlo", region=RegionFactory(name="Noord-Limburg")
    )

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    check_a11y(page)

    page.get_by_role("main").get_by_role("link", name=nl("Sign up"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Sign Up"))
    check_a11y(page)

    fill_signup_form(page, email=EMAIL, organisation=str(school))
    page.get_by_role("button", name=nl("Sign Up"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Verify Your Email Address"))
    check_a11y(page)
    person = User.objects.get(email=EMAIL)
    assert (person.first_name, person.last_name, person.preferred_language) == (
        "Anouk",
        "Jansen",
        "nl",
    )
    assert list(Affiliation.objects.values_list("person", "organisation", "function")) == [
        (person.pk, school.pk, Function.TEACHER)
    ]

    page.goto(last_mail_link(r"https?://\S+/accounts/confirm-email/\S+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Confirm Email Address"))
    check_a11y(page)
    page.get_by_role("button", name=nl("Confirm"), exact=True).click()

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Sign In"))
    check_a11y(page)
    assert person.emailaddress_set.get().verified is True

    log_in(page, EMAIL)

    # "Mijn Samen Leren": greeted by first name, with the school under "Where you work".
    expect(page).to_have_title(f"{nl('My Samen Leren')} · Samen Leren")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        nl("Hello %(name)s") % {"name": "Anouk"}
    )
    where = page.get_by_role("region", name=nl("Where you work"))
    expect(where.get_by_role("link", name=school.name, exact=True)).to_be_visible()
    check_a11y(page)
    # The phone menu is folded away; open it so axe also checks the header links.
    page.get_by_text(nl("Menu"), exact=True).click()
    expect(page.get_by_role("navigation", name=nl("Main menu"))).to_be_visible()
    check_a11y(page)

    # The switch names the other language in that language, whatever the page's language.
    page.get_by_role("button", name="English", exact=True).click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Nederlands", exact=True)).to_be_visible()
    expect(page).to_have_title(f"{en('My Samen Leren')} · Samen Leren")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        en("Hello %(name)s") % {"name": "Anouk"}
    )
    check_a11y(page)
    person.refresh_from_db()
    assert person.preferred_language == "en"


def test_signup_with_a_registered_email_says_so_at_the_email_field(page: Page, check_a11y):
    school = OrganisationFactory()
    UserFactory(email=EMAIL)

    page.goto("/accounts/signup/")
    fill_signup_form(page, email=EMAIL, organisation=str(school))
    page.get_by_role("button", name=nl("Sign Up"), exact=True).click()

    # The message is announced with the field (aria-describedby), not only shown near it.
    email = field(page, nl("Email"))
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(
        nl("A user is already registered with this email address.")
    )
    check_a11y(page)
    assert User.objects.filter(email=EMAIL).count() == 1
    assert User.objects.count() == 1


def test_signup_with_other_organisation_needs_its_name(page: Page, check_a11y):
    OrganisationFactory()

    page.goto("/accounts/signup/")
    fill_signup_form(page, email=EMAIL, organisation=nl("My organisation is not in the list"))
    page.get_by_role("button", name=nl("Sign Up"), exact=True).click()

    other = field(page, nl("Name of your organisation"))
    expect(other).to_have_attribute("aria-invalid", "true")
    expect(other).to_have_accessible_description(
        f"{nl('Only if your organisation is not in the list.')} "
        f"{nl('Type the name of your organisation, or choose it from the list.')}"
    )
    check_a11y(page)
    assert User.objects.count() == 0
