from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenleren.activities.models import ActivityKind
from samenleren.core.widgets import DateInput
from samenleren.network.models import Organisation, Region

from .models import ReportText
from .selectors.period import ReportFilter, school_year_bounds, school_year_of

LONGEST_PERIOD = timedelta(days=3 * 366)


class FilterForm(forms.Form):
    """Period (the current school year by default), subregion and kind of activity."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    subregion = forms.ModelChoiceField(
        label=_("Subregion"), queryset=None, required=False, empty_label=_("All subregions")
    )
    kind = forms.ChoiceField(
        label=_("Kind of activity"),
        required=False,
        choices=[("", _("All kinds")), *list(ActivityKind.choices)],
    )

    def __init__(self, *args, region: Region, with_subregion: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        # Show the period that applies when none is chosen: this school year.
        this_year = school_year_bounds(school_year_of(timezone.localdate()))
        self.fields["start"].initial, self.fields["end"].initial = this_year
        if with_subregion:
            self.fields["subregion"].queryset = region.subregions.order_by("name")
        else:
            del self.fields["subregion"]

    def clean(self):
        data = super().clean()
        default_start, default_end = school_year_bounds(school_year_of(timezone.localdate()))
        start = data.get("start") or default_start
        end = data.get("end") or default_end
        if "start" in self.errors or "end" in self.errors:
            return data
        if end < start:
            self.add_error("end", _("The end date lies before the start date. Swap them."))
        elif end - start > LONGEST_PERIOD:
            self.add_error("end", _("Choose a period of at most three years."))
        data["start"], data["end"] = start, end
        return data

    def report_filter(self, *, organisation: Organisation | None = None) -> ReportFilter:
        """The filter of valid input, or the default (this school year) when it is not valid."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            return ReportFilter(
                region=self.region,
                start=data["start"],
                end=data["end"],
                subregion=data.get("subregion"),
                kind=data.get("kind") or "",
                organisation=organisation,
            )
        return ReportFilter.school_year(region=self.region, organisation=organisation)


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = ReportText
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "text": _(
                "A short explanation for the funder: what stood out this year and what you plan "
                "next. It opens the yearly report (at most 6,000 characters)."
            )
        }
