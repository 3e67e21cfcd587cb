"""On her phone a teacher of a school without a quota opens a training whose places left are
kept for the school that asked for it. The page says so before she registers, the button says
she joins the waiting list, and after registering she is told why and until when; a teacher
of the school with the quota sees its own kept places and gets one."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import Page, expect

from samenleren.accounts.tests.factories import UserFactory
from samenleren.activities.models import ActivityKind, Registration
from samenleren.activities.tests.factories import (
    ActivityFactory,
    QuotaFactory,
    RegistrationFactory,
)
from samenleren.network.models import Function
from samenleren.network.tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    RegionFactory,
)
from tests.e2e.ui import field, nl, nl_plural

TITLE = "Praktijkmiddag lasersnijder"


def teacher(email: str, school):
    person = UserFactory(email=email, preferred_language="nl")
    AffiliationFactory(person=person, organisation=school, function=Function.TEACHER)
    return person


def test_places_kept_for_a_school_are_named_before_and_after_registering(
    page: Page, check_a11y, log_in
):
    region = RegionFactory(name="Zuid-Limburg")
    asked = OrganisationFactory(name="Maasoever Vakcollege", region=region)
    other = OrganisationFactory(name="Rosveld Vakcollege", region=region)
    release = timezone.now() + timedelta(days=10)
    training = ActivityFactory(
        region=region,
        title=TITLE,
        kind=ActivityKind.TRAINING,
        capacity=6,
        sessions=1,
        quota_release_at=release,
    )
    QuotaFactory(activity=training, organisation=asked, places=3)
    RegistrationFactory.create_batch(3, activity=training, organisation=other)
    with override("nl"):
        until = date_format(timezone.localtime(release), "j F Y H:i")

    # 1. A teacher of another school: every place left is kept, and the page says so first.
    log_in(page, teacher("kees.bos@rosveld.example", other).email)
    page.goto(f"/agenda/{training.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(
        page.get_by_text(
            nl_plural(
                "Of the places left, %(counter)s is kept for schools with a quota until %(until)s.",
                "Of the places left, %(counter)s are kept for schools with a quota until "
                "%(until)s.",
                3,
            )
            % {"counter": 3, "until": until}
        )
    ).to_be_visible()
    registration_form = page.get_by_role("region", name=nl("Register"))
    expect(registration_form.get_by_role("paragraph").first).to_have_text(
        nl(
            "The places left are kept for schools with a quota until %(until)s. If you "
            "register, you are put on the waiting list; places that are still free then are "
            "offered to the waiting list in turn."
        )
        % {"until": until}
    )
    check_a11y(page)
    field(registration_form, nl("Your function")).select_option(label=nl("Teacher"))
    registration_form.get_by_role("button", name=nl("Join the waiting list")).click()

    expect(page.get_by_role("status")).to_have_text(
        nl(
            "The places left for %(title)s are kept for schools with a quota until %(date)s, "
            "so you are on the waiting list at position %(position)s. Places that are still "
            "free then are offered to the waiting list in turn; you get an e-mail."
        )
        % {"title": TITLE, "date": until, "position": 1}
    )
    check_a11y(page)

    # 2. A teacher of the school that asked sees its kept places and gets one.
    page.context.clear_cookies()
    log_in(page, teacher("linda.smeets@maasoever.example", asked).email)
    page.goto(f"/agenda/{training.pk}/")
    expect(
        page.get_by_text(
            nl_plural(
                "Your school has %(counter)s place kept until %(until)s; %(used)s taken.",
                "Your school has %(counter)s places kept until %(until)s; %(used)s taken.",
                3,
            )
            % {"counter": 3, "until": until, "used": 0}
        )
    ).to_be_visible()
    check_a11y(page)
    registration_form = page.get_by_role("region", name=nl("Register"))
    field(registration_form, nl("Your function")).select_option(label=nl("Teacher"))
    registration_form.get_by_role("button", name=nl("Register"), exact=True).click()
    expect(page.get_by_role("status")).to_have_text(
        nl("You are registered for %(title)s. A confirmation is on its way by e-mail.")
        % {"title": TITLE}
    )

    emails = ["kees.bos@rosveld.example", "linda.smeets@maasoever.example"]
    assert sorted(
        Registration.objects.filter(activity=training, person__email__in=emails).values_list(
            "person__email", "status"
        )
    ) == [(emails[0], "waitlisted"), (emails[1], "confirmed")]
