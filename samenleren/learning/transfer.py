"""Export a module as JSON, and import one: everything is checked first, every problem is
reported with where it is (such as `lessons[2].questions[0].options`), and nothing is written
unless the whole file is valid. Uploaded files (cover, video files, downloads) travel only in
the zip export (`archive.py`): a plain JSON import leaves them missing, and an imported download
lesson waits for its file."""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from samenleren.core.services import audit_log
from samenleren.network.models import Profile

from .models import Language, Lesson, LessonKind, Level, Module
from .services.authoring import (
    check_options,
    lesson_prepare,
    module_save,
    question_save,
    themes_from_names,
)
from .validators import parse_video_url

FORMAT = "samenleren-module"
VERSION = 1
MAX_BYTES = 2 * 1024 * 1024
# The keys that name an uploaded file (a path inside the zip export).
COVER_KEY, VIDEO_FILE_KEY, FILE_KEY = "cover", "video_file", "file"


def _stored(field_file: FieldFile) -> bool:
    return bool(field_file) and field_file.storage.exists(field_file.name)


def module_export(*, module: Module, files: list[tuple[str, FieldFile]] | None = None) -> dict:
    """The module as a JSON-ready dict. With `files` (a list to fill), the uploaded files that
    are in storage are referenced by their path in the zip (`files/...`) and appended to it as
    (path, stored file); without, the JSON has no file references (the plain JSON export)."""
    lessons = []
    for number, lesson in enumerate(module.lessons.prefetch_related("questions__options"), start=1):
        item = {
            "title": lesson.title,
            "kind": lesson.kind,
            "minutes": lesson.minutes,
            "body": lesson.body,
        }
        if lesson.kind == LessonKind.VIDEO:
            item["video_url"] = lesson.video_url
        upload = {LessonKind.VIDEO: lesson.video_file, LessonKind.DOWNLOAD: lesson.file}.get(
            lesson.kind
        )
        if files is not None and upload is not None and _stored(upload):
            path = f"files/lessons/{number}/{PurePosixPath(upload.name).name}"
            item[VIDEO_FILE_KEY if lesson.kind == LessonKind.VIDEO else FILE_KEY] = path
            files.append((path, upload))
        if lesson.kind == LessonKind.LINK:
            item["link_url"] = lesson.link_url
        if lesson.kind == LessonKind.QUIZ:
            item["pass_mark"] = lesson.pass_mark
            item["questions"] = [
                {
                    "text": q.text,
                    "multiple": q.multiple,
                    "options": [
                        {"text": o.text, "correct": o.correct, "feedback": o.feedback}
                        for o in q.options.all()
                    ],
                }
                for q in lesson.questions.all()
            ]
        lessons.append(item)
    spec = {
        "title": module.title,
        "summary": module.summary,
        "duration_minutes": module.duration_minutes,
        "level": module.level,
        "language": module.language,
        "study_hours": str(module.study_hours),
        "provider": module.provider,
        "profiles": [p.code for p in module.profiles.all()],
        "themes": [t.name for t in module.themes.all()],
        "lessons": lessons,
    }
    if files is not None and _stored(module.cover):
        path = f"files/cover/{PurePosixPath(module.cover.name).name}"
        spec[COVER_KEY] = path
        files.insert(0, (path, module.cover))
    return {"format": FORMAT, "version": VERSION, "module": spec}


@dataclass
class Problems:
    items: list[tuple[str, str]] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.items.append((where, message))


def _text(data: dict, key: str, where: str, problems: Problems, *, max_length: int,
          required: bool = True) -> str:  # fmt: skip
    value = data.get(key, "")
    if not isinstance(value, str):
        problems.add(f"{where}.{key}", _("This must be text."))
        return ""
    value = value.strip()
    if required and not value:
        problems.add(f"{where}.{key}", _("This is required."))
    elif len(value) > max_length:
        problems.add(
            f"{where}.{key}",
            _("This is too long: at most %(max)s characters.") % {"max": max_length},
        )
    return value


def _integer(data: dict, key: str, where: str, problems: Problems, *, low: int, high: int,
             default: int | None = None) -> int | None:  # fmt: skip
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.add(
            f"{where}.{key}",
            _("Give a whole number from %(low)s to %(high)s.") % {"low": low, "high": high},
        )
        return None
    return value


