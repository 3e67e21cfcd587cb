"""Export a module as a zip with its uploaded files, and import one.

The zip holds `module.json` (the JSON export of `transfer.py`) and the uploaded files under
`files/`, which the JSON references by their path in the zip (`module.cover`,
`module.lessons[n].video_file`, `module.lessons[n].file`). An import checks everything before it
writes anything:

- the zip itself: no absolute paths, no `..`, no links, no encrypted entries, no name twice,
  only stored or deflated entries, no entry the module does not use, at most `MAX_ENTRIES`
  entries and at most `LEARNING_ARCHIVE_MAX_BYTES` unpacked;
- the JSON, as a plain JSON import checks it, and that every file it references is in the zip;
- each file as an upload of its kind is checked (the same size limits and content checks,
  `validators.py`).

Sizes are first checked as the zip declares them, so a zip bomb is refused before anything is
unpacked; unpacking then stops as soon as a file passes its limit, whatever the zip declared.
bzip2 and LZMA entries are refused because they can unpack a huge amount from one small read.
Every problem names the entry or the place in the JSON it is about, and with any problem nothing
is written. `transfer.module_write` saves the files through Django's storage and removes them
again when the transaction does not commit."""

import io
import json
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import LessonKind, Module
from .transfer import (
    COVER_KEY,
    FILE_KEY,
    MAX_BYTES,
    VIDEO_FILE_KEY,
    Problems,
    module_export,
    module_import,
    module_import_check,
    module_write,
    problems_error,
)
from .validators import (
    COVER_MAX_BYTES,
    DOWNLOAD_MAX_BYTES,
    MB,
    VIDEO_MAX_BYTES,
    too_large_message,
    validate_cover,
    validate_download,
    validate_video_file,
)

JSON_NAME = "module.json"
FILES_DIR = "files/"
DEFAULT_MAX_BYTES = 1024 * MB
MAX_ENTRIES = 1000
CHUNK = 64 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
SAFE_COMPRESSIONS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
# Files that shrink when packed; images and videos are compressed already.
PACKED_SUFFIXES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")


def archive_max_bytes() -> int:
    """The most a module zip may hold unpacked, all files together."""
    return getattr(settings, "LEARNING_ARCHIVE_MAX_BYTES", DEFAULT_MAX_BYTES)


def is_archive(upload) -> bool:
    """Whether an uploaded import file is a zip: by its first bytes, or by its name."""
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    return head in ZIP_MAGIC or (upload.name or "").lower().endswith(".zip")


# --- export -----------------------------------------------------------------------------------


def module_export_archive(*, module: Module, target: IO[bytes]) -> None:
    """Write the module as a zip to `target`: module.json first, then the files it references
    (the uploads that are in storage)."""
    files: list[tuple[str, FieldFile]] = []
    data = module_export(module=module, files=files)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(
            JSON_NAME,
            json.dumps(data, ensure_ascii=False, indent=2),
            compress_type=zipfile.ZIP_DEFLATED,
        )
        for path, field_file in files:
            info = zipfile.ZipInfo(path)
            info.compress_type = (
                zipfile.ZIP_DEFLATED
                if path.lower().endswith(PACKED_SUFFIXES)
                else zipfile.ZIP_STORED
            )
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            with field_file.open("rb") as source, archive.open(info, "w") as sink:
                while chunk := source.read(CHUNK):
                    sink.write(chunk)


# --- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileKind:
    """What an uploaded file of one kind may be: the same limit and check as the upload form."""

    limit: int
    validate: Callable[[File], None]


KINDS = {
    COVER_KEY: FileKind(COVER_MAX_BYTES, validate_cover),
    VIDEO_FILE_KEY: FileKind(VIDEO_MAX_BYTES, validate_video_file),
    FILE_KEY: FileKind(DOWNLOAD_MAX_BYTES, validate_download),
}


@dataclass(frozen=True)
class Reference:
    where: str  # its place in the JSON, such as module.lessons[2].file
    key: str
    path: str  # the entry in the zip


def module_import_upload(
    *, upload, region_id: int, provider_organisation_id: int | None, actor
) -> Module:
    """Import an uploaded export: a zip with its files, or a plain JSON file (its files stay
    missing). Raises ValidationError with every problem and writes nothing, or returns the new
    unpublished module."""
    if not is_archive(upload):
        return module_import(
            raw=upload.read(),
            region_id=region_id,
            provider_organisation_id=provider_organisation_id,
            actor=actor,
        )
    return module_import_archive(
        archive=upload,
        region_id=region_id,
        provider_organisation_id=provider_organisation_id,
        actor=actor,
    )


