"""The TimelineJS export, drawn by TimelineJS 3 itself (the npm package, served locally by the test)."""

import html

import pytest

from tests.browser.conftest import npm_file

pytestmark = pytest.mark.browser

HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS 3 and Chronicle's export</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width: 100%; height: 600px"></div>
<script>
  // font: null keeps TimelineJS from loading its default web fonts from Google.
  fetch("/api/v1/timeline/?format=timelinejs")
    .then((response) => response.json())
    .then((data) => {
      window.exported = data;
      const options = {script_path: location.origin + "/timelinejs/js/", font: null};
      window.timeline = new TL.Timeline("timeline-embed", data, options);
    });
</script></body></html>"""


def serve_timelinejs(route):
    """TimelineJS's own files, from the npm cache; the harness page too. Nothing else leaves the server."""
    path = route.request.url.split("/timelinejs/", 1)[1].split("?")[0]
    dist = npm_file("@knight-lab/timelinejs/dist/js/timeline.js").parents[1]
    file = (dist / path).resolve()
    if not file.is_relative_to(dist) or not file.is_file():
        return route.fulfill(status=404)
    content_type = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}.get(file.suffix)
    return route.fulfill(path=file, content_type=content_type)


def test_timelinejs_3_draws_every_exported_entry_with_its_date_and_text(visit, seeded_site, api):
    page = visit.page
    page.route(f"{seeded_site.url}/timelinejs/**", serve_timelinejs)
    page.route(
        f"{seeded_site.url}/timelinejs-harness", lambda route: route.fulfill(body=HARNESS, content_type="text/html")
    )
    exported = api.get("/api/v1/timeline/?format=timelinejs").json()["events"]
    assert exported

    page.goto("/timelinejs-harness")
    page.wait_for_function(f"document.querySelectorAll('.tl-timemarker').length === {len(exported)}")

    for entry in exported:
        slide = page.locator(f"[id='{entry['unique_id']}']")
        assert slide.count() == 1, entry["unique_id"]
        assert slide.locator(".tl-headline-date").first.text_content().strip() == entry["display_date"]
        assert slide.locator(".tl-headline").first.text_content().strip() == html.unescape(entry["text"]["headline"])
        quote = page.evaluate(
            "html => new DOMParser().parseFromString(html, 'text/html').querySelector('blockquote').textContent",
            entry["text"]["text"],
        )
        assert quote in slide.locator(".tl-text-content").first.text_content()
    assert page.locator(".tl-timemarker").count() == len(exported)
    assert visit.console_errors == []
    assert visit.outside_requests == []
