"""Forms of the interest campaigns. Everything works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenleren.core.widgets import DateInput, DateTimeInput, TimeInput
from samenleren.network.models import EquipmentKind, Organisation, Profile

from .models import Campaign, ExternalCourse, SchoolHoliday
from .selectors.lists import STATE_CLOSED, STATE_OPEN, STATE_UPCOMING

MONTHS = [
    (1, _("January")), (2, _("February")), (3, _("March")), (4, _("April")), (5, _("May")),
    (6, _("June")), (7, _("July")), (8, _("August")), (9, _("September")),
    (10, _("October")), (11, _("November")), (12, _("December")),
]  # fmt: skip
WEEKDAYS = [
    (0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
    (4, _("Friday")),
]  # fmt: skip
EQUIPMENT_CHOICES = [(k, label) for k, label in EquipmentKind.choices if k != EquipmentKind.OTHER]
POLL_ROWS = 5


class CampaignFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    state = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (STATE_OPEN, _("Open")),
            (STATE_UPCOMING, _("Not open yet")),
            (STATE_CLOSED, _("Closed")),
        ],
    )

    def values(self) -> dict:
        if not self.is_valid():
            return {"search": "", "state": ""}
        return {"search": self.cleaned_data["q"].strip(), "state": self.cleaned_data["state"]}


class CourseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def values(self) -> dict:
        return {"search": self.cleaned_data["q"].strip() if self.is_valid() else ""}


class CourseForm(forms.ModelForm):
    profiles = forms.ModelMultipleChoiceField(
        label=_("vmbo profiles"),
        queryset=Profile.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    equipment = forms.MultipleChoiceField(
        label=_("Required equipment"),
        choices=EQUIPMENT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The venue needs all of these machines."),
    )
    url = forms.URLField(label=_("Web page"), required=False, assume_scheme="https")

    class Meta:
        model = ExternalCourse
        fields = [
            "title",
            "provider",
            "description",
            "profiles",
            "days",
            "hours",
            "location_name",
            "latitude",
            "longitude",
            "price",
            "min_participants",
            "second_group_at",
            "equipment",
            "url",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: titel, aanbieder, locatie, breedtegraad, lengtegraad, minimum; optional: "
            "profielen, dagen, uren, prijs, tweede groep, apparatuur, url, omschrijving."
        ),
    )


class CampaignForm(forms.ModelForm):
    course_choices = forms.ModelMultipleChoiceField(
        label=_("Courses"),
        queryset=ExternalCourse.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Campaign
        fields = ["title", "audience", "description", "opens_on", "closes_on"]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course_choices"].queryset = ExternalCourse.objects.filter(region=region)
        if self.instance.pk:
            self.fields["course_choices"].initial = list(
                self.instance.campaign_courses.values_list("course_id", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The campaign must close on or after the day it opens."))
        return cleaned


class PledgeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For which school or organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=None,
    )
    months = forms.TypedMultipleChoiceField(
        label=_("Preferred months (optional)"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Preferred days (optional)"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_travel_minutes = forms.IntegerField(
        label=_("Most travel time you accept, one way (minutes, optional)"),
        required=False,
        min_value=1,
        max_value=600,
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() <= 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            first = organisations.first()
            if first is not None:
                self.fields["organisation"].initial = first.pk


class UnnamedPledgeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("School"), queryset=Organisation.objects.none(), empty_label=None
    )
    count = forms.IntegerField(
        label=_("Number of colleagues"),
        min_value=0,
        max_value=200,
        help_text=_("Colleagues who are interested but not named yet. 0 removes the number."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PollForm(forms.Form):
    deadline = forms.DateTimeField(label=_("Answer before"), widget=DateTimeInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, POLL_ROWS + 1):
            required = n == 1
            self.fields[f"date_{n}"] = forms.DateField(
                label=_("Date %(n)s") % {"n": n}, required=required, widget=DateInput()
            )
            self.fields[f"start_{n}"] = forms.TimeField(
                label=_("From (date %(n)s)") % {"n": n}, required=required, widget=TimeInput()
            )
            self.fields[f"end_{n}"] = forms.TimeField(
                label=_("Until (date %(n)s)") % {"n": n}, required=required, widget=TimeInput()
            )

    def rows(self):
        return [
            (self[f"date_{n}"], self[f"start_{n}"], self[f"end_{n}"])
            for n in range(1, POLL_ROWS + 1)
        ]

    def clean(self):
        cleaned = super().clean()
        for n in range(2, POLL_ROWS + 1):
            given = [cleaned.get(f"{k}_{n}") for k in ("date", "start", "end")]
            if any(given) and not all(given):
                self.add_error(f"date_{n}", _("Give a date, a start and an end time."))
        return cleaned

    def options(self):
        result = []
        for n in range(1, POLL_ROWS + 1):
            values = [self.cleaned_data.get(f"{k}_{n}") for k in ("date", "start", "end")]
            if all(values):
                result.append(tuple(values))
        return result


class ConvertForm(forms.Form):
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Organisation.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts_at = forms.TimeField(label=_("From"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("Until"), widget=TimeInput())
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)
    claim_hours = forms.IntegerField(
        label=_("Hours the pledgers have to claim their place"),
        min_value=1,
        max_value=24 * 14,
        initial=72,
        help_text=_("After this, registration opens to everyone."),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Organisation.objects.filter(region=region, is_active=True)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end time must be after the start time."))
        return cleaned


class HolidayForm(forms.ModelForm):
    class Meta:
        model = SchoolHoliday
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned


def _course_clean(self):
    cleaned = forms.ModelForm.clean(self)
    minimum, second = cleaned.get("min_participants"), cleaned.get("second_group_at")
    if minimum and second is not None and second <= minimum:
        self.add_error("second_group_at", _("The second group must start above the minimum."))
    return cleaned


CourseForm.clean = _course_clean
