"""Forms a participant fills in: the calendar's filters, registering, sending a colleague."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samenleren.core.widgets import DateInput
from samenleren.network.models import Affiliation, Function, Organisation

from ..models import Activity, ActivityKind, QuestionKind, RegistrationQuestion
from ..selectors.calendar import FIRST_YEAR, LAST_YEAR, ONLINE, PHYSICAL, CalendarFilters

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class CalendarFilterForm(forms.Form):
    """The calendar's filters, read from the query string so that a filtered view can be
    bookmarked. Field names are the Dutch query parameters."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. training, PIE, laser cutter")}
        ),
    )
    soort = forms.ChoiceField(label=_("Kind"), required=False)
    profiel = forms.ChoiceField(label=_("Profile"), required=False)
    regio = forms.ChoiceField(label=_("Region"), required=False)
    subregio = forms.TypedChoiceField(
        label=_("Subregion"), required=False, coerce=int, empty_value=None
    )
    van = forms.DateField(label=_("From"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Until"), required=False, widget=DateInput())
    vorm = forms.ChoiceField(
        label=_("Online or on location"),
        required=False,
        choices=[("", _("Both")), (ONLINE, _("Online")), (PHYSICAL, _("On location"))],
    )
    plek = forms.BooleanField(label=_("Only with places left"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("All kinds")), *ActivityKind.choices]
        self.fields["profiel"].choices = [("", _("All profiles")), *choices["profiles"]]
        self.fields["regio"].choices = [("", _("All regions")), *choices["regions"]]
        self.fields["subregio"].choices = [("", _("All subregions")), *choices["subregions"]]

    def clean(self):
        data = super().clean()
        for name in ("van", "tot"):
            if data.get(name) and not FIRST_YEAR <= data[name].year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Choose a date between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("Choose an end date on or after the start date."))
        return data

    def filters(self) -> CalendarFilters:
        """The valid filters; an invalid one is left out (its field shows the error)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        return CalendarFilters(
            search=data["q"] or "",
            kind=data["soort"] or "",
            profile=data["profiel"] or "",
            region=data["regio"] or "",
            subregion_id=data["subregio"],
            date_from=data["van"],
            date_to=data["tot"],
            form=data["vorm"] or "",
            places_left=bool(data["plek"]),
        )


def question_field_name(question: RegistrationQuestion) -> str:
    return f"question_{question.pk}"


class RegistrationForm(forms.Form):
    """Registering for an activity: where you work, your function, diet (when there is
    catering) and the activity's own questions. The registration service checks again."""

    organisation = forms.ModelChoiceField(
        label=_("School or organisation"), queryset=Organisation.objects.none()
    )
    function = forms.ChoiceField(label=_("Your function"), required=False)
    diet = forms.CharField(
        label=_("Diet and allergies"),
        required=False,
        max_length=200,
        help_text=_("For the catering. Leave empty if there is nothing we need to know."),
    )

    def __init__(
        self,
        *args,
        activity: Activity,
        questions: list[RegistrationQuestion],
        organisations: list[Organisation],
        primary: Organisation | None,
        functions: dict[int, str],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.questions = questions
        self.functions = functions
        organisation = self.fields["organisation"]
        organisation.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if organisations:
            organisation.initial = primary.pk if primary else None
            organisation.empty_label = None if len(organisations) == 1 else _("Choose")
        else:
            organisation.required = False
            organisation.empty_label = _("No organisation")
            organisation.help_text = _(
                "You have not told us where you work, so you register without a school. Add "
                "your school under “Where you work” on My Samen Leren: then your school's "
                "reserved places and colleagues count too."
            )
        function = self.fields["function"]
        function.choices = [("", _("Choose")), *Function.choices]
        function.initial = functions.get(primary.pk, "") if primary else ""
        if not activity.catering:
            del self.fields["diet"]
        for question in questions:
            self.fields[question_field_name(question)] = self._question_field(question)

    @staticmethod
    def _question_field(question: RegistrationQuestion) -> forms.Field:
        common = {"label": question.label, "required": question.required}
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect, **common
            )
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        if organisation is not None and not data.get("function"):
            data["function"] = self.functions.get(organisation.pk, "")
        return data

    def answers(self) -> dict[str, str]:
        return {
            str(question.pk): self.cleaned_data.get(question_field_name(question)) or ""
            for question in self.questions
        }

    def add_service_error(self, error: ValidationError) -> None:
        """Show the registration service's refusal: answers at their question, else on top."""
        if hasattr(error, "error_dict"):
            names = {str(q.pk): question_field_name(q) for q in self.questions}
            for key, messages in error.message_dict.items():
                name = names.get(key)
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        else:
            for message in error.messages:
                self.add_error(None, message)


class ColleagueForm(forms.Form):
    """'Send a colleague instead'."""

    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        help_text=_("A colleague at the same school, with an account on Samen Leren."),
    )


class ColleagueRegistrationForm(RegistrationForm):
    """A school contact registers a colleague of the own school."""

    colleague = forms.ModelChoiceField(label=_("Colleague"), queryset=Affiliation.objects.none())

    field_order = ["colleague"]

    def __init__(self, *args, affiliations, **kwargs):
        organisations = sorted({a.organisation for a in affiliations}, key=lambda o: o.name)
        super().__init__(*args, organisations=organisations, primary=None, functions={}, **kwargs)
        self.fields["colleague"].queryset = affiliations
        self.fields["colleague"].label_from_instance = lambda a: (
            f"{a.person.full_name} – {a.get_function_display()}, {a.organisation.name}"
        )
        # The school and function follow from the chosen colleague's affiliation.
        del self.fields["organisation"]
        del self.fields["function"]
        self.order_fields(["colleague"])

    def clean(self):
        data = forms.Form.clean(self)
        affiliation = data.get("colleague")
        if affiliation is not None:
            data["organisation"] = affiliation.organisation
            data["function"] = affiliation.function
        return data
