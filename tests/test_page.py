"""The timeline page at `/`: static HTML, CSS and JavaScript, a client of the public API only.

What it draws is checked in a browser (tests/browser/, `make test-browser`); these check what it is served as.
"""

import re

from django.contrib.staticfiles import finders

PAGE_ASSETS = ("timeline/page.css", "timeline/page.js", "timeline/favicon.svg")


def test_the_home_page_is_the_timeline_page(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<main>" in html
    assert 'data-api="/api/v1/"' in html


def test_the_page_loads_only_its_own_static_files_and_nothing_from_a_cdn(client, db):
    html = client.get("/").content.decode()

    referenced = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert {"/static/" + asset for asset in PAGE_ASSETS} <= set(referenced)
    assert [url for url in referenced if "//" in url] == []
    for asset in PAGE_ASSETS:
        assert finders.find(asset), asset


def test_the_page_script_names_no_other_server_and_fetches_in_one_place():
    with open(finders.find("timeline/page.js"), encoding="utf-8") as script_file:
        script = script_file.read()

    assert re.findall(r"https?://", script) == []
    assert script.count("fetch(") == 1  # getJSON: every request goes to the API's relative paths
