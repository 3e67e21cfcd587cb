"""Forms of the question board and the learning networks. Validation of texts, tags and files
lives in the services (the API uses them too); these forms give the fields and labels."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from samenleren.activities.models import ActivityKind
from samenleren.core.widgets import DateInput, TimeInput
from samenleren.network.models import Profile, ProfileCode

from .files import allowed_extensions
from .models import MAX_TEXT, MAX_TITLE, Licence, QuestionStatus, Theme, Visibility

# Longer than the model allows, so that the service's clear message is shown instead of a
# silently cut-off text.
TEXT_INPUT_MAX = MAX_TEXT * 4


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=TEXT_INPUT_MAX,
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "hx-get": reverse_lazy("community:similar"),
                "hx-trigger": "keyup changed delay:400ms",
                "hx-target": "#similar",
                "hx-swap": "innerHTML",
            }
        ),
        help_text=_("Ask it as you would ask a colleague. Similar questions appear below."),
        error_messages={"required": _("Write your question first: this field is empty.")},
    )
    title = forms.CharField(
        label=_("Short title (optional)"), required=False, max_length=MAX_TITLE * 2
    )
    profiles = forms.MultipleChoiceField(
        label=_("Profiles"),
        choices=ProfileCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who may see your question?"),
        choices=Visibility.choices,
        initial=Visibility.REGION,
        widget=forms.RadioSelect,
    )
    organisation = forms.TypedChoiceField(
        label=_("Asked for"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        if len(organisations) > 1:
            self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
            self.fields["organisation"].initial = organisations[0].pk
        else:
            del self.fields["organisation"]

    @property
    def tags(self) -> list[str]:
        return [*self.cleaned_data.get("profiles", []), *self.cleaned_data.get("themes", [])]


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=TEXT_INPUT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your answer first: this field is empty.")},
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with it?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the coordinators see this."),
        error_messages={"required": _("Tell the coordinators what is wrong.")},
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=QuestionStatus.choices)


class ConvertActivityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of activity"),
        choices=[
            (ActivityKind.NETWORK_MEETING, ActivityKind.NETWORK_MEETING.label),
            (ActivityKind.TRAINING, ActivityKind.TRAINING.label),
        ],
        widget=forms.RadioSelect,
        initial=ActivityKind.NETWORK_MEETING,
    )
    date = forms.DateField(label=_("Date (you can change it later)"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput(), initial="15:30")


class ConvertTopicForm(forms.Form):
    network = forms.TypedChoiceField(
        label=_("Learning network"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, networks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [("", _("Not yet")), *[(n.pk, n.name) for n in networks]]


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Sent by mail through Samen Leren. You do not see their e-mail address; they see "
            "yours when they reply."
        ),
        error_messages={"required": _("Write a message first.")},
    )


class SynonymForm(forms.Form):
    words = forms.CharField(
        label=_("Words that mean the same"),
        max_length=500,
        help_text=_(
            'Separate them with "~", e.g. "lasercutter ~ lasersnijder ~ lasersnijmachine".'
        ),
    )


class ExpertiseForm(forms.Form):
    text = forms.CharField(
        label=_("What I know about"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: lasersnijder, 3D-printen, LOB in het vmbo, warmtepompen."),
    )
    findable = forms.BooleanField(
        label=_("Others may find me as someone who can help"),
        required=False,
        help_text=_("Colleagues see your name and expertise, never your e-mail address."),
    )


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_INPUT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    profile = forms.ModelChoiceField(
        label=_("Profile"), queryset=Profile.objects.all(), required=False, to_field_name="code"
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=[("", "—"), *Theme.choices], required=False)
    questions = forms.CharField(widget=forms.HiddenInput, required=False)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end = forms.TimeField(label=_("End time"), widget=TimeInput())
    address = forms.CharField(label=_("Address"), max_length=250, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=1000, initial=30)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=TEXT_INPUT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("Or a file"), required=False)
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most 10 MB. Allowed: %(types)s.") % {
            "types": allowed_extensions()
        }


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=MAX_TITLE)
    text = forms.CharField(
        label=_("Message"), max_length=TEXT_INPUT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"), max_length=TEXT_INPUT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label=_("Your follow-up question"),
        max_length=TEXT_INPUT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your question first: this field is empty.")},
    )