def _check_lesson(item, where: str, problems: Problems) -> None:
    if not isinstance(item, dict):
        problems.add(where, _("Each lesson must be an object with a title and a kind."))
        return
    _text(item, "title", where, problems, max_length=200)
    kind = item.get("kind")
    if kind not in LessonKind.values:
        problems.add(
            f"{where}.kind",
            _("Unknown kind; use one of: %(kinds)s.") % {"kinds": ", ".join(LessonKind.values)},
        )
    _integer(item, "minutes", where, problems, low=1, high=600, default=5)
    body = item.get("body", "")
    if not isinstance(body, str):
        problems.add(f"{where}.body", _("This must be text."))
    if kind == LessonKind.TEXT and not (isinstance(body, str) and body.strip()):
        problems.add(f"{where}.body", _("A text lesson needs text."))
    if kind == LessonKind.VIDEO:
        url = item.get("video_url", "")
        # A lesson with an uploaded video file needs no link (in a plain JSON import it waits
        # for its file, as a download lesson does).
        if url or not item.get(VIDEO_FILE_KEY):
            try:
                parse_video_url(url if isinstance(url, str) else "")
            except ValidationError as error:
                problems.add(f"{where}.video_url", error.messages[0])
    if kind == LessonKind.LINK:
        url = item.get("link_url", "")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            problems.add(f"{where}.link_url", _("Give a web address starting with https://."))
    if kind == LessonKind.QUIZ:
        _integer(item, "pass_mark", where, problems, low=1, high=100, default=70)
        questions = item.get("questions")
        if not isinstance(questions, list) or not questions:
            problems.add(f"{where}.questions", _("A quiz needs at least one question."))
            return
        for number, question in enumerate(questions):
            spot = f"{where}.questions[{number}]"
            if not isinstance(question, dict):
                problems.add(spot, _("Each question must be an object with text and options."))
                continue
            _text(question, "text", spot, problems, max_length=500)
            multiple = question.get("multiple", False)
            if not isinstance(multiple, bool):
                problems.add(f"{spot}.multiple", _("Give true or false."))
                multiple = False
            options = question.get("options")
            if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
                problems.add(f"{spot}.options", _("Give the answers as a list of objects."))
                continue
            for index, option in enumerate(options):
                _text(option, "text", f"{spot}.options[{index}]", problems, max_length=300)
                _text(option, "feedback", f"{spot}.options[{index}]", problems, max_length=500,
                      required=False)  # fmt: skip
            for message in check_options(multiple=multiple, options=options):
                problems.add(f"{spot}.options", message)


def module_import_check(raw: bytes) -> tuple[dict | None, list[tuple[str, str]]]:
    """Parse and check an export file. Returns the data and the problems (where, message)."""
    problems = Problems()
    if len(raw) > MAX_BYTES:
        problems.add("", _("The file is larger than 2 MB; that is not a module export."))
        return None, problems.items
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.add("", _("This is not a valid JSON file (%(error)s).") % {"error": error})
        return None, problems.items
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        problems.add("format", _("This is not a Samen Leren module export (format is missing)."))
        return None, problems.items
    if data.get("version") != VERSION:
        problems.add("version", _("Only version 1 of the export format can be imported."))
    module = data.get("module")
    if not isinstance(module, dict):
        problems.add("module", _("The module is missing."))
        return None, problems.items
    where = "module"
    _text(module, "title", where, problems, max_length=200)
    _text(module, "summary", where, problems, max_length=300)
    _text(module, "provider", where, problems, max_length=200, required=False)
    _integer(module, "duration_minutes", where, problems, low=1, high=6000)
    if module.get("level") not in Level.values:
        problems.add(
            f"{where}.level",
            _("Unknown level; use one of: %(levels)s.") % {"levels": ", ".join(Level.values)},
        )
    if module.get("language", "nl") not in Language.values:
        problems.add(f"{where}.language", _("Use nl or en."))
    try:
        hours = Decimal(str(module.get("study_hours")))
        if not Decimal("0") <= hours <= Decimal("200") or hours != hours.quantize(Decimal("0.01")):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        problems.add(f"{where}.study_hours", _("Give the study hours as a number from 0 to 200."))
    profiles = module.get("profiles", [])
    known = set(Profile.objects.values_list("code", flat=True))
    if not isinstance(profiles, list) or any(p not in known for p in profiles):
        problems.add(
            f"{where}.profiles",
            _("Unknown profile; use codes such as %(codes)s.")
            % {"codes": ", ".join(sorted(known))},
        )
    themes = module.get("themes", [])
    if not isinstance(themes, list) or any(
        not isinstance(t, str) or not t.strip() or len(t) > 80 for t in themes
    ):
        problems.add(f"{where}.themes", _("Give the themes as a list of names."))
    lessons = module.get("lessons")
    if not isinstance(lessons, list) or not lessons:
        problems.add(f"{where}.lessons", _("A module needs at least one lesson."))
    else:
        for number, item in enumerate(lessons):
            _check_lesson(item, f"{where}.lessons[{number}]", problems)
    return data, problems.items


