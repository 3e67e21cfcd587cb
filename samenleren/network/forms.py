from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    Function,
    Lab,
    Organisation,
    Profile,
    Region,
    Role,
    Subregion,
)
from .validators import (
    normalise_brin,
    normalise_postcode,
    validate_coordinates,
)

OTHER = "other"


def organisation_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Active organisations grouped by region, for the sign-up select, plus 'not listed'."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for org in Organisation.objects.filter(is_active=True).select_related("region"):
        groups.setdefault(org.region.name, []).append((str(org.pk), str(org)))
    choices: list = [("", _("Choose your organisation"))]
    choices += [(region, orgs) for region, orgs in sorted(groups.items())]
    choices.append((OTHER, _("My organisation is not in the list")))
    return choices


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form: who you are and where you work."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, help_text=_("Including 'van', 'de' and the like.")
    )
    organisation = forms.ChoiceField(label=_("Organisation"), choices=())
    organisation_other = forms.CharField(
        label=_("Name of your organisation"),
        max_length=200,
        required=False,
        help_text=_("Only if your organisation is not in the list."),
    )
    function = forms.ChoiceField(label=_("Function"), choices=Function.choices)
    preferred_language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", "Nederlands"), ("en", "English")], initial="nl"
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "organisation",
        "organisation_other",
        "function",
        "preferred_language",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisation_choices()

    def clean(self):
        data = super().clean()
        if data.get("organisation") == OTHER and not data.get("organisation_other", "").strip():
            self.add_error(
                "organisation_other",
                _("Type the name of your organisation, or choose it from the list."),
            )
        return data

    def signup(self, request, user) -> None:
        from .services import affiliation_add

        data = self.cleaned_data
        user.first_name = data["first_name"].strip()
        user.last_name = data["last_name"].strip()
        user.preferred_language = data["preferred_language"]
        if data["organisation"] == OTHER:
            user.organisation_note = data["organisation_other"].strip()
        user.save()
        if data["organisation"] != OTHER:
            organisation = Organisation.objects.get(pk=data["organisation"], is_active=True)
            affiliation_add(person=user, organisation=organisation, function=data["function"])


class OrganisationForm(forms.ModelForm):
    sto_functions = forms.MultipleChoiceField(
        label=_("Functions this organisation counts as STO staff"),
        choices=Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for reports: everyone is welcome to take part."),
    )
    profiles = forms.ModelMultipleChoiceField(
        label=_("vmbo profiles offered"),
        queryset=Profile.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "subregion",
            "board",
            "brin",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "profiles",
            "staff_count",
            "is_active",
        ]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.region = region
        self.fields["subregion"].queryset = Subregion.objects.filter(region=region)
        self.fields["profiles"].label_from_instance = lambda p: p.label
        if self.instance.pk:
            self.fields["sto_functions"].initial = list(
                self.instance.sto_functions.values_list("function", flat=True)
            )

    def clean_brin(self) -> str:
        return normalise_brin(self.cleaned_data["brin"])

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        try:
            validate_coordinates(data.get("latitude"), data.get("longitude"))
        except forms.ValidationError as error:
            self.add_error("latitude", error)
        return data


class LabForm(forms.ModelForm):
    class Meta:
        model = Lab
        fields = ["name", "kind", "description", "shared_with_primary"]


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("For school contact, trainer and partner."),
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["organisation"].queryset = Organisation.objects.filter(region=region)

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in {Role.SCHOOL_CONTACT, Role.TRAINER, Role.PARTNER} and not data.get(
            "organisation"
        ):
            self.add_error("organisation", _("Choose the organisation this role is for."))
        return data


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you import?"),
        choices=[("organisations", _("Organisations")), ("people", _("People"))],
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The first row holds the column names. At most 5 MB."),
    )


class AffiliationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.filter(is_active=True)
    )
    function = forms.ChoiceField(label=_("Function"), choices=Function.choices)
    profiles = forms.ModelMultipleChoiceField(
        label=_("Profiles you teach"),
        queryset=Profile.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subjects = forms.CharField(label=_("Subjects you teach"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profiles"].label_from_instance = lambda p: p.label
