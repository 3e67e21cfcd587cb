"""Export and import of a module as a zip with its files: a round trip keeps every byte, and a
bad zip (unsafe paths, links, files the module does not use, too large, wrong type, damaged,
bombs) is refused with every problem named and nothing written: no rows, no stored files."""

import io
import json
import stat
import struct
import warnings
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samenleren.learning.archive import module_export_archive, module_import_archive
from samenleren.learning.models import Lesson, LessonKind, Module, Option, Question, Theme
from samenleren.learning.transfer import module_import
from samenleren.network.tests.factories import RegionFactory, coordinator_of

from .factories import LessonFactory, ModuleFactory, ThemeFactory, quiz_lesson

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 16
PDF = b"%PDF-1.7\n" + b"Veilig werken met de lasersnijder.\n" * 40
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Stored files go to a folder of this test only, so they can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Module, Lesson, Question, Option, Theme))


def module_with_files(region=None):
    """A module with a cover, an uploaded video, a download and a quiz."""
    module = ModuleFactory(
        region=region or RegionFactory(),
        title="Lasersnijden",
        lessons=1,
        themes=[ThemeFactory(name="TechLab", slug="techlab")],
    )
    module.cover.save("omslag.png", ContentFile(PNG), save=True)
    LessonFactory(
        module=module,
        kind=LessonKind.VIDEO,
        title="Zo werkt de lasersnijder",
        video_url="",
        position=2,
        video_file=ContentFile(MP4, name="uitleg.mp4"),
    )
    LessonFactory(
        module=module,
        kind=LessonKind.DOWNLOAD,
        title="Veiligheidskaart",
        position=3,
        file=ContentFile(PDF, name="veiligheidskaart.pdf"),
    )
    quiz_lesson(module, position=4)
    return module


def export_zip(module) -> bytes:
    target = io.BytesIO()
    module_export_archive(module=module, target=target)
    return target.getvalue()


