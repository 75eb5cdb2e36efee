"""`manage.py add_source`: a published text becomes a source byte for byte, or nothing is written."""

import hashlib
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from timeline.choices import ProvenanceBasis
from timeline.models import Source

# CRLF line ends, a decomposed "é" (e + combining acute, not NFC), a no-break space, trailing white space.
AS_PUBLISHED = "  Talks resum\u0065\u0301 in Geneva.\r\n\r\n\u201cWe are ready,\u201d she said.\u00a0 \r\n\n"


def _add(path, *extra, **options):
    out = StringIO()
    call_command("add_source", str(path), "--title", "Talks resume", "--published", "2026-02-10", *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_bytes(AS_PUBLISHED.encode("utf-8"))
    return path


@pytest.mark.django_db
def test_the_text_is_stored_byte_for_byte_with_the_sha256_of_the_file(article):
    output = _add(article, "--url", "https://example.org/talks", "--publisher", "The Example Times")
    source = Source.objects.get(slug="talks-resume")
    assert source.text.encode("utf-8") == article.read_bytes()
    assert source.text_sha256 == hashlib.sha256(article.read_bytes()).hexdigest()
    assert (source.title, source.url, source.publisher) == (
        "Talks resume",
        "https://example.org/talks",
        "The Example Times",
    )
    assert (source.published_on, source.published_on_basis) == (date(2026, 2, 10), ProvenanceBasis.STATED)
    assert source.text_sha256 in output


@pytest.mark.django_db
def test_without_a_publisher_the_publisher_is_unknown(article):
    _add(article)
    source = Source.objects.get(slug="talks-resume")
    assert (source.publisher, source.publisher_basis) == ("", ProvenanceBasis.UNKNOWN)


@pytest.mark.django_db
def test_an_editor_supplied_fact_needs_its_note(article):
    with pytest.raises(CommandError, match="title"):
        _add(article, "--title-basis", "editor")
    assert not Source.objects.filter(slug="talks-resume").exists()
    _add(article, "--title-basis", "editor", "--title-note", "The text carries no headline.")
    assert Source.objects.get(slug="talks-resume").title_basis == ProvenanceBasis.EDITOR


@pytest.mark.django_db
def test_an_existing_slug_is_refused_and_left_as_it_was(article, tmp_path):
    _add(article)
    other = tmp_path / "other.txt"
    other.write_bytes(b"Another text.")
    with pytest.raises(CommandError, match="slug"):
        _add(other)
    assert Source.objects.get(slug="talks-resume").text == AS_PUBLISHED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Caf\u00e9".encode("latin-1"), "not UTF-8"),
        (b" \r\n\t", "has no text"),
        (b"Nul\x00byte", "NUL"),
    ],
)
def test_a_file_that_is_not_a_text_in_utf8_is_refused(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        _add(path)
    assert not Source.objects.filter(slug="talks-resume").exists()


@pytest.mark.django_db
def test_a_bad_url_or_date_is_refused(article):
    with pytest.raises(CommandError, match="url"):
        _add(article, "--url", "not a url")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("add_source", str(article), "--title", "Talks", "--published", "10/02/2026")
    assert not Source.objects.filter(slug="talks-resume").exists()


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        _add(tmp_path / "missing.txt")
