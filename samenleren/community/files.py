"""Uploaded materials: the file must be what its name says (magic bytes against the extension)
and not too large."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD = 10 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
# extension -> (magic bytes at the start, for zip formats the member that must be inside)
SIGNATURES: dict[str, tuple[bytes, str | None]] = {
    "pdf": (b"%PDF-", None),
    "png": (b"\x89PNG\r\n\x1a\n", None),
    "jpg": (b"\xff\xd8\xff", None),
    "jpeg": (b"\xff\xd8\xff", None),
    "docx": (ZIP_MAGIC, "word/document.xml"),
    "pptx": (ZIP_MAGIC, "ppt/presentation.xml"),
    "xlsx": (ZIP_MAGIC, "xl/workbook.xml"),
    "odt": (ZIP_MAGIC, "mimetype"),
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def allowed_extensions() -> str:
    return ", ".join(sorted({"jpg" if e == "jpeg" else e for e in SIGNATURES}))


def check_upload(upload) -> str:
    """The file's type (its extension) when the contents match; ValidationError otherwise."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Files of this type cannot be shared. Allowed: %(types)s.")
            % {"types": allowed_extensions()}
        )
    if upload.size > MAX_UPLOAD:
        raise ValidationError(
            _("The file is %(size)s; at most %(max)s is allowed. Share a link instead.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD)}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    magic, member = SIGNATURES[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    wrong = _("The file is not a real %(type)s file (its contents do not match its name).") % {
        "type": extension.upper()
    }
    if head != magic:
        raise ValidationError(wrong)
    if member is not None:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                ok = member in names
                if ok and extension == "odt":
                    ok = archive.read("mimetype").strip() == ODT_MIMETYPE
        except (zipfile.BadZipFile, KeyError, OSError):
            ok = False
        upload.seek(0)
        if not ok:
            raise ValidationError(wrong)
    return "jpg" if extension == "jpeg" else extension
