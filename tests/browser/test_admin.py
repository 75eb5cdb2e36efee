"""An editor in a real browser: logs in, cites the article while adding a statement, and is stopped when the
words are not the article's. Debian's chromium driven by Playwright; marked `browser` (make test-browser)."""

import os
import re

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an event loop in this thread; Django's ORM must still be usable from the test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import expect

from timeline.models import Source, Statement

pytestmark = pytest.mark.browser

PASSWORD = "a long editor passphrase"


@pytest.fixture
def site(seeded_site, django_user_model, settings):
    """The seed article served live, and an editor with a password."""
    live_server = seeded_site
    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]
    call_command("create_editor", "browser-editor", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    editor = django_user_model.objects.get(username="browser-editor")
    editor.set_password(PASSWORD)
    editor.save()
    return live_server


@pytest.fixture
def page(site, chromium):
    # Served as in production behind a proxy that ends TLS; the browser's own origin is a trusted one (see `site`).
    context = chromium.new_context(base_url=site.url, extra_http_headers={"X-Forwarded-Proto": "https"})
    yield context.new_page()
    context.close()


def _add_statement(page, source: Source, *, title: str, cited: str) -> None:
    page.goto("/admin/timeline/statement/add/")
    page.fill("#id_title", title)
    # The source is chosen by autocomplete: its select holds only the chosen option.
    page.evaluate(
        "([pk, title]) => { const select = document.querySelector('#id_source');"
        " select.add(new Option(title, pk, true, true)); }",
        [str(source.pk), source.title],
    )
    page.fill("#id_sequence", "1")
    page.select_option("#id_mode", "paraphrase")
    page.fill("#id_text", "Our paraphrase of what was said.")
    page.fill("#id_date_text", "")
    page.check("#id_dated_by_publication")
    page.fill("#id_citations-0-exact", cited)
    page.fill("#id_citations-0-position", "1")
    page.click("input[name=_continue]")


def test_an_editor_cites_the_article_in_the_admin_and_finds_the_statement_in_the_api(page):
    source = Source.objects.get()
    exact = _unique_words(source.text)

    page.goto("/admin/login/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#content h1")).to_contain_text("Site administration")

    _add_statement(page, source, title="Browser-made statement", cited=exact)
    expect(page.locator(".cited-context mark").first).to_have_text(exact)

    statement = Statement.objects.get(title="Browser-made statement")
    response = page.request.get(f"/api/v1/statements/{statement.slug}/")
    assert response.ok
    assert response.json()["citations"][0]["exact"] == exact

    _add_statement(page, source, title="Not the article's words", cited="Words the article never printed")
    expect(page.locator(".errorlist").first).to_contain_text("not found verbatim in the source")
    assert not Statement.objects.filter(title="Not the article's words").exists()


def _unique_words(text: str) -> str:
    """A sentence-sized span that occurs once in the article."""
    for sentence in re.findall(r"[A-Z][^.\n]{40,120}\.", text):
        if text.count(sentence) == 1:
            return sentence
    raise AssertionError("the article has no unique sentence")
