"""The resources under /api/v1/: lists and details by slug, with what a client needs to draw one item."""

import pytest

pytestmark = pytest.mark.usefixtures("seeded")

ARTICLE_SLUG = "moscow-demands-reciprocal-security-guarantees"


@pytest.mark.parametrize("resource", ["events", "statements", "actors", "venues", "topics", "sources"])
def test_every_list_is_public_json_and_every_item_carries_slug_and_uuid(api, resource):
    response = api.get(f"/api/v1/{resource}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert results
    for item in results:
        assert item["slug"] and item["uuid"]
        assert item["url"].endswith(f"/api/v1/{resource}/{item['slug']}/")


@pytest.mark.parametrize(
    ("resource", "slug"),
    [
        ("events", "uae-talks-second-round"),
        ("statements", "grushko-security-interests-of-russia"),
        ("actors", "alexander-grushko"),
        ("venues", "united-arab-emirates"),
        ("topics", "prisoners-of-war"),
        ("sources", ARTICLE_SLUG),
    ],
)
def test_every_detail_is_found_by_slug(api, resource, slug):
    response = api.get(f"/api/v1/{resource}/{slug}/")

    assert response.status_code == 200
    assert response.json()["slug"] == slug


def test_event_detail_embeds_participants_venue_topics_date_citations_and_statements(api):
    event = api.get("/api/v1/events/next-round-in-the-united-states/").json()

    assert event["type"] == "event"
    assert event["status"] == "planned"
    assert event["venue"]["slug"] == "united-states"
    assert event["venue"]["country"] == "US"
    assert {(p["slug"], p["role"]) for p in event["participants"]} == {("russia", "party"), ("ukraine", "party")}
    assert {t["slug"] for t in event["topics"]} == {"peace-negotiations"}
    assert event["date"] == {
        "text": "a date has not yet been set",
        "earliest": "2026-02-10",
        "latest": None,
        "precision": "unknown",
        "basis": "resolved",
        "tense": "future",
        "approximate": False,
        "ongoing": False,
        "edtf": "[2026-02-10..]",
        "note": "",
    }
    assert [s["slug"] for s in event["statements"]] == ["zelenskyy-next-meeting-in-united-states"]
    assert event["parent"]["slug"] == "trilateral-talks"
    assert event["citations"][0]["exact"].startswith("Both sides have agreed to attend a future round of talks")


def test_citations_carry_the_exact_text_and_web_annotation_selectors(api):
    source_text = api.get(f"/api/v1/sources/{ARTICLE_SLUG}/").json()["text"]
    statement = api.get("/api/v1/statements/lavrov-nato-troops-under-any-flag/").json()

    citation = statement["citations"][0]
    position, quote = citation["target"]["selector"]
    assert source_text[citation["start"] : citation["end"]] == citation["exact"]
    assert position == {"type": "TextPositionSelector", "start": citation["start"], "end": citation["end"]}
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == citation["exact"]
    assert quote["prefix"] == source_text[citation["start"] - 32 : citation["start"]]
    assert quote["suffix"] == source_text[citation["end"] : citation["end"] + 32]
    assert citation["target"]["source"].endswith(f"/api/v1/sources/{ARTICLE_SLUG}/")


def test_a_claim_in_the_articles_own_voice_has_no_speaker(api):
    statement = api.get("/api/v1/statements/united-states-has-not-commented/").json()

    assert statement["speaker"] is None
    assert statement["in_source_voice"] is True
    assert statement["source"]["slug"] == ARTICLE_SLUG
    assert statement["source"]["article_url"] == ""  # the article's address is not known


def test_translated_quote_names_speaker_outlet_and_mode(api):
    statement = api.get("/api/v1/statements/grushko-security-interests-of-russia/").json()

    assert statement["speaker"]["slug"] == "alexander-grushko"
    assert statement["outlet"]["slug"] == "izvestia"
    assert statement["mode"] == "quote"
    assert statement["is_translation"] is True
    assert statement["in_source_voice"] is False


def test_source_detail_has_the_text_and_its_hash_and_says_how_each_fact_is_known(api):
    source = api.get(f"/api/v1/sources/{ARTICLE_SLUG}/").json()

    assert source["published_on"] == "2026-02-10"
    assert source["published_on_basis"] == "editor"
    assert source["published_on_note"]
    assert source["title_basis"] == "editor"
    assert (source["publisher"], source["publisher_basis"]) == ("", "unknown")
    assert len(source["text_sha256"]) == 64
    assert source["text"].startswith("Moscow is demanding reciprocal security guarantees")


def test_source_list_leaves_the_full_text_to_the_detail(api):
    source = api.get("/api/v1/sources/").json()["results"][0]

    assert "text" not in source
    assert source["text_sha256"]


def test_actor_shows_affiliation_and_links_its_timeline(api):
    actor = api.get("/api/v1/actors/dmitry-peskov/").json()

    assert actor["affiliation"]["slug"] == "kremlin"
    assert actor["timeline"].endswith("/api/v1/actors/dmitry-peskov/timeline/")
    assert api.get("/api/v1/actors/kremlin/").json()["affiliation"]["slug"] == "russia"
    assert "Moscow" in api.get("/api/v1/actors/russia/").json()["aliases"]


def test_venue_has_coordinates_with_their_precision(api):
    venue = api.get("/api/v1/venues/united-arab-emirates/").json()

    assert venue["country"] == "AE"
    assert venue["latitude"] == pytest.approx(23.4241)
    assert venue["longitude"] == pytest.approx(53.8478)
    assert venue["coordinate_precision"] == "country"


def test_an_embedded_venue_carries_its_coordinates_so_a_map_needs_no_second_request(api):
    on_the_timeline = api.get("/api/v1/timeline/?venue=united-arab-emirates&page_size=1").json()["results"][0]
    in_an_event = api.get("/api/v1/events/uae-talks-second-round/").json()

    for venue in (on_the_timeline["venue"], in_an_event["venue"]):
        assert venue["latitude"] == pytest.approx(23.4241)
        assert venue["longitude"] == pytest.approx(53.8478)
        assert venue["coordinate_precision"] == "country"


def test_unknown_slug_is_a_404_problem(api):
    response = api.get("/api/v1/events/no-such-event/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/not-found"


def test_writes_are_refused_without_an_editors_token(api):
    response = api.post("/api/v1/events/", {"title": "x"}, format="json")

    assert response.status_code in (401, 403, 405)
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("resource", ["actors", "venues", "topics", "sources"])
def test_a_small_list_says_its_page_size_like_the_keyset_lists_do(api, resource):
    asked = api.get(f"/api/v1/{resource}/", {"page_size": 2}).json()
    default = api.get(f"/api/v1/{resource}/").json()

    assert list(asked) == ["count", "next", "previous", "page_size", "results"]
    assert asked["page_size"] == 2
    assert len(asked["results"]) <= 2
    assert default["page_size"] == 50
    assert api.get("/api/v1/timeline/", {"page_size": 2}).json()["page_size"] == 2
