"""Netflixleren: modules with lessons, learning paths, progress, quizzes and Open Badges."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samenleren.core.models import TimeStampedModel
from samenleren.core.text import search_document
from samenleren.network.models import Organisation, Profile, Region

from .validators import validate_cover, validate_download, validate_video_file


class Level(models.TextChoices):
    INTRO = "intro", _("Introduction")
    BASIC = "basic", _("Basic")
    ADVANCED = "advanced", _("Advanced")


class Language(models.TextChoices):
    DUTCH = "nl", _("Dutch")
    ENGLISH = "en", _("English")


class Theme(models.Model):
    """A tag such as "Lasersnijden" or "LOB": modules share themes, filters and rows use them."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Module(TimeStampedModel):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="modules"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    cover = models.ImageField(
        _("cover image"),
        upload_to="learning/covers/",
        blank=True,
        validators=[validate_cover],
        help_text=_("A JPEG, PNG or WebP image of at most 2 MB."),
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration in minutes"), validators=[MinValueValidator(1), MaxValueValidator(6000)]
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.BASIC)
    profiles = models.ManyToManyField(
        Profile, verbose_name=_("vmbo profiles"), blank=True, related_name="modules"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="modules"
    )
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    provider_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("provider organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learning_modules",
        help_text=_("Trainers of this organisation may edit the module."),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    study_hours = models.DecimalField(
        _("study hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("200"))],
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["title"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="module_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def refresh_search_text(self, *, themes: list[str] | None = None) -> None:
        """The stems the catalogue search looks in (call before saving)."""
        if themes is None:
            themes = [t.name for t in self.themes.all()] if self.pk else []
        self.search_text = search_document(self.title, self.summary, self.provider, *themes)


class LessonKind(models.TextChoices):
    TEXT = "text", _("Text")
    VIDEO = "video", _("Video")
    DOWNLOAD = "download", _("Download")
    LINK = "link", _("External link")
    QUIZ = "quiz", _("Quiz")


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=LessonKind.choices)
    minutes = models.PositiveIntegerField(
        _("minutes"), default=5, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    body = models.TextField(_("text"), blank=True, help_text="Sanitised HTML.")
    video_url = models.URLField(_("video link"), blank=True, max_length=300)
    embed_url = models.URLField(blank=True, max_length=300, editable=False)
    video_file = models.FileField(
        _("video file"), upload_to="learning/video/", blank=True, validators=[validate_video_file]
    )
    file = models.FileField(
        _("file"), upload_to="learning/files/", blank=True, validators=[validate_download]
    )
    link_url = models.URLField(_("link"), blank=True, max_length=500)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percentage)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["module", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1) & Q(pass_mark__lte=100), name="lesson_pass_mark"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_quiz(self) -> bool:
        return self.kind == LessonKind.QUIZ


class Question(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=1)
    text = models.CharField(_("question"), max_length=500)
    multiple = models.BooleanField(_("more than one answer is right"), default=False)

    class Meta:
        ordering = ["lesson", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField(default=1)
    text = models.CharField(_("answer"), max_length=300)
    correct = models.BooleanField(_("right answer"), default=False)
    feedback = models.CharField(_("feedback"), max_length=500, blank=True)

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self) -> str:
        return self.text


class LearningPath(TimeStampedModel):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="learning_paths"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    is_published = models.BooleanField(_("published"), default=False)
    modules = models.ManyToManyField(Module, through="PathItem", related_name="paths")

    class Meta:
        ordering = ["title"]
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def __str__(self) -> str:
        return self.title


class PathItem(models.Model):
    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="items")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="path_items")
    position = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["path", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["path", "module"], name="path_item_unique_module"),
        ]

    def __str__(self) -> str:
        return f"{self.path_id}: {self.module_id}"


class ModuleProgress(models.Model):
    """A person's progress in a module. Completion is set once (see services.progress)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_progress"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="progress")
    last_lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    percent = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    hours_awarded = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        help_text="The module's study hours at completion, kept if the module changes later.",
    )

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(fields=["person", "module"], name="module_progress_once"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="module_progress_percent"),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(percent=100),
                name="module_progress_complete_is_full",
            ),
        ]
        indexes = [models.Index(fields=["completed_at"], name="learning_mp_completed")]

    def __str__(self) -> str:
        return f"{self.person_id} / {self.module_id}: {self.percent}%"

    @property
    def url(self) -> str:
        """Where 'continue' leads: the lesson where the person stopped."""
        return reverse("learning:resume", args=[self.module_id])

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class LessonProgress(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    position_seconds = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "lesson"], name="lesson_progress_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} / {self.lesson_id}"


class QuizAttempt(models.Model):
    """The recorded result of a quiz: one row per person and quiz. A failed result is replaced
    by the next try; once passed, it stays (see services.progress.quiz_submit)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="attempts")
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    answers = models.JSONField(default=dict)
    tries = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "lesson"], name="quiz_attempt_once"),
            models.CheckConstraint(condition=Q(score__lte=100), name="quiz_attempt_score"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} / {self.lesson_id}: {self.score}%"


class PathCompletion(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_completions"
    )
    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "path"], name="path_completion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} / {self.path_id}"


class Rating(models.Model):
    """ "Nuttig?": one yes or no per person and module; a second answer replaces the first."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_ratings"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="ratings")
    useful = models.BooleanField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "module"], name="rating_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} / {self.module_id}: {self.useful}"


class SavedModule(models.Model):
    """ "Mijn lijst": modules saved for later."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_modules"
    )
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="saved_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "module"], name="saved_module_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} / {self.module_id}"


class BadgeClass(models.Model):
    """An Open Badges 2.0 BadgeClass for completing a module or a learning path."""

    module = models.OneToOneField(
        Module, null=True, blank=True, on_delete=models.CASCADE, related_name="badge"
    )
    path = models.OneToOneField(
        LearningPath, null=True, blank=True, on_delete=models.CASCADE, related_name="badge"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("description"), max_length=500)
    criteria = models.TextField(_("criteria"))

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        constraints = [
            models.CheckConstraint(
                condition=(Q(module__isnull=False) & Q(path__isnull=True))
                | (Q(module__isnull=True) & Q(path__isnull=False)),
                name="badge_class_module_xor_path",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region(self) -> Region:
        return (self.module or self.path).region


class BadgeAssertion(models.Model):
    """An issued badge. The recipient is stored as a salted SHA-256 hash of the e-mail address
    (OB 2.0 hosted verification); the JSON is served at a public URL under the uuid."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    badge = models.ForeignKey(BadgeClass, on_delete=models.PROTECT, related_name="assertions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badge_assertions"
    )
    recipient_hash = models.CharField(max_length=80)
    salt = models.CharField(max_length=40)
    issued_on = models.DateTimeField()
    revoked = models.BooleanField(_("revoked"), default=False)
    revocation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        constraints = [
            models.UniqueConstraint(fields=["badge", "person"], name="badge_assertion_once"),
            models.CheckConstraint(
                condition=Q(revoked=False) | ~Q(revocation_reason=""),
                name="badge_assertion_revoked_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.badge} → {self.person_id}"

    @property
    def title(self) -> str:
        return self.badge.name

    @property
    def url(self) -> str:
        return reverse("learning:badge", args=[self.uuid])
