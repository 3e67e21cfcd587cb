"""Video links, uploads and rich text."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from samenleren.learning.validators import (
    COVER_MAX_BYTES,
    parse_video_url,
    sanitise_html,
    validate_cover,
    validate_download,
    validate_video_file,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_known_video_links_become_privacy_friendly_embeds(url, embed):
    assert parse_video_url(url).embed_url == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=kort",
        "https://www.youtube.com/watch",
        "https://youtube.evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)",
        "https://vimeo.com/channels/staffpicks/abc",
        "niet eens een link",
        "http://[::1",
    ],
)
def test_broken_or_unknown_video_links_get_a_clear_message(url):
    with pytest.raises(ValidationError) as error:
        parse_video_url(url)

    assert error.value.messages[0].startswith("We do not recognise this video link.")


def test_a_cover_that_is_too_large_is_refused():
    upload = SimpleUploadedFile(
        "omslag.png", PNG + b"\0" * COVER_MAX_BYTES, content_type="image/png"
    )

    with pytest.raises(ValidationError) as error:
        validate_cover(upload)

    assert error.value.code == "file_too_large"


def test_a_cover_that_is_not_an_image_is_refused_even_with_an_image_name():
    upload = SimpleUploadedFile("omslag.png", b"MZ this is a program", content_type="image/png")

    with pytest.raises(ValidationError) as error:
        validate_cover(upload)

    assert error.value.code == "file_type"


def test_a_real_png_cover_passes():
    assert validate_cover(SimpleUploadedFile("omslag.png", PNG, content_type="image/png")) is None


def test_downloads_and_videos_are_checked_by_content():
    validate_download(
        SimpleUploadedFile("handleiding.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    )
    validate_video_file(SimpleUploadedFile("les.mp4", b"\0\0\0\x18ftypmp42" + b"\0" * 8))
    with pytest.raises(ValidationError):
        validate_download(
            SimpleUploadedFile("handleiding.exe", b"MZ", content_type="application/octet-stream")
        )
    with pytest.raises(ValidationError):
        validate_video_file(SimpleUploadedFile("les.mp4", b"%PDF-1.7 not a video"))


def test_rich_text_is_sanitised_and_plain_text_becomes_paragraphs():
    dirty = '<p onclick="x()">Hoi<script>alert(1)</script> <a href="javascript:x()">link</a></p>'

    assert sanitise_html(dirty) == '<p>Hoi <a rel="noopener noreferrer nofollow">link</a></p>'
    assert sanitise_html("Eerste alinea.\n\nTweede & laatste.") == (
        "<p>Eerste alinea.</p><p>Tweede &amp; laatste.</p>"
    )