def module_import_archive(
    *, archive: IO[bytes], region_id: int, provider_organisation_id: int | None, actor
) -> Module:
    """Import a module zip: check it all, then write the module with its files."""
    with ExitStack() as stack:
        spec, files, problems = _check_archive(archive, stack)
        if problems:
            raise problems_error(problems)
        return module_write(
            spec=spec,
            region_id=region_id,
            provider_organisation_id=provider_organisation_id,
            actor=actor,
            files=files,
        )


def _check_archive(
    archive: IO[bytes], stack: ExitStack
) -> tuple[dict | None, dict[str, File], list[tuple[str, str]]]:
    """The module spec, its files (unpacked into temporary files that `stack` closes) by path,
    and every problem."""
    problems = Problems()
    try:
        opened = stack.enter_context(zipfile.ZipFile(archive))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        problems.add("", _("This is not a valid zip file. Export the module again with its files."))
        return None, {}, problems.items
    entries, within_total = _entries(opened, problems)
    raw = _read_json(opened, entries, problems)
    if raw is None:
        return None, {}, problems.items
    data, json_problems = module_import_check(raw)
    problems.items.extend(json_problems)
    spec = data["module"] if data is not None and isinstance(data.get("module"), dict) else None
    if spec is None:
        return None, {}, problems.items
    found = _found(spec, problems)
    _unused(entries, {path for _where, _key, path in found if isinstance(path, str)}, problems)
    references = _references(found, opened, entries, problems)
    files: dict[str, File] = {}
    if within_total:
        files = _unpack_files(opened, entries, references, stack, problems)
    return spec, files, problems.items


