"""Forms for the day itself and after: the attendance list and the evaluation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.evaluation import TEXT_MAX


class AttendanceForm(forms.Form):
    """The attendance list as posted: which registrations were shown, which were ticked.

    The template renders the checkboxes itself (a table with names and organisations); this
    form only parses and checks the ids against the registrations on the list.
    """

    shown = forms.TypedMultipleChoiceField(coerce=int, required=False)
    present = forms.TypedMultipleChoiceField(coerce=int, required=False)
    action = forms.ChoiceField(choices=[("save", "save"), ("all", "all")], required=False)

    def __init__(self, *args, registration_ids: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(pk, pk) for pk in registration_ids]
        self.fields["shown"].choices = choices
        self.fields["present"].choices = choices
        self.fields["present"].error_messages["invalid_choice"] = _(
            "The list has changed since you opened it. Check the list and save again."
        )
        self.fields["shown"].error_messages["invalid_choice"] = self.fields[
            "present"
        ].error_messages["invalid_choice"]


RATING_CHOICES = [
    (5, _("5 – very valuable")),
    (4, _("4 – valuable")),
    (3, _("3 – reasonable")),
    (2, _("2 – not very valuable")),
    (1, _("1 – not valuable")),
]


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How valuable was this activity for you?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how valuable the activity was, from 1 to 5.")},
    )
    useful = forms.CharField(
        label=_("What was useful?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example something you will use in your lessons."),
    )
    improve = forms.CharField(
        label=_("What could be better?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    follow_up_question = forms.CharField(
        label=_("Your follow-up question"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What would you like to learn or ask next? The coordinators put these questions on "
            "the question board and look for colleagues, a learning network or a training that "
            "can answer them. Your name is not shown with it, only your school or organisation."
        ),
    )