def entries_of(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def make_zip(entries: dict, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of (name or ZipInfo) → bytes, as a person or a tool might make one."""
    target = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name" is one of the cases
        with zipfile.ZipFile(target, "w", compression=compression) as archive:
            for name, content in entries:
                archive.writestr(name, content)
    return target.getvalue()


def import_zip(content: bytes, region):
    return module_import_archive(
        archive=io.BytesIO(content),
        region_id=region.pk,
        provider_organisation_id=None,
        actor=coordinator_of(region),
    )


def test_the_zip_holds_the_json_and_the_files_it_references():
    module = module_with_files()

    entries = entries_of(export_zip(module))

    spec = json.loads(entries["module.json"])["module"]
    lessons = spec["lessons"]
    assert (spec["cover"], lessons[1]["video_file"], lessons[2]["file"]) == (
        "files/cover/omslag.png",
        "files/lessons/2/uitleg.mp4",
        "files/lessons/3/veiligheidskaart.pdf",
    )
    assert sorted(entries) == [
        "files/cover/omslag.png",
        "files/lessons/2/uitleg.mp4",
        "files/lessons/3/veiligheidskaart.pdf",
        "module.json",
    ]
    assert (
        entries["files/cover/omslag.png"],
        entries["files/lessons/2/uitleg.mp4"],
        entries["files/lessons/3/veiligheidskaart.pdf"],
    ) == (PNG, MP4, PDF)


def test_a_round_trip_to_another_region_brings_every_file_with_the_same_bytes(media):
    module = module_with_files()
    other_region = RegionFactory(name="Twente")

    copy = import_zip(export_zip(module), other_region)

    assert (copy.region, copy.is_published, copy.title) == (other_region, False, "Lasersnijden")
    assert [(lesson.kind, lesson.title) for lesson in copy.lessons.all()] == [
        (lesson.kind, lesson.title) for lesson in module.lessons.all()
    ]
    video = copy.lessons.get(kind=LessonKind.VIDEO)
    download = copy.lessons.get(kind=LessonKind.DOWNLOAD)
    with copy.cover.open("rb") as cover, video.video_file.open("rb") as film:
        assert (cover.read(), film.read()) == (PNG, MP4)
    with download.file.open("rb") as handout:
        assert handout.read() == PDF
    # Stored as files of their own, next to the original's.
    assert len(stored_files(media)) == 6


def test_the_zip_export_and_import_through_the_pages(client, settings, media):
    settings.MFA_REQUIRED_FOR_STAFF = False
    region = RegionFactory()
    module = module_with_files(region)
    coordinator = coordinator_of(region, preferred_language="en")
    client.force_login(coordinator)

    response = client.get(reverse("learning:manage_export_zip", args=[module.pk]))
    content = b"".join(response.streaming_content)  # reading it to the end closes it
    imported = client.post(
        reverse("learning:manage_import"),
        {"file": SimpleUploadedFile("lasersnijden.zip", content), "target": f"{region.pk}:0"},
    )

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/zip",
        f'attachment; filename="{module.slug}.zip"',
    )
    copy = Module.objects.exclude(pk=module.pk).get()
    assert imported.url == reverse("learning:manage_module", args=[copy.pk])
    with copy.lessons.get(kind=LessonKind.DOWNLOAD).file.open("rb") as handout:
        assert handout.read() == PDF


def test_the_plain_json_export_still_imports_with_its_files_missing(media):
    module = module_with_files()
    data = json.loads(entries_of(export_zip(module))["module.json"])
    files_before = stored_files(media)

    copy = module_import(
        raw=json.dumps(data).encode(),
        region_id=RegionFactory().pk,
        provider_organisation_id=None,
        actor=None,
    )

    video = copy.lessons.get(kind=LessonKind.VIDEO)
    assert (bool(copy.cover), bool(video.video_file), video.video_url) == (False, False, "")
    assert bool(copy.lessons.get(kind=LessonKind.DOWNLOAD).file) is False
    assert stored_files(media) == files_before


def _forge(content: bytes, name: str, *, offset: int, value: bytes) -> bytes:
    """Change a field of `name` in the zip's central directory (which readers trust): the
    unpacked size is at offset 24, the flags at offset 8."""
    encoded, at = name.encode(), 0
    while True:
        at = content.index(b"PK\x01\x02", at)
        name_length = struct.unpack("<H", content[at + 28 : at + 30])[0]
        if content[at + 46 : at + 46 + name_length] == encoded:
            break
        at += 4
    return content[: at + offset] + value + content[at + offset + len(value) :]


def _link(name: str, target: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target


def _bzip2(name: str, content: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_BZIP2
    return info, content


COVER = "files/cover/omslag.png"
VIDEO = "files/lessons/2/uitleg.mp4"
DOWNLOAD = "files/lessons/3/veiligheidskaart.pdf"


def _with(valid: dict, *extra, drop=(), replace=None) -> list:
    replace = replace or {}
    kept = [
        (name, replace.get(name, content)) for name, content in valid.items() if name not in drop
    ]
    return kept + list(extra)


def _json_with(valid: dict, change) -> dict:
    data = json.loads(valid["module.json"])
    change(data["module"])
    return {**valid, "module.json": json.dumps(data).encode()}


BAD_ZIPS = {
    "absolute path": (
        lambda v: make_zip(_with(v, ("/etc/cron.d/samenleren", b"* * * * * root rm -rf /"))),
        [
            (
                "/etc/cron.d/samenleren",
                "This path is absolute; a module zip holds only paths inside the zip.",
            )
        ],
    ),
    "dot dot": (
        lambda v: make_zip(_with(v, ("files/../../settings.py", b"DEBUG = True"))),
        [
            (
                "files/../../settings.py",
                "This path points outside the zip (“..”); that is not allowed.",
            )
        ],
    ),
    "symlink": (
        lambda v: make_zip(_with(v, _link("files/wachtwoorden", b"/etc/passwd"))),
        [("files/wachtwoorden", "This is a link; a module zip holds only ordinary files.")],
    ),
    "symlink in place of a referenced file": (
        lambda v: make_zip(_with(v, _link(DOWNLOAD, b"/etc/passwd"), drop=[DOWNLOAD])),
        [(DOWNLOAD, "This is a link; a module zip holds only ordinary files.")],
    ),
    "entry not referenced": (
        lambda v: make_zip(
            _with(v, ("files/lessons/3/oud.pdf", PDF), ("__MACOSX/._omslag.png", b"x"))
        ),
        [
            (
                "files/lessons/3/oud.pdf",
                "The module does not use this file; remove it from the zip.",
            ),
            ("__MACOSX/._omslag.png", "The module does not use this file; remove it from the zip."),
        ],
    ),
    "referenced file missing": (
        lambda v: make_zip(_with(v, drop=[VIDEO])),
        [("module.lessons[1].video_file", f"The zip has no file {VIDEO}.")],
    ),
    "reference outside files": (
        lambda v: make_zip(
            _with(_json_with(v, lambda m: m.update(cover="module.json")), drop=[COVER])
        ),
        [
            (
                "module.cover",
                "Give the path of a file in the zip's files folder, such as files/cover/omslag.png.",
            )
        ],
    ),
    "reference that is not a path": (
        lambda v: make_zip(_with(_json_with(v, lambda m: m.update(cover=[COVER])), drop=[COVER])),
        [
            (
                "module.cover",
                "Give the path of a file in the zip's files folder, such as files/cover/omslag.png.",
            )
        ],
    ),
    "file on the wrong kind of lesson": (
        lambda v: make_zip(_with(_json_with(v, lambda m: m["lessons"][0].update(file=DOWNLOAD)))),
        [("module.lessons[0].file", "Only a download lesson has a file.")],
    ),
    "cover larger than a cover may be": (
        lambda v: make_zip(_with(v, replace={COVER: PNG + bytes(3 * MB)})),
        [
            (
                COVER,
                "This file is 3.0\xa0MB; the most we accept is 2.0\xa0MB. Make it smaller and try again.",
            )
        ],
    ),
    "download that is not what its name says": (
        lambda v: make_zip(_with(v, replace={DOWNLOAD: b"MZ\x90\x00 a program"})),
        [
            (
                DOWNLOAD,
                "Upload a PDF, an Office or OpenDocument file, a ZIP file or an image (PNG, "
                "JPEG); this file is not one of those.",
            )
        ],
    ),
    "video that is not a video": (
        lambda v: make_zip(_with(v, replace={VIDEO: PDF})),
        [(VIDEO, "Upload a video as MP4 or WebM; this file is not one.")],
    ),
    "bomb that lies about its size": (
        lambda v: _forge(
            make_zip(_with(v, replace={COVER: PNG + bytes(3 * MB)})),
            COVER,
            offset=24,
            value=struct.pack("<I", 1000),
        ),
        [
            (
                COVER,
                "This file in the zip is damaged and cannot be unpacked. Export the module again.",
            )
        ],
    ),
    "bzip2 entry": (
        lambda v: make_zip(_with(v, _bzip2(VIDEO, MP4), drop=[VIDEO])),
        [
            (
                VIDEO,
                "This file is packed with a method we do not accept; make the zip again with the "
                "usual compression (deflate).",
            )
        ],
    ),
    "password protected entry": (
        # zipfile cannot write encrypted entries: set the "encrypted" flag afterwards.
        lambda v: _forge(make_zip(_with(v)), DOWNLOAD, offset=8, value=struct.pack("<H", 1)),
        [(DOWNLOAD, "This file is protected with a password; make the zip without one.")],
    ),
    "same name twice": (
        lambda v: make_zip(_with(v, (DOWNLOAD, b"%PDF-1.7 another"))),
        [(DOWNLOAD, "This name is in the zip twice; keep one of them.")],
    ),
    "no module.json": (
        lambda v: make_zip(_with(v, drop=["module.json"])),
        [
            (
                "module.json",
                "The zip has no module.json at its top level, so it is not a module export. "
                "Export the module again with its files.",
            )
        ],
    ),
    "not a zip at all": (
        lambda v: b"PK\x03\x04 but then nothing that a zip needs",
        [("", "This is not a valid zip file. Export the module again with its files.")],
    ),
    "json and file problems together": (
        lambda v: make_zip(
            _with(
                _json_with(v, lambda m: m.update(title="")),
                replace={DOWNLOAD: b"MZ"},
            )
        ),
        [
            ("module.title", "This is required."),
            (
                DOWNLOAD,
                "Upload a PDF, an Office or OpenDocument file, a ZIP file or an image (PNG, "
                "JPEG); this file is not one of those.",
            ),
        ],
    ),
}


def test_folder_entries_that_tools_add_are_accepted(media):
    valid = entries_of(export_zip(module_with_files()))
    folders = [(name, b"") for name in ("files/", "files/cover/", "files/lessons/")]

    copy = import_zip(make_zip(folders + _with(valid)), RegionFactory())

    with copy.cover.open("rb") as cover:
        assert cover.read() == PNG


def _message(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


@pytest.mark.parametrize("case", list(BAD_ZIPS))
def test_a_bad_zip_is_refused_with_each_problem_named_and_writes_nothing(case, media):
    build, expected = BAD_ZIPS[case]
    valid = entries_of(export_zip(module_with_files()))
    content = build(valid)
    region = RegionFactory()
    before = (rows(), stored_files(media))

    with pytest.raises(ValidationError) as error:
        import_zip(content, region)

    assert error.value.messages == [_message(where, message) for where, message in expected]
    assert (rows(), stored_files(media)) == before


def test_a_zip_larger_than_the_total_limit_is_refused_before_anything_is_unpacked(settings, media):
    settings.LEARNING_ARCHIVE_MAX_BYTES = 5_000
    content = export_zip(module_with_files())
    before = (rows(), stored_files(media))

    with pytest.raises(ValidationError) as error:
        import_zip(content, RegionFactory())

    total = sum(len(data) for data in entries_of(content).values())
    assert error.value.messages == [
        f"Unpacked, the zip holds {total / 1024:.1f}\xa0KB; the most we accept is 4.9\xa0KB. "
        "Leave the "
        "largest videos out and upload them in their lessons afterwards."
    ]
    assert (rows(), stored_files(media)) == before


def test_a_write_that_fails_after_files_were_stored_removes_them_again(media):
    content = export_zip(module_with_files())
    gone = RegionFactory()
    region_id = gone.pk
    gone.delete()
    before = (rows(), stored_files(media))

    with pytest.raises(ValidationError):
        module_import_archive(
            archive=io.BytesIO(content),
            region_id=region_id,
            provider_organisation_id=None,
            actor=None,
        )

    assert (rows(), stored_files(media)) == before


def test_the_import_page_links_each_zip_problem_to_the_file_field(client, settings, media):
    settings.MFA_REQUIRED_FOR_STAFF = False  # MFA has its own tests
    region = RegionFactory()
    client.force_login(coordinator_of(region, preferred_language="en"))
    valid = entries_of(export_zip(module_with_files(region)))
    before = (rows(), stored_files(media))

    response = client.post(
        reverse("learning:manage_import"),
        {
            "file": SimpleUploadedFile(
                "kapot.zip", make_zip(_with(valid, ("../buiten.txt", b"x")))
            ),
            "target": f"{region.pk}:0",
        },
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "../buiten.txt: This path points outside the zip (“..”); that is not allowed."
    ]
    assert 'aria-describedby="id_file_helptext id_file_errors"' in page
    assert '<a href="#id_file">' in page
    assert (rows(), stored_files(media)) == before


def test_a_zip_upload_larger_than_the_limit_is_refused_by_the_form(client, settings, media):
    settings.MFA_REQUIRED_FOR_STAFF = False
    settings.LEARNING_ARCHIVE_MAX_BYTES = 1000
    region = RegionFactory()
    client.force_login(coordinator_of(region, preferred_language="en"))

    response = client.post(
        reverse("learning:manage_import"),
        {
            "file": SimpleUploadedFile("groot.zip", b"PK\x03\x04" + bytes(2000)),
            "target": f"{region.pk}:0",
        },
    )

    assert response.context["form"].errors["file"] == [
        "This zip is 2.0\xa0KB; the most we accept is 1000\xa0bytes."
    ]
    assert Module.objects.count() == 0
