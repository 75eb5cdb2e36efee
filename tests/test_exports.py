"""Exports of the filtered timeline (TimelineJS, iCalendar, CSV, GeoJSON), each read back with a real parser."""

import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from tests.factories import CitationFactory, EventFactory, SourceFactory, VenueFactory
from timeline.models import Event, Source

pytestmark = pytest.mark.usefixtures("seeded")

PUBLISHED = date(2026, 2, 10)
TUESDAY_STATEMENTS = (
    "moscow-demands-reciprocal-guarantees",
    "grushko-security-interests-of-russia",
    "grushko-no-guarantees-for-russia",
    "grushko-three-demands",
)
# The fields of TimelineJS 3's JSON format (https://timeline.knightlab.com/docs/json-format.html).
SLIDE_FIELDS = {
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "background",
    "autolink",
    "unique_id",
}
DATE_FIELDS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}


def json_timeline(api, **params) -> list[dict]:
    response = api.get("/api/v1/timeline/", {"page_size": 200, **params})
    assert response.status_code == 200, response.content
    assert response.json()["next"] is None
    return response.json()["results"]


def export(api, export_format: str, url: str = "/api/v1/timeline/", **params):
    response = api.get(url, {"format": export_format, **params})
    assert response.status_code == 200, response.content
    return response


def timelinejs(api, **params) -> dict:
    response = export(api, "timelinejs", **params)
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def ics_events(api, **params) -> dict:
    response = export(api, "ics", **params)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


def csv_rows(api, **params) -> list[dict]:
    response = export(api, "csv", **params)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"), newline="")))


def geojson(api, url="/api/v1/timeline/", **params) -> dict:
    response = export(api, "geojson", url, **params)
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


# --- TimelineJS --------------------------------------------------------------------------------------------


def test_timelinejs_has_a_slide_for_every_entry_with_both_date_bounds_in_timelinejs_shape(api):
    entries = json_timeline(api)
    placeable = [e for e in entries if e["date"]["earliest"] and e["date"]["latest"]]
    document = timelinejs(api)

    assert set(document) == {"title", "events"}
    assert [slide["unique_id"] for slide in document["events"]] == [e["slug"] for e in placeable]
    for slide in document["events"]:
        assert set(slide) <= SLIDE_FIELDS
        assert {"start_date", "text", "group", "display_date", "unique_id"} <= set(slide)
        for key in ("start_date", "end_date"):
            if key in slide:
                assert set(slide[key]) <= DATE_FIELDS
                assert all(type(value) is int for value in slide[key].values())
        assert type(slide["start_date"]["year"]) is int
        assert slide["text"]["headline"]
    assert len({slide["unique_id"] for slide in document["events"]}) == len(document["events"])


def test_timelinejs_title_slide_names_the_source_and_counts_the_entries_left_out(api):
    entries = json_timeline(api)
    left_out = [e for e in entries if not (e["date"]["earliest"] and e["date"]["latest"])]
    title = timelinejs(api)["title"]["text"]

    assert title["headline"] == "Senior Russian diplomat says Moscow also needs security guarantees"
    assert "Reuters" not in title["text"]  # the publisher is unknown: never credit Reuters with a rewrite
    assert f"{len(left_out)} undated entries are not shown" in title["text"]
    # 1 with no date (the ongoing series); 15 with one bound: 13 reported as past with no date words,
    # the first round ("in recent weeks") and the planned round ("not yet set").
    assert len(left_out) == 16


def test_timelinejs_dates_hold_only_the_parts_known_and_keep_the_words(api):
    slides = {slide["unique_id"]: slide for slide in timelinejs(api)["events"]}

    week = slides["uae-talks-second-round"]
    assert week["start_date"] == {"year": 2026, "month": 2, "day": 1}
    assert week["end_date"] == {"year": 2026, "month": 2, "day": 8}
    assert week["display_date"] == "last week"
    assert week["group"] == "negotiation_round"
    tuesday = slides["grushko-three-demands"]
    assert tuesday["start_date"] == {"year": 2026, "month": 2, "day": 10}
    assert "end_date" not in tuesday
    assert tuesday["display_date"] == "on Tuesday"
    assert tuesday["group"] == "statement"
    assert "These include a prohibition on Ukraine joining NATO" not in tuesday["text"]["text"]
    assert "Grushko outlined specific elements" in tuesday["text"]["text"]
    # Dated by the publication, in the source's own voice: no words, so the EDTF stands in.
    assert slides["points-of-contention"]["display_date"] == "2026-02-10"


def test_timelinejs_gives_the_year_alone_for_year_precision_and_year_and_month_for_a_month(api):
    EventFactory(slug="a-year-ago", date_text="in 2025", title="Talks in 2025")
    EventFactory(slug="in-january", date_text="in January 2026", title="Talks in January")

    slides = {slide["unique_id"]: slide for slide in timelinejs(api)["events"]}

    assert slides["a-year-ago"]["start_date"] == {"year": 2025}
    assert "end_date" not in slides["a-year-ago"]
    assert slides["a-year-ago"]["display_date"] == "in 2025"
    assert slides["in-january"]["start_date"] == {"year": 2026, "month": 1}
    assert "end_date" not in slides["in-january"]


