from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samenleren.core.widgets import DateInput, TimeInput
from samenleren.network.models import Equipment, EquipmentKind, LabKind, Organisation, SkillLevel

from .models import (
    IntakeAnswerKind,
    IntakeStatus,
    NeedStatus,
    PreferredForm,
    SchoolLevel,
    Urgency,
    Visit,
)
from .tour import MAX_STOPS


class SchoolDetailsForm(forms.Form):
    levels = forms.MultipleChoiceField(
        label=_("Levels offered"),
        choices=SchoolLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


# --- the intake, one form per step ---------------------------------------------------------------


def _text(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Fill in this step before you go on.")},
    )


class AimForm(forms.Form):
    aim = _text(
        _("What do you want to achieve?"),
        _("One or two sentences: what should be different after the professionalisation?"),
    )
    equipment = forms.ModelChoiceField(
        label=_("Is it about a machine in your lab?"),
        queryset=Equipment.objects.none(),
        required=False,
        empty_label=_("No, not about one machine"),
        help_text=_("Optional. The coordinators then see who can use it now."),
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["equipment"].queryset = Equipment.objects.filter(
            lab__organisation=organisation
        ).select_related("lab")
        self.fields["equipment"].label_from_instance = lambda e: f"{e.label} – {e.lab.name}"


class TargetGroupForm(forms.Form):
    target_group = _text(
        _("Who is it for?"),
        _("Which colleagues, how many, which profiles or subjects."),
    )


class CurrentForm(forms.Form):
    current_situation = _text(
        _("How is it now?"), _("What works already, and where does it get stuck?")
    )


class DesiredForm(forms.Form):
    desired_situation = _text(
        _("How should it be?"),
        _("Describe the situation you want to reach, as concretely as you can."),
    )


class FormsForm(forms.Form):
    preferred_forms = forms.MultipleChoiceField(
        label=_("Which forms would suit you?"),
        choices=PreferredForm.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
        error_messages={"required": _("Choose at least one form.")},
    )


class UrgencyForm(forms.Form):
    urgency = forms.ChoiceField(
        label=_("When do you need it?"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose when you need it.")},
    )


STEP_FORMS = {
    "doel": AimForm,
    "doelgroep": TargetGroupForm,
    "nu": CurrentForm,
    "straks": DesiredForm,
    "vorm": FormsForm,
    "urgentie": UrgencyForm,
}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())

    def __init__(self, *args, intake=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(IntakeStatus.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in intake.next_statuses]


class IntakeFromQuestionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("For which school"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_(
            "Its school contacts are asked by e-mail to complete and submit the school question. "
            "A school marked ‘no school contact yet’ gets the draft, but nobody is e-mailed."
        ),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import schools_for_intake

        field = self.fields["organisation"]
        field.queryset = schools_for_intake(region=region)
        field.label_from_instance = _school_label


def _school_label(organisation) -> str:
    if getattr(organisation, "has_contact", True):
        return organisation.name
    return _("%(school)s (no school contact yet)") % {"school": organisation.name}


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(choices=IntakeAnswerKind.choices)
    object_id = forms.IntegerField(min_value=1)


class VisitForm(forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["visited_on", "intake", "who", "notes", "agreements", "next_step", "remind_on"]
        widgets = {
            "visited_on": DateInput(),
            "remind_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "agreements": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "who": _("For example: Marieke Bemelmans (team leader) and the TOA."),
            "remind_on": _("You get an e-mail on this day, once."),
        }

    def __init__(self, *args, organisation=None, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import intakes_of

        self.fields["intake"].queryset = intakes_of(organisation=organisation)
        self.fields["intake"].label_from_instance = lambda i: i.title
        self.fields["intake"].empty_label = _("Not about one question")
        if self.instance.pk is not None:
            self.fields["remind_on"].help_text = _reminder_help(self.instance, editor)


def _reminder_help(visit: Visit, editor) -> str:
    """On an existing visit: who gets the reminder, and whether it has gone out already."""
    author = visit.author
    if author is None or author == editor:
        who = _("You get an e-mail on this day, once.")
    else:
        who = _("%(name)s, who logged the visit, gets an e-mail on this day, once.") % {
            "name": author.full_name or author.email
        }
    if visit.remind_on and visit.reminder_sent_at:
        return "{} {}".format(
            _("The reminder of %(day)s has been sent; choose another day for a new one.")
            % {"day": date_format(visit.remind_on)},
            who,
        )
    return who


# --- equipment and skills ------------------------------------------------------------------------


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["kind", "other_kind", "brand", "model_name", "count", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("kind") == EquipmentKind.OTHER and not (data.get("other_kind") or "").strip():
            self.add_error("other_kind", _("Say what kind of machine it is."))
        return data


class SkillForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Who"), queryset=None, empty_label=None)
    equipment = forms.ModelChoiceField(label=_("Machine"), queryset=None, empty_label=None)
    level = forms.ChoiceField(
        label=_("Can"), choices=SkillLevel.choices, widget=forms.RadioSelect, initial="use"
    )

    def __init__(self, *args, people, machines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.full_name or p.email
        self.fields["equipment"].queryset = machines
        self.fields["equipment"].label_from_instance = lambda e: e.label


class TeachesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("This activity teaches people to use"),
        choices=[c for c in EquipmentKind.choices if c[0] != EquipmentKind.OTHER],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=NeedStatus.choices)


# --- lab finder and tour ---------------------------------------------------------------------


class LabFinderForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Machine"),
        choices=[("", _("Any machine"))]
        + [c for c in EquipmentKind.choices if c[0] != EquipmentKind.OTHER],
        required=False,
    )
    vanaf = forms.TypedChoiceField(label=_("Travel from"), choices=(), coerce=int, required=False)
    labsoort = forms.ChoiceField(
        label=_("Kind of lab"), choices=[("", _("All kinds")), *LabKind.choices], required=False
    )
    max = forms.IntegerField(
        label=_("At most (minutes by car)"), min_value=1, max_value=600, required=False
    )
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    po = forms.BooleanField(label=_("Open to primary schools"), required=False)

    def __init__(self, *args, origins, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vanaf"].choices = [("", _("Choose a school"))] + [
            (o.pk, o.name) for o in origins
        ]


class TourForm(forms.Form):
    labs = forms.TypedMultipleChoiceField(
        label=_("Labs to visit"),
        choices=(),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At most %(max)s labs.") % {"max": MAX_STOPS},
        error_messages={"required": _("Choose at least one lab to visit.")},
    )
    datum = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    minuten = forms.IntegerField(
        label=_("Minutes per lab"), min_value=10, max_value=240, initial=45
    )
    vanaf = forms.TypedChoiceField(
        label=_("Start from"),
        choices=(),
        coerce=int,
        required=False,
        help_text=_("Optional: the school where the group meets. Empty: start at the first lab."),
    )

    def __init__(self, *args, labs, origins, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["labs"].choices = [
            (lab.pk, f"{lab.name} – {lab.organisation.name} ({lab.organisation.city})")
            for lab in labs
        ]
        self.fields["vanaf"].choices = [("", _("At the first lab"))] + [
            (o.pk, o.name) for o in origins
        ]

    def clean_labs(self):
        labs = self.cleaned_data["labs"]
        if len(labs) > MAX_STOPS:
            raise forms.ValidationError(
                _(
                    "A tour can visit at most %(max)s labs in one day; you chose %(n)s. Leave "
                    "some out or plan a second day."
                )
                % {"max": MAX_STOPS, "n": len(labs)}
            )
        return labs


class TourActivityForm(forms.Form):
    title = forms.CharField(label=_("Title of the activity"), max_length=200)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500, initial=20)
