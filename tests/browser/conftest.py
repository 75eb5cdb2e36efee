"""Browser tests: Debian's chromium driven by Playwright against the app served by pytest-django's live server.

They are marked `browser` and run by `make test-browser` only. The JavaScript they inject (axe-core, TimelineJS 3)
comes from the npm cache that `scripts/npm-cache.sh` fills outside the repository.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
NPM_CACHE = Path(
    os.environ.get("CHRONICLE_NPM_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chronicle-npm"
)
SCREENSHOTS = Path(os.environ.get("CHRONICLE_SCREENSHOTS", Path(__file__).resolve().parents[2] / "screenshots"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def npm_file(relative: str) -> Path:
    path = NPM_CACHE / "node_modules" / relative
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run scripts/npm-cache.sh first (make test-browser does)")
    return path


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API keeps an event loop running in this thread; the tests' ORM calls are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def _seed_back_after_the_flush(django_db_blocker):
    """Set up before `transactional_db`, so torn down after its flush: the run's seed is back for later tests."""
    yield
    with django_db_blocker.unblock():
        call_command("load_seed_data", verbosity=0)


@pytest.fixture
def seeded_site(request, _seed_back_after_the_flush, transactional_db, settings):
    """The seed article served by a live server that the browser can reach (committed, so its thread sees it).

    The live server is asked for only now, after the test settings turned the TLS redirect off: its middleware
    reads that setting once, when the (session-wide) server starts.
    """
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    live_server = request.getfixturevalue("live_server")
    call_command("load_seed_data", verbosity=0)
    return live_server


class Visit:
    """One browser page, recording what would make a user's visit go wrong."""

    def __init__(self, page, server_url):
        self.page = page
        self.server = urlsplit(server_url).netloc
        self.console_errors = []
        self.outside_requests = []
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.on("request", self._note_request)

    def _note_request(self, request):
        if urlsplit(request.url).netloc != self.server and not request.url.startswith(("data:", "blob:")):
            self.outside_requests.append(request.url)

    def open(self, path="/"):
        self.page.goto(path)
        self.page.wait_for_function("document.querySelector('#status').textContent.includes('shown')")
        return self.page


@pytest.fixture
def visit(chromium, seeded_site):
    """Opens the timeline page at desktop width; `visit.page.set_viewport_size` changes it."""
    context = chromium.new_context(viewport=DESKTOP, base_url=seeded_site.url, reduced_motion="reduce")
    visit = Visit(context.new_page(), seeded_site.url)
    yield visit
    context.close()