def _unsafe_name(name: str) -> str | None:
    """Why an entry's name is refused, or None."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return _("This path is absolute; a module zip holds only paths inside the zip.")
    if ".." in re.split(r"[/\\]", name):
        return _("This path points outside the zip (“..”); that is not allowed.")
    return None


def _entries(
    opened: zipfile.ZipFile, problems: Problems
) -> tuple[dict[str, zipfile.ZipInfo], bool]:
    """The entries that pass the checks of the zip itself, by name; and whether the zip stays
    within the total size (as it declares it: nothing is unpacked otherwise)."""
    infos = opened.infolist()
    if len(infos) > MAX_ENTRIES:
        problems.add(
            "",
            _("The zip holds %(count)s entries; a module zip holds at most %(max)s.")
            % {"count": len(infos), "max": MAX_ENTRIES},
        )
        return {}, False
    entries: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        reason = _unsafe_name(name)
        if reason is None and stat.S_ISLNK(info.external_attr >> 16):
            reason = _("This is a link; a module zip holds only ordinary files.")
        if reason is None and info.flag_bits & 0x1:
            reason = _("This file is protected with a password; make the zip without one.")
        if reason is None and name in seen:
            reason = _("This name is in the zip twice; keep one of them.")
        if reason is None and info.compress_type not in SAFE_COMPRESSIONS:
            reason = _(
                "This file is packed with a method we do not accept; make the zip again with "
                "the usual compression (deflate)."
            )
        seen.add(name)
        if reason:
            problems.add(name, reason)
        else:
            entries[name] = info
    total, limit = sum(info.file_size for info in infos), archive_max_bytes()
    if total > limit:
        problems.add(
            "",
            _(
                "Unpacked, the zip holds %(size)s; the most we accept is %(limit)s. Leave the "
                "largest videos out and upload them in their lessons afterwards."
            )
            % {"size": filesizeformat(total), "limit": filesizeformat(limit)},
        )
    return entries, total <= limit


def _read_json(opened: zipfile.ZipFile, entries: dict, problems: Problems) -> bytes | None:
    info = entries.get(JSON_NAME)
    if info is None:
        if JSON_NAME not in opened.namelist():
            problems.add(
                JSON_NAME,
                _(
                    "The zip has no module.json at its top level, so it is not a module export. "
                    "Export the module again with its files."
                ),
            )
        return None
    if info.file_size > MAX_BYTES:
        problems.add(JSON_NAME, _("The file is larger than 2 MB; that is not a module export."))
        return None
    content = _unpack(opened, info, limit=MAX_BYTES, sink=io.BytesIO(), problems=problems)
    return content.getvalue() if content is not None else None


def _found(spec: dict, problems: Problems) -> list[tuple[str, str, object]]:
    """The file references in the spec: (place, key, value), each on a kind that has one."""
    found: list[tuple[str, str, object]] = []
    if COVER_KEY in spec:
        found.append(("module.cover", COVER_KEY, spec[COVER_KEY]))
    lessons = spec.get("lessons")
    for number, item in enumerate(lessons if isinstance(lessons, list) else []):
        if not isinstance(item, dict):
            continue
        where = f"module.lessons[{number}]"
        if VIDEO_FILE_KEY in item:
            if item.get("kind") == LessonKind.VIDEO:
                found.append((f"{where}.{VIDEO_FILE_KEY}", VIDEO_FILE_KEY, item[VIDEO_FILE_KEY]))
            else:
                problems.add(
                    f"{where}.{VIDEO_FILE_KEY}", _("Only a video lesson has a video file.")
                )
        if FILE_KEY in item:
            if item.get("kind") == LessonKind.DOWNLOAD:
                found.append((f"{where}.{FILE_KEY}", FILE_KEY, item[FILE_KEY]))
            else:
                problems.add(f"{where}.{FILE_KEY}", _("Only a download lesson has a file."))
    return found


def _references(
    found: list[tuple[str, str, object]],
    opened: zipfile.ZipFile,
    entries: dict,
    problems: Problems,
) -> list[Reference]:
    """The references that point at a usable entry within the limit of their kind."""
    references = []
    for where, key, path in found:
        if not isinstance(path, str) or not path.startswith(FILES_DIR):
            problems.add(
                where,
                _("Give the path of a file in the zip's files folder, such as %(example)s.")
                % {"example": "files/cover/omslag.png"},
            )
            continue
        info = entries.get(path)
        if info is None or info.is_dir():
            if path not in opened.namelist():  # a refused entry is reported already
                problems.add(where, _("The zip has no file %(path)s.") % {"path": path})
            continue
        if info.file_size > KINDS[key].limit:
            problems.add(path, too_large_message(size=info.file_size, limit=KINDS[key].limit))
            continue
        references.append(Reference(where=where, key=key, path=path))
    return references


def _unused(entries: dict, used: set[str], problems: Problems) -> None:
    """Every entry must be used: module.json, a referenced file, or a folder holding one."""
    for name, info in entries.items():
        if name == JSON_NAME or name in used:
            continue
        if info.is_dir() and any(path.startswith(name) for path in used):
            continue
        problems.add(name, _("The module does not use this file; remove it from the zip."))


def _unpack_files(
    opened: zipfile.ZipFile,
    entries: dict,
    references: list[Reference],
    stack: ExitStack,
    problems: Problems,
) -> dict[str, File]:
    """Unpack each referenced file into a temporary file and check it as an upload of its
    kind. Returns the files that pass, by path."""
    files: dict[str, File] = {}
    kinds: dict[str, set[str]] = {}
    for reference in references:
        kinds.setdefault(reference.path, set()).add(reference.key)
    for path, keys in kinds.items():
        handle = stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (the stack closes it)
        limit = max(KINDS[key].limit for key in keys)
        if _unpack(opened, entries[path], limit=limit, sink=handle, problems=problems) is None:
            continue
        upload = File(handle, name=PurePosixPath(path).name)
        upload.size = handle.seek(0, io.SEEK_END)
        handle.seek(0)
        for key in sorted(keys):
            try:
                KINDS[key].validate(upload)
            except ValidationError as error:
                for message in error.messages:
                    problems.add(path, message)
        files[path] = upload
    return files


def _unpack(
    opened: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int, sink, problems: Problems
):
    """Unpack one entry into `sink`, reading at most `limit` bytes and one more to notice a file
    that is larger than it says. Returns the sink (rewound), or None with a problem."""
    written = 0
    try:
        with opened.open(info) as source:
            while chunk := source.read(min(CHUNK, limit + 1 - written)):
                written += len(chunk)
                if written > limit:
                    problems.add(
                        info.filename,
                        _("This file unpacks to more than %(limit)s, the most we accept.")
                        % {"limit": filesizeformat(limit)},
                    )
                    return None
                sink.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        problems.add(
            info.filename,
            _("This file in the zip is damaged and cannot be unpacked. Export the module again."),
        )
        return None
    sink.seek(0)
    return sink
