"""The timeline page at `/`, as a reader sees it in a browser."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS, npm_file

pytestmark = pytest.mark.browser

ENTRY = "article.entry"


def timeline_slugs(api, query=""):
    body = api.get(f"/api/v1/timeline/?page_size=200{query}").json()
    assert body["next"] is None
    return [entry["slug"] for entry in body["results"]]


def shown_slugs(page):
    return [entry_id.removeprefix("entry-") for entry_id in page.locator(ENTRY).evaluate_all("es => es.map(e => e.id)")]


def test_page_loads_with_no_console_error_and_no_request_outside_the_server(visit):
    page = visit.open()
    page.locator(".show-source").first.click()
    page.locator(".source-body mark").first.wait_for()
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_function("document.querySelector('#status').textContent.includes('shown')")

    assert visit.console_errors == []
    assert visit.outside_requests == []


def test_page_shows_the_articles_entries_in_the_timelines_order(visit, api):
    page = visit.open()

    slugs = timeline_slugs(api)
    assert shown_slugs(page) == slugs
    assert page.locator("#status").inner_text() == f"{len(slugs)} entries shown."


def test_uncertain_dates_are_drawn_as_what_they_are_and_labelled_with_the_words(visit, api):
    page = visit.open()

    week = page.locator("li", has=page.locator("#entry-uae-talks-second-round"))
    assert week.locator(".mark").get_attribute("class") == "mark mark--range"
    assert "“last week”" in week.locator(".when").inner_text()
    open_start = page.locator("li", has=page.locator("#entry-uae-talks-first-round"))
    assert open_start.locator(".mark").get_attribute("class") == "mark mark--open-start"
    assert "“in recent weeks”" in open_start.locator(".when").inner_text()
    open_end = page.locator("li", has=page.locator("#entry-next-round-in-the-united-states"))
    assert open_end.locator(".mark").get_attribute("class") == "mark mark--open-end"
    assert "“a date has not yet been set”" in open_end.locator(".when").inner_text()
    day = page.locator("li", has=page.locator("#entry-zelenskyy-guarantee-documents-ready"))
    assert day.locator(".mark").get_attribute("class") == "mark mark--day"

    entries = api.get("/api/v1/timeline/?page_size=200").json()["results"]
    no_date = [entry["slug"] for entry in entries if entry["date"]["earliest"] is None is entry["date"]["latest"]]
    undated = page.locator("#undated-entries")
    assert no_date
    assert shown_slugs(undated) == no_date
    assert undated.locator(".mark").count() == 0
    assert "the source gives no date" in undated.locator(f"#entry-{no_date[0]} .when").inner_text()


def test_events_and_statements_are_told_apart_with_actors_venue_and_quote(visit):
    page = visit.open()

    event = page.locator("#entry-uae-talks-second-round")
    assert event.locator(".tag").inner_text().startswith("Event · Negotiation round")
    assert "Venue: United Arab Emirates" in event.inner_text()
    assert "Russia (Party)" in event.inner_text()
    statement = page.locator("#entry-grushko-no-guarantees-for-russia")
    assert statement.locator(".tag").inner_text().startswith("Statement · Quote")
    assert "Speaker: Alexander Grushko, to Izvestia" in statement.inner_text()
    assert statement.locator("blockquote").count() >= 1


def test_the_quote_is_highlighted_in_the_source_text_on_demand(visit, api):
    page = visit.open()
    entry = page.locator("#entry-zelenskyy-guarantee-documents-ready")
    button = entry.locator(".show-source")

    button.click()

    cited = api.get("/api/v1/statements/zelenskyy-guarantee-documents-ready/").json()["citations"][0]["exact"]
    assert entry.locator(".source-body mark").inner_text() == cited
    assert button.get_attribute("aria-expanded") == "true"
    button.click()
    assert entry.locator(".source-text").is_hidden()


def test_a_filter_narrows_the_entries_and_the_url_keeps_it(visit, api):
    page = visit.open()

    page.get_by_label("Actor", exact=True).fill("grushko")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"actor=alexander-grushko"))
    page.wait_for_function("document.querySelector('#status').textContent.includes('shown')")

    expected = timeline_slugs(api, "&actor=alexander-grushko")
    assert 0 < len(expected) < len(timeline_slugs(api))
    assert shown_slugs(page) == expected
    shared_link = page.url
    page.goto("/")
    page.goto(shared_link)
    page.wait_for_function("document.querySelector('#status').textContent.includes('shown')")
    assert shown_slugs(page) == expected
    assert page.get_by_label("Actor", exact=True).input_value() == "Alexander Grushko"


def test_filters_for_kind_topic_dates_and_text_reach_the_api(visit, api):
    page = visit.open()

    page.get_by_label("Kind of event", exact=True).select_option("negotiation_round")
    page.get_by_label("Topic", exact=True).select_option("peace-negotiations")
    page.get_by_label("From", exact=True).fill("2026-02-01")
    page.get_by_label("Until", exact=True).fill("2026-02-09")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"kind=negotiation_round"))
    page.wait_for_function("document.querySelector('#status').textContent.includes('shown')")

    query = parse_qs(urlsplit(page.url).query)
    assert query == {
        "kind": ["negotiation_round"],
        "topic": ["peace-negotiations"],
        "date_after": ["2026-02-01"],
        "date_before": ["2026-02-09"],
    }
    assert shown_slugs(page) == timeline_slugs(
        api, "&kind=negotiation_round&topic=peace-negotiations&date_after=2026-02-01&date_before=2026-02-09"
    )


def test_an_unknown_actor_name_is_said_and_nothing_is_asked(visit):
    page = visit.open()

    page.get_by_label("Actor", exact=True).fill("Nobody Atall")
    page.get_by_role("button", name="Apply filters").click()

    expect(page.locator("#f-actor-error")).to_contain_text("No actor is called “Nobody Atall”")
    expect(page.get_by_label("Actor", exact=True)).to_have_attribute("aria-invalid", "true")
    assert urlsplit(page.url).query == ""


def test_more_entries_follow_the_cursor(visit, api):
    page = visit.open("/?page_size=5")
    expect(page.locator(ENTRY)).to_have_count(5)

    slugs = timeline_slugs(api)
    for shown in [*range(10, len(slugs), 5), len(slugs)]:
        page.locator("#load-more").click()
        expect(page.locator(ENTRY)).to_have_count(shown)

    expect(page.locator("#load-more")).to_be_hidden()
    assert shown_slugs(page) == timeline_slugs(api)


def test_keyboard_alone_reaches_every_control_and_entry(visit):
    page = visit.open()
    wanted = set(
        page.locator("form#filters input, form#filters select, form#filters button").evaluate_all(
            "es => es.map(e => e.id || e.textContent.trim())"
        )
    )
    wanted |= set(page.locator(ENTRY).evaluate_all("es => es.map(e => e.id)"))
    reached = set()

    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " const ring = getComputedStyle(e).outlineStyle;"
            " return [e.id || e.textContent.trim(), ring]; }"
        )
        if focused[0] in wanted:
            assert focused[1] != "none", f"{focused[0]} has no visible focus ring"
        reached.add(focused[0])
        if wanted <= reached:
            break

    assert wanted - reached == set()
    page.locator("#entry-zelenskyy-guarantee-documents-ready .show-source").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#entry-zelenskyy-guarantee-documents-ready .source-body mark")).to_have_count(1)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_axe_finds_no_serious_or_critical_violation(visit, viewport):
    page = visit.open()
    page.set_viewport_size(viewport)
    page.locator("#entry-zelenskyy-guarantee-documents-ready .show-source").click()
    page.locator(".source-body mark").wait_for()
    page.add_script_tag(path=npm_file("axe-core/axe.min.js"))

    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")

    serious = [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
    assert serious == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_screenshots_at_phone_and_desktop_width_are_saved(visit, viewport):
    page = visit.open()
    page.set_viewport_size(viewport)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"timeline-{viewport['width']}.png"

    page.screenshot(path=path, full_page=True)

    assert path.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
