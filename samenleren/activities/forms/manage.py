"""The coordinators' forms: an activity with its sessions, registration questions and school
quotas (formsets that grow by a submit button, so no JavaScript is needed), and cancelling."""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.forms import BaseFormSet, formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenleren.accounts.models import User
from samenleren.core.widgets import DateInput, DateTimeInput, TimeInput
from samenleren.network.models import (
    SCHOOL_KINDS,
    Function,
    Lab,
    Organisation,
    Profile,
    Region,
    Role,
)

from ..models import Activity, ActivityKind, ActivityStatus, Level, QuestionKind, Session


class ManageFilterForm(forms.Form):
    """The filters above the list of the region's activities (Dutch query parameters)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title or provider")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ActivityStatus.choices],
    )
    soort = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ActivityKind.choices]
    )

    def values(self) -> dict:
        if not self.is_valid():
            return {"search": "", "status": "", "kind": ""}
        data = self.cleaned_data
        return {"search": data["q"].strip(), "status": data["status"], "kind": data["soort"]}


class ActivityForm(forms.ModelForm):
    profiles = forms.ModelMultipleChoiceField(
        label=_("For vmbo profiles"),
        queryset=Profile.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A hint for participants, never a barrier: everyone may register."),
    )
    target_functions = forms.MultipleChoiceField(
        label=_("For functions"),
        choices=Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A hint for participants, never a barrier: everyone may register."),
    )
    target_levels = forms.MultipleChoiceField(
        label=_("For levels of education"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A hint for participants, never a barrier: everyone may register."),
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People with the trainer role at an organisation in the region. They see the "
            "participants and take attendance."
        ),
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "summary",
            "description",
            "provider",
            "provider_organisation",
            "capacity",
            "min_participants",
            "go_no_go_on",
            "registration_opens_at",
            "registration_closes_at",
            "cancellation_deadline",
            "requires_approval",
            "claim_hours",
            "promotion_stop_hours",
            "quota_release_at",
            "target_functions",
            "target_levels",
            "price",
            "catering",
            "catering_at",
            "catering_note",
            "certificate_min_percent",
        ]
        labels = {
            "summary": _("Summary"),
            "provider": _("Provider or trainer (name)"),
            "capacity": _("Places"),
            "min_participants": _("Minimum number of participants"),
            "catering": _("There is catering"),
            "catering_at": _("Catering at (time)"),
            "catering_note": _("What is served"),
        }
        help_texts = {
            "summary": _("One or two sentences for the calendar list."),
            "provider_organisation": _("If the provider is one of the region's organisations."),
            "min_participants": _(
                "Leave empty if the activity goes ahead with any number. Otherwise you get an "
                "e-mail before the go/no-go date when there are too few."
            ),
            "registration_opens_at": _("Empty: as soon as the activity is published."),
            "registration_closes_at": _("Empty: at the start of the first session."),
            "catering_note": _("For example: a snack and a drink at the end of the afternoon."),
        }
        widgets = {
            "summary": forms.TextInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "go_no_go_on": DateInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "cancellation_deadline": DateTimeInput(),
            "quota_release_at": DateTimeInput(),
            "catering_at": TimeInput(),
        }

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.region = region
        self.fields["provider_organisation"].queryset = Organisation.objects.filter(region=region)
        self.fields["profiles"].label_from_instance = lambda p: p.label
        trainers = Q(
            role_assignments__role=Role.TRAINER,
            role_assignments__organisation__region=region,
        )
        if self.instance.pk:
            trainers |= Q(trained_activities=self.instance)
            self.fields["profiles"].initial = list(self.instance.target_profiles.all())
            self.fields["trainers"].initial = list(self.instance.trainers.all())
        self.fields["trainers"].queryset = User.objects.filter(
            pk__in=User.objects.filter(trainers).values("pk")
        ).order_by("last_name", "first_name")
        self.fields["trainers"].label_from_instance = lambda u: u.full_name or u.email

    def clean(self):
        data = super().clean()
        capacity, minimum = data.get("capacity"), data.get("min_participants")
        if capacity and minimum is not None and minimum > capacity:
            self.add_error(
                "min_participants",
                _("The minimum number of participants cannot be more than the places (%(n)s).")
                % {"n": capacity},
            )
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and opens >= closes:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        if data.get("catering") is False and (data.get("catering_at") or data.get("catering_note")):
            self.add_error(
                "catering", _("Tick this box if there is catering, or empty the catering fields.")
            )
        return data


class SessionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    ends = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    venue = forms.ModelChoiceField(
        label=_("At organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("A school or company in the region. Or give an address or an online link."),
    )
    lab = forms.ModelChoiceField(
        label=_("In lab"),
        queryset=Lab.objects.none(),
        required=False,
        help_text=_("Optional: a lab of the organisation above."),
    )
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to registered participants."),
    )
    study_hours = forms.DecimalField(
        label=_("Study hours"),
        min_value=Decimal("0"),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Counted in the participants' professional development hours."),
    )
    capacity = forms.IntegerField(
        label=_("Places in this session"),
        min_value=1,
        required=False,
        help_text=_(
            "Only when this session has fewer places than the activity, for example a smaller "
            "room. Empty: the places of the activity."
        ),
    )

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Organisation.objects.filter(region=region)
        self.fields["lab"].queryset = Lab.objects.filter(
            organisation__region=region
        ).select_related("organisation")

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("date"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, starts))
            data["ends_at"] = timezone.make_aware(datetime.combine(day, ends))
            if ends <= starts:
                self.add_error("ends", _("The session must end after it starts."))
        venue, lab = data.get("venue"), data.get("lab")
        if lab is not None:
            if venue is None:
                data["venue"] = venue = lab.organisation
            elif lab.organisation_id != venue.pk:
                self.add_error("lab", _("Choose a lab of the organisation above, or no lab."))
        if venue is None and not data.get("address") and not data.get("online_url"):
            self.add_error(
                "venue", _("Say where the session is: an organisation, an address or a link.")
            )
        return data

    def as_session(self) -> dict:
        data = self.cleaned_data
        return {
            "id": data.get("id"),
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "venue": data.get("venue"),
            "lab": data.get("lab"),
            "address": data.get("address", ""),
            "online_url": data.get("online_url", ""),
            "study_hours": data.get("study_hours") or Decimal("0"),
            "capacity": data.get("capacity"),
        }


class QuestionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label=_("Question"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of answer"), choices=QuestionKind.choices, initial=QuestionKind.TEXT
    )
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for a choice: one option per line."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)

    def __init__(self, *args, region: Region | None = None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        options = [line for line in data.get("choices", "").splitlines() if line.strip()]
        if data.get("kind") == QuestionKind.CHOICE and len(options) < 2:
            self.add_error("choices", _("Give at least two options, one per line."))
        return data

    def as_question(self) -> dict:
        data = self.cleaned_data
        return {
            "id": data.get("id"),
            "label": data["label"],
            "kind": data["kind"],
            "choices": data.get("choices", "") if data["kind"] == QuestionKind.CHOICE else "",
            "required": data.get("required", False),
        }


class QuotaForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("School"), queryset=Organisation.objects.none())
    places = forms.IntegerField(label=_("Places kept for this school"), min_value=1)

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            region=region, kind__in=SCHOOL_KINDS
        )


class BaseListFormSet(BaseFormSet):
    """A formset whose filled-in, not deleted forms are what counts."""

    def filled_forms(self) -> list[forms.Form]:
        return [
            form
            for form in self.forms
            if form.has_changed()
            and form.cleaned_data
            and not (self.can_delete and self._should_delete_form(form))
        ]


class SessionFormSet(BaseListFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.filled_forms():
            raise ValidationError(_("Add at least one session."), code="no_sessions")


class QuotaFormSet(BaseListFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        schools = [form.cleaned_data["organisation"].pk for form in self.filled_forms()]
        if len(schools) != len(set(schools)):
            raise ValidationError(_("Each school can have only one quota."), code="duplicate")


FORMSETS = {
    "sessions": (SessionForm, SessionFormSet),
    "questions": (QuestionForm, BaseListFormSet),
    "quotas": (QuotaForm, QuotaFormSet),
}


def _formset_class(name: str, extra: int = 1):
    form_class, base = FORMSETS[name]
    return formset_factory(
        form_class, formset=base, extra=extra, can_delete=True, can_delete_extra=False
    )


def _initial(activity: Activity | None) -> dict[str, list[dict]]:
    if activity is None or activity.pk is None:
        return {"sessions": [], "questions": [], "quotas": []}
    sessions = []
    for session in Session.objects.filter(activity=activity).order_by("starts_at"):
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        sessions.append(
            {
                "id": session.pk,
                "date": starts.date(),
                "starts": starts.time(),
                "ends": ends.time(),
                "venue": session.venue_id,
                "lab": session.lab_id,
                "address": session.address,
                "online_url": session.online_url,
                "study_hours": session.study_hours,
                "capacity": session.capacity,
            }
        )
    questions = [
        {
            "id": q.pk,
            "label": q.label,
            "kind": q.kind,
            "choices": q.choices,
            "required": q.required,
        }
        for q in activity.questions.all()
    ]
    quotas = [
        {"organisation": q.organisation_id, "places": q.places} for q in activity.quotas.all()
    ]
    return {"sessions": sessions, "questions": questions, "quotas": quotas}


def _field_label(name: str) -> str:
    try:
        return str(Activity._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


class ActivityEditor:
    """The activity form and its three formsets, handled as one.

    A POST with `add=<formset name>` re-renders the page with one more empty form in that
    formset (without validating, so no errors are shown yet): "add another" without JavaScript.
    """

    def __init__(self, data=None, *, region: Region, activity: Activity | None = None):
        self.region = region
        self.activity = activity
        instance = activity if activity is not None else Activity(region=region)
        self.form = ActivityForm(data, instance=instance, region=region)
        self.errors: dict[str, list[str]] = {}  # errors of a whole section, from the service
        kwargs = {"form_kwargs": {"region": region}}
        self.adding = data.get("add") if data is not None else None
        if data is None:
            initial = _initial(activity)
            self.formsets = {
                name: _formset_class(name)(initial=initial[name], prefix=name, **kwargs)
                for name in FORMSETS
            }
        else:
            self.formsets = {
                name: _formset_class(name)(data, prefix=name, **kwargs) for name in FORMSETS
            }
            if self.adding in FORMSETS:
                self.formsets[self.adding] = self._grown(self.adding, data, kwargs)
                self.form = ActivityForm(
                    initial={name: self.form[name].value() for name in self.form.fields},
                    instance=instance,
                    region=region,
                )

    def _grown(self, name: str, data, kwargs) -> BaseFormSet:
        bound = _formset_class(name)(data, prefix=name, **kwargs)
        kept, empty = [], 0
        for form in bound.forms:
            if form.has_changed():
                kept.append({field: form[field].value() for field in form.fields})
            else:
                empty += 1
        return _formset_class(name, extra=empty + 1)(initial=kept, prefix=name, **kwargs)

    @property
    def sessions(self):
        return self.formsets["sessions"]

    @property
    def questions(self):
        return self.formsets["questions"]

    @property
    def quotas(self):
        return self.formsets["quotas"]

    def is_adding(self) -> bool:
        return self.adding in FORMSETS

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        valid = all([formset.is_valid() for formset in self.formsets.values()]) and valid
        return self._session_capacity_fits() and valid

    def _session_capacity_fits(self) -> bool:
        """A session cannot have more places than the activity: said at the session's field."""
        capacity = getattr(self.form, "cleaned_data", {}).get("capacity")
        if capacity is None or not self.sessions.is_valid():
            return True
        fits = True
        for form in self.sessions.filled_forms():
            places = form.cleaned_data.get("capacity")
            if places is not None and places > capacity:
                form.add_error(
                    "capacity",
                    _(
                        "A session cannot have more places than the activity (%(n)s). Leave "
                        "this empty if the activity's places apply."
                    )
                    % {"n": capacity},
                )
                fits = False
        return fits

    def save_arguments(self) -> dict:
        """Keyword arguments for `activity_save`."""
        return {
            "activity": self.form.save(commit=False),
            "sessions": [form.as_session() for form in self.sessions.filled_forms()],
            "profiles": list(self.form.cleaned_data["profiles"]),
            "trainers": list(self.form.cleaned_data["trainers"]),
            "questions": [form.as_question() for form in self.questions.filled_forms()],
            "quotas": [
                (form.cleaned_data["organisation"], form.cleaned_data["places"])
                for form in self.quotas.filled_forms()
            ],
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the service's errors on the field or section they are about."""
        for key, messages in error.message_dict.items():
            if key in self.form.fields:
                self.form.add_error(key, messages)
            elif key in FORMSETS:
                self.errors.setdefault(key, []).extend(messages)
            elif key == NON_FIELD_ERRORS:
                self.form.add_error(None, messages)
            else:  # a field that is not on the form: say which one
                label = _field_label(key)
                self.form.add_error(None, [f"{label}: {message}" for message in messages])


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Sent by e-mail to everyone registered and on the waiting list."),
    )
