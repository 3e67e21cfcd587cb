"""Forms of Netflixleren: catalogue filters, authoring, quiz answers, import, revocation."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from samenleren.network.models import Profile

from .archive import archive_max_bytes, is_archive
from .models import LearningPath, Lesson, LessonKind, Level, Module
from .selectors import DURATIONS, LONG, MEDIUM, SHORT, CatalogueFilters
from .services.authoring import themes_from_names
from .transfer import MAX_BYTES
from .validators import parse_video_url


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, from the query string (Dutch parameter names)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. laser cutter, LOB")}
        ),
    )
    profiel = forms.ChoiceField(label=_("Profile"), required=False)
    thema = forms.ChoiceField(label=_("Theme"), required=False)
    duur = forms.ChoiceField(
        label=_("Duration"),
        required=False,
        choices=[
            ("", _("Any length")),
            (SHORT, _("Up to 30 minutes")),
            (MEDIUM, _("30 minutes to 2 hours")),
            (LONG, _("Longer than 2 hours")),
        ],
    )
    niveau = forms.ChoiceField(label=_("Level"), required=False)
    aanbieder = forms.ChoiceField(label=_("Provider"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["profiel"].choices = everything + choices["profiles"]
        self.fields["thema"].choices = everything + choices["themes"]
        self.fields["niveau"].choices = everything + choices["levels"]
        self.fields["aanbieder"].choices = everything + choices["providers"]

    def filters(self) -> CatalogueFilters:
        if not self.is_valid():
            return CatalogueFilters()
        data = self.cleaned_data
        return CatalogueFilters(
            search=data["q"].strip(),
            profile=data["profiel"],
            theme=data["thema"],
            level=data["niveau"],
            provider=data["aanbieder"],
            duration=data["duur"] if data["duur"] in DURATIONS else "",
        )


class ModuleForm(forms.ModelForm):
    themes_text = forms.CharField(
        label=_("Themes"),
        required=False,
        max_length=400,
        help_text=_("Separate themes with commas, e.g. “Lasersnijden, TechLab”."),
    )
    profiles = forms.ModelMultipleChoiceField(
        label=_("vmbo profiles"),
        queryset=Profile.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "summary",
            "cover",
            "duration_minutes",
            "level",
            "study_hours",
            "provider",
            "language",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["themes_text"].initial = ", ".join(
                t.name for t in self.instance.themes.all()
            )
            self.fields["profiles"].initial = list(self.instance.profiles.all())
        self.fields["cover"].widget = forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        )

    def theme_names(self) -> list[str]:
        return [n.strip() for n in self.cleaned_data["themes_text"].split(",") if n.strip()]

    def themes(self):
        return themes_from_names(self.theme_names())


class LessonForm(forms.ModelForm):
    """One form for every kind; the fields that matter for the kind are checked."""

    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("A YouTube or Vimeo link. It is shown without tracking cookies."),
    )
    link_url = forms.URLField(
        label=_("Link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Lesson
        fields = [
            "title",
            "minutes",
            "body",
            "video_url",
            "video_file",
            "file",
            "link_url",
            "pass_mark",
        ]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": _(
                "Type paragraphs separated by an empty line, or simple HTML (headings, lists, links)."
            ),
            "video_file": _("Or upload an MP4 or WebM video of at most 200 MB."),
            "file": _("A PDF, Office or OpenDocument file, ZIP or image of at most 20 MB."),
            "pass_mark": _("The percentage of questions to answer right to pass."),
        }

    KIND_FIELDS = {
        LessonKind.TEXT: ["title", "minutes", "body"],
        LessonKind.VIDEO: ["title", "minutes", "body", "video_url", "video_file"],
        LessonKind.DOWNLOAD: ["title", "minutes", "body", "file"],
        LessonKind.LINK: ["title", "minutes", "body", "link_url"],
        LessonKind.QUIZ: ["title", "minutes", "body", "pass_mark"],
    }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in list(self.fields):
            if name not in self.KIND_FIELDS[kind]:
                del self.fields[name]
        if "file" in self.fields:
            self.fields["file"].widget = forms.ClearableFileInput(
                attrs={"accept": ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.zip,.png,.jpg,.jpeg"}
            )
        if "video_file" in self.fields:
            self.fields["video_file"].widget = forms.ClearableFileInput(
                attrs={"accept": "video/mp4,video/webm"}
            )

    def clean_video_url(self):
        url = self.cleaned_data.get("video_url", "").strip()
        if url:
            parse_video_url(url)
        return url

    def clean(self):
        data = super().clean()
        if self.kind == LessonKind.TEXT and not (data.get("body") or "").strip():
            self.add_error("body", _("A text lesson needs text."))
        if self.kind == LessonKind.VIDEO and not self.errors.get("video_url"):
            has_file = data.get("video_file") or (
                self.instance.video_file and data.get("video_file") is not False
            )
            if not data.get("video_url") and not has_file:
                self.add_error(
                    "video_url", _("Paste a YouTube or Vimeo link, or upload a video file.")
                )
        if (
            self.kind == LessonKind.DOWNLOAD
            and not self.errors.get("file")
            and not data.get("file")
        ):
            self.add_error("file", _("Choose the file that people can download."))
        if (
            self.kind == LessonKind.LINK
            and not data.get("link_url")
            and not self.errors.get("link_url")
        ):
            self.add_error("link_url", _("Give the web address to open."))
        return data


class QuestionForm(forms.Form):
    OPTION_ROWS = 4

    text = forms.CharField(label=_("Question"), max_length=500)
    multiple = forms.BooleanField(label=_("More than one answer is right"), required=False)

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        options = list(question.options.all()) if question is not None else []
        if question is not None and not self.is_bound:
            self.fields["text"].initial = question.text
            self.fields["multiple"].initial = question.multiple
        for index in range(self.OPTION_ROWS):
            number = index + 1
            option = options[index] if index < len(options) else None
            self.fields[f"option_{number}"] = forms.CharField(
                label=_("Answer %(number)s") % {"number": number},
                required=False,
                max_length=300,
                initial=option.text if option else "",
            )
            self.fields[f"correct_{number}"] = forms.BooleanField(
                label=_("Answer %(number)s is right") % {"number": number},
                required=False,
                initial=option.correct if option else False,
            )
            self.fields[f"feedback_{number}"] = forms.CharField(
                label=_("Feedback on answer %(number)s") % {"number": number},
                required=False,
                max_length=500,
                initial=option.feedback if option else "",
            )

    def options(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "text": data[f"option_{n}"],
                "correct": data[f"correct_{n}"],
                "feedback": data[f"feedback_{n}"],
            }
            for n in range(1, self.OPTION_ROWS + 1)
            if data.get(f"option_{n}", "").strip()
        ]

    def option_rows(self):
        return [
            (self[f"option_{n}"], self[f"correct_{n}"], self[f"feedback_{n}"])
            for n in range(1, self.OPTION_ROWS + 1)
        ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Module file (.zip or .json)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".zip,.json,application/zip,application/json"}
        ),
    )
    target = forms.ChoiceField(label=_("Add to"))

    def __init__(self, *args, targets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A file exported from Samen Leren: a .zip with the module's files (at most "
            "%(size)s), or a .json file of at most 2 MB (the cover, video files and downloads "
            "then stay empty)."
        ) % {"size": filesizeformat(archive_max_bytes())}
        self.fields["target"].choices = targets
        if len(targets) == 1:
            self.fields["target"].widget = forms.HiddenInput()
            self.fields["target"].initial = targets[0][0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if is_archive(upload):
            if upload.size > archive_max_bytes():
                raise ValidationError(
                    _("This zip is %(size)s; the most we accept is %(limit)s.")
                    % {
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(archive_max_bytes()),
                    }
                )
        elif upload.size > MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB; that is not a module export."))
        return upload


class TargetForm(forms.Form):
    """Where a new module goes (coordinators: their region; trainers: their organisation)."""

    target = forms.ChoiceField(label=_("Region or provider"))


class PathForm(forms.ModelForm):
    class Meta:
        model = LearningPath
        fields = ["title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class PathModuleForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the badge revoked?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Whoever checks the badge sees this reason."),
    )


LEVEL_CHOICES = Level.choices