def test_timelinejs_escapes_html_in_the_texts_it_shows(api):
    event = Event.objects.get(slug="uae-talks-second-round")
    event.title = "Round two <script>alert(1)</script>"
    event.save()

    slide = {s["unique_id"]: s for s in timelinejs(api)["events"]}["uae-talks-second-round"]

    assert slide["text"]["headline"] == "Round two &lt;script&gt;alert(1)&lt;/script&gt;"


# --- iCalendar ---------------------------------------------------------------------------------------------


def test_ics_has_an_all_day_event_for_each_day_precise_entry_only(api):
    entries = json_timeline(api)
    day_precise = {e["uuid"] for e in entries if e["date"]["precision"] == "day"}
    events = ics_events(api)

    assert set(events) == {f"{uuid}@chronicle" for uuid in day_precise}
    assert len(events) == 13
    for component in events.values():
        start, end = component.decoded("DTSTART"), component.decoded("DTEND")
        assert type(start) is date and type(end) is date
        assert (end - start).days == 1


def test_ics_tuesday_statements_fall_on_the_publication_day_with_their_quote(api):
    entries = {e["slug"]: e for e in json_timeline(api)}
    events = ics_events(api)

    for slug in TUESDAY_STATEMENTS:
        entry = entries[slug]
        component = events[f"{entry['uuid']}@chronicle"]
        assert component.decoded("DTSTART") == PUBLISHED
        assert component.decoded("DTEND") == date(2026, 2, 11)
        assert str(component["SUMMARY"]) == entry["title"]
        description = str(component["DESCRIPTION"])
        assert description.startswith(entry["citations"][0]["exact"])
        assert "Senior Russian diplomat says Moscow also needs security guarantees" in description
        assert str(component["URL"]) == entry["url"]
        assert component.decoded("DTSTAMP").tzinfo is not None


def test_ics_links_to_the_article_when_the_source_has_its_address(api):
    source = Source.objects.get()
    source.url = "https://example.org/moscow-security-guarantees"
    source.save()

    events = ics_events(api)

    assert {str(component["URL"]) for component in events.values()} == {source.url}


def test_ics_respects_the_timeline_filters(api):
    grushko = ics_events(api, actor="alexander-grushko")

    assert len(grushko) == 4  # three Tuesday quotes and the Tuesday interview they come from
    events = ics_events(api, type="event")
    assert [str(component["SUMMARY"]) for component in events.values()] == ["Grushko speaks to Izvestia"]


# --- CSV ---------------------------------------------------------------------------------------------------


def test_csv_has_one_row_an_entry_with_the_date_fields_as_columns(api):
    entries = json_timeline(api)
    rows = csv_rows(api)

    assert [row["slug"] for row in rows] == [e["slug"] for e in entries]
    assert {"date_text", "earliest", "latest", "precision", "basis", "tense", "edtf", "date_note"} <= set(rows[0])
    second_round = next(row for row in rows if row["slug"] == "uae-talks-second-round")
    assert (second_round["earliest"], second_round["latest"], second_round["precision"]) == (
        "2026-02-01",
        "2026-02-08",
        "week",
    )
    assert second_round["venue"] == "United Arab Emirates"
    assert second_round["country"] == "AE"
    assert "Russia (party)" in second_round["participants"]
    grushko = next(row for row in rows if row["slug"] == "grushko-three-demands")
    assert grushko["speaker"] == "Alexander Grushko"
    assert grushko["url"] == "http://testserver/api/v1/statements/grushko-three-demands/"


def test_csv_round_trips_quotes_with_commas_curly_and_straight_quotes(api):
    event = Event.objects.get(slug="uae-talks-second-round")
    event.title = 'The "second" round, in the UAE'
    event.save()
    lavrov_quote = next(e for e in json_timeline(api) if e["slug"] == "lavrov-nato-troops-under-any-flag")["citations"][
        0
    ]["exact"]
    assert "," in lavrov_quote and "“" in lavrov_quote

    response = export(api, "csv")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode(), newline=""))}

    assert rows["lavrov-nato-troops-under-any-flag"]["quote"] == lavrov_quote
    assert rows["uae-talks-second-round"]["title"] == 'The "second" round, in the UAE'
    assert b'"The ""second"" round, in the UAE"' in response.content


def test_csv_cells_a_spreadsheet_would_run_as_formulas_get_a_leading_apostrophe(api):
    event = Event.objects.get(slug="uae-talks-second-round")
    event.title = '=HYPERLINK("http://evil.example","click")'
    event.save()

    row = next(row for row in csv_rows(api) if row["slug"] == "uae-talks-second-round")

    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'


def test_csv_respects_the_timeline_filters_and_order(api):
    rows = csv_rows(api, type="statement", date_after="2026-02-10", ordering="-date")
    expected = json_timeline(api, type="statement", date_after="2026-02-10", ordering="-date")

    assert [row["slug"] for row in rows] == [e["slug"] for e in expected]
    assert {row["type"] for row in rows} == {"statement"}


# --- GeoJSON -----------------------------------------------------------------------------------------------