def problems_error(problems: list[tuple[str, str]]) -> ValidationError:
    return ValidationError(
        [f"{where}: {message}" if where else message for where, message in problems]
    )


def module_import(
    *, raw: bytes, region_id: int, provider_organisation_id: int | None, actor
) -> Module:
    """Create an unpublished module from an export file, or raise ValidationError with every
    problem ("where: message") and write nothing. File references in the JSON are ignored: the
    module's uploads stay missing."""
    data, problems = module_import_check(raw)
    if problems:
        raise problems_error(problems)
    return module_write(
        spec=data["module"],
        region_id=region_id,
        provider_organisation_id=provider_organisation_id,
        actor=actor,
        files={},
    )


def module_write(
    *,
    spec: dict,
    region_id: int,
    provider_organisation_id: int | None,
    actor,
    files: Mapping[str, File],
) -> Module:
    """Write a checked module spec as an unpublished module. `files` maps the file references
    of the spec (paths in the zip) to checked files; they are saved through the storage of
    their field. The transaction is durable, so leaving it normally means it is committed: if
    anything fails before that, the files saved so far are removed again and no row stays."""
    stored: list[FieldFile] = []

    def attach(field_file: FieldFile, reference) -> None:
        content = files.get(reference) if isinstance(reference, str) else None
        if content is None:
            return
        field_file.save(PurePosixPath(reference).name, content, save=False)
        stored.append(field_file)

    committed = False
    try:
        module = _module_create(
            spec=spec,
            region_id=region_id,
            provider_organisation_id=provider_organisation_id,
            actor=actor,
            attach=attach,
        )
        committed = True
    finally:
        if not committed:
            for field_file in stored:
                field_file.storage.delete(field_file.name)
    return module


def _module_create(
    *, spec: dict, region_id: int, provider_organisation_id: int | None, actor, attach
) -> Module:
    with transaction.atomic(durable=True):
        module = Module(
            region_id=region_id,
            provider_organisation_id=provider_organisation_id,
            title=spec["title"].strip(),
            summary=spec["summary"].strip(),
            duration_minutes=spec["duration_minutes"],
            level=spec["level"],
            language=spec.get("language", "nl"),
            study_hours=Decimal(str(spec["study_hours"])),
            provider=(spec.get("provider") or "").strip(),
        )
        attach(module.cover, spec.get(COVER_KEY))
        module_save(
            module=module,
            actor=actor,
            themes=themes_from_names(spec.get("themes", [])),
            profiles=Profile.objects.filter(code__in=spec.get("profiles", [])),
        )
        for number, item in enumerate(spec["lessons"], start=1):
            lesson = Lesson(
                module=module,
                position=number,
                title=item["title"].strip(),
                kind=item["kind"],
                minutes=item.get("minutes", 5),
                body=item.get("body", ""),
                video_url=item.get("video_url", "") if item["kind"] == LessonKind.VIDEO else "",
                link_url=item.get("link_url", "") if item["kind"] == LessonKind.LINK else "",
                pass_mark=item.get("pass_mark", 70),
            )
            if item["kind"] == LessonKind.VIDEO:
                attach(lesson.video_file, item.get(VIDEO_FILE_KEY))
            if item["kind"] == LessonKind.DOWNLOAD:
                attach(lesson.file, item.get(FILE_KEY))
            lesson_prepare(lesson)
            lesson.full_clean()
            lesson.save()
            for question in item.get("questions", []) if item["kind"] == LessonKind.QUIZ else []:
                question_save(
                    lesson=lesson,
                    text=question["text"],
                    multiple=question.get("multiple", False),
                    options=question["options"],
                    actor=actor,
                )
        audit_log(actor=actor, action="learning.module_imported", target=module)
    return module
