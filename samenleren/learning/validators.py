"""Checks for what authors put into a module: video links, uploads and rich text."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext as _

MB = 1024 * 1024
COVER_MAX_BYTES = 2 * MB
VIDEO_MAX_BYTES = 200 * MB
DOWNLOAD_MAX_BYTES = 20 * MB

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{6,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                 "www.youtube-nocookie.com"}  # fmt: skip
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


@dataclass(frozen=True)
class Video:
    provider: str  # "youtube" or "vimeo"
    video_id: str

    @property
    def embed_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}"
        return f"https://player.vimeo.com/video/{self.video_id}"

    @property
    def watch_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"


def _video_error() -> ValidationError:
    return ValidationError(
        _(
            "We do not recognise this video link. Paste the link of a YouTube video (such as "
            "https://www.youtube.com/watch?v=abcdefghijk) or a Vimeo video (such as "
            "https://vimeo.com/123456789)."
        ),
        code="video_url",
    )


def parse_video_url(url: str) -> Video:
    """The YouTube or Vimeo video a link points to; a ValidationError for anything else."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:
        raise _video_error() from error
    if parts.scheme not in {"http", "https"}:
        raise _video_error()
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    candidate = ""
    if host in YOUTUBE_HOSTS:
        if segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            candidate = segments[1]
        if YOUTUBE_ID.match(candidate):
            return Video("youtube", candidate)
    elif host == "youtu.be":
        candidate = segments[0] if len(segments) == 1 else ""
        if YOUTUBE_ID.match(candidate):
            return Video("youtube", candidate)
    elif host in VIMEO_HOSTS:
        if host == "player.vimeo.com" and len(segments) == 2 and segments[0] == "video":
            candidate = segments[1]
        elif host != "player.vimeo.com" and segments:
            candidate = segments[-1] if len(segments) <= 2 else ""
        if VIMEO_ID.match(candidate):
            return Video("vimeo", candidate)
    raise _video_error()


def video_from_embed(embed_url: str) -> Video | None:
    try:
        return parse_video_url(embed_url) if embed_url else None
    except ValidationError:
        return None


# --- uploads ----------------------------------------------------------------------------------


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _head(upload, size: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def too_large_message(*, size: int, limit: int) -> str:
    return _(
        "This file is %(size)s; the most we accept is %(limit)s. Make it smaller and try again."
    ) % {"size": filesizeformat(size), "limit": filesizeformat(limit)}


def _check_size(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            too_large_message(size=upload.size, limit=limit), code="file_too_large"
        )


def _is_new_upload(value) -> bool:
    """Only check files that are uploaded now; a stored file was checked when it came in."""
    return bool(value) and not getattr(value, "_committed", False)


COVER_TYPES = {"jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG", "webp": b"RIFF"}


def validate_cover(value) -> None:
    if not _is_new_upload(value):
        return
    _check_size(value, COVER_MAX_BYTES)
    signature = COVER_TYPES.get(_extension(value.name))
    if signature is None or not _head(value).startswith(signature):
        raise ValidationError(
            _("Upload a JPEG, PNG or WebP image; this file is not one."), code="file_type"
        )


def _is_video(head: bytes, extension: str) -> bool:
    if extension in {"mp4", "m4v", "mov"}:
        return head[4:8] == b"ftyp"
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    return False


def validate_video_file(value) -> None:
    if not _is_new_upload(value):
        return
    _check_size(value, VIDEO_MAX_BYTES)
    if not _is_video(_head(value), _extension(value.name)):
        raise ValidationError(
            _("Upload a video as MP4 or WebM; this file is not one."), code="file_type"
        )


# Office files are zip archives; PDF starts with %PDF.
DOWNLOAD_TYPES = {
    "pdf": b"%PDF",
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "pptx": b"PK\x03\x04",
    "odt": b"PK\x03\x04",
    "ods": b"PK\x03\x04",
    "odp": b"PK\x03\x04",
    "zip": b"PK\x03\x04",
    "png": b"\x89PNG",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}


def validate_download(value) -> None:
    if not _is_new_upload(value):
        return
    _check_size(value, DOWNLOAD_MAX_BYTES)
    signature = DOWNLOAD_TYPES.get(_extension(value.name))
    if signature is None or not _head(value).startswith(signature):
        raise ValidationError(
            _(
                "Upload a PDF, an Office or OpenDocument file, a ZIP file or an image "
                "(PNG, JPEG); this file is not one of those."
            ),
            code="file_type",
        )


# --- rich text --------------------------------------------------------------------------------

ALLOWED_TAGS = {"p", "br", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitise_html(text: str) -> str:
    """Clean HTML from an author: a small set of tags, safe links only. Plain text (no tags) is
    turned into paragraphs first, so authors may simply type."""
    text = text.strip()
    if text and "<" not in text:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