def test_venues_geojson_is_a_feature_collection_of_longitude_latitude_points(api):
    VenueFactory(slug="somewhere", name="Somewhere", latitude=None, longitude=None, coordinate_precision="unknown")

    collection = geojson(api, "/api/v1/venues/")

    assert collection["type"] == "FeatureCollection"
    features = {feature["id"]: feature for feature in collection["features"]}
    uae = features["united-arab-emirates"]
    assert uae["type"] == "Feature"
    assert uae["geometry"] == {"type": "Point", "coordinates": [53.8478, 23.4241]}
    assert all(type(value) is float for value in uae["geometry"]["coordinates"])
    assert uae["properties"]["coordinate_precision"] == "country"
    assert uae["properties"]["country"] == "AE"
    assert uae["properties"]["url"] == "http://testserver/api/v1/venues/united-arab-emirates/"
    assert features["somewhere"]["geometry"] is None
    assert features["somewhere"]["properties"]["coordinate_precision"] == "unknown"


def test_venues_geojson_is_unpaginated_and_filtered(api):
    for number in range(3):
        VenueFactory(slug=f"city-{number}", name=f"City {number}", country="CH")

    every = geojson(api, "/api/v1/venues/", page_size=1)
    swiss = geojson(api, "/api/v1/venues/", country="CH")

    assert len(every["features"]) == 5
    assert {feature["id"] for feature in swiss["features"]} == {"city-0", "city-1", "city-2"}


def test_a_venue_as_geojson_is_one_feature(api):
    feature = geojson(api, "/api/v1/venues/united-states/")

    assert feature["type"] == "Feature"
    assert feature["geometry"]["coordinates"] == [-98.5795, 39.8283]


def test_timeline_geojson_lists_the_venues_of_the_matching_events_and_their_entries(api):
    collection = geojson(api)

    features = {feature["id"]: feature for feature in collection["features"]}
    assert set(features) == {"united-arab-emirates", "united-states"}
    assert sorted(features["united-arab-emirates"]["properties"]["entries"]) == [
        "prisoner-exchange-agreed",
        "uae-talks-first-round",
        "uae-talks-second-round",
    ]
    assert features["united-arab-emirates"]["geometry"]["coordinates"] == [53.8478, 23.4241]
    filtered = geojson(api, kind="prisoner_exchange")
    assert [(f["id"], f["properties"]["entries"]) for f in filtered["features"]] == [
        ("united-arab-emirates", ["prisoner-exchange-agreed"])
    ]


# --- Limits, errors, cost, schema ----------------------------------------------------------------------------


@pytest.mark.parametrize("export_format", ["timelinejs", "ics", "csv", "geojson"])
def test_an_export_over_the_cap_is_a_400_problem_asking_for_a_narrower_filter(api, settings, export_format):
    settings.EXPORT_MAX_ENTRIES = 5

    response = api.get("/api/v1/timeline/", {"format": export_format})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["parameter"] == "format"
    assert "more than 5 entries" in problem["errors"][0]["detail"]
    assert "Narrow it" in problem["errors"][0]["detail"]


def test_an_export_within_the_cap_once_filtered_is_served(api, settings):
    settings.EXPORT_MAX_ENTRIES = 5

    assert len(csv_rows(api, actor="alexander-grushko")) == 5  # four statements and the Izvestia interview


def test_venues_geojson_over_the_cap_is_a_400_problem(api, settings):
    settings.EXPORT_MAX_ENTRIES = 1

    response = api.get("/api/v1/venues/", {"format": "geojson"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("export_format", ["timelinejs", "ics", "csv", "geojson"])
def test_export_errors_stay_problem_json(api, export_format):
    response = api.get("/api/v1/timeline/", {"format": export_format, "date_after": "bad"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == "date_after"


def test_exports_are_offered_for_reading_only(api):
    response = api.options("/api/v1/timeline/?format=ics")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"


def test_export_links_lead_to_the_json_of_each_resource(api):
    rows = csv_rows(api)

    assert all("format=" not in row["url"] for row in rows)


@pytest.mark.parametrize("export_format", ["timelinejs", "ics", "csv", "geojson"])
def test_an_export_runs_the_same_number_of_queries_whatever_its_size(api, export_format):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export(api, export_format)
        return len(captured)

    before = queries()
    source = SourceFactory(slug="another-report")
    for number in range(15):
        CitationFactory(event=EventFactory(slug=f"more-{number}", source=source))

    assert queries() == before


def test_openapi_schema_lists_every_export_format(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()

    timeline = schema["paths"]["/api/v1/timeline/"]["get"]
    content = timeline["responses"]["200"]["content"]
    assert {"application/json", "text/calendar", "text/csv", "application/geo+json"} <= set(content)
    format_parameter = next(p for p in timeline["parameters"] if p["name"] == "format")
    assert {"timelinejs", "ics", "csv", "geojson"} <= set(format_parameter["schema"]["enum"])
    venues = schema["paths"]["/api/v1/venues/"]["get"]
    assert "application/geo+json" in venues["responses"]["200"]["content"]
    assert "TimelineJS" in schema["components"]["schemas"]
