"""The timeline: one chronological stream, and every filter on the article's data."""

import pytest

pytestmark = pytest.mark.usefixtures("seeded")


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [entry["slug"] for entry in response.json()["results"]]


def whole_timeline(api, **params) -> list[dict]:
    entries, url = [], "/api/v1/timeline/"
    params = {"page_size": 200, **params}
    while url:
        response = api.get(url, params)
        assert response.status_code == 200, response.content
        body = response.json()
        entries += body["results"]
        url, params = body["next"], {}
    return entries


def test_timeline_follows_the_articles_order_of_events(api):
    order = slugs(api.get("/api/v1/timeline/", {"page_size": 200}))

    assert order.index("uae-talks-first-round") < order.index("uae-talks-second-round")
    assert order.index("prisoner-exchange-agreed") < order.index("zelenskyy-guarantee-documents-ready")
    assert order.index("uae-talks-second-round") < order.index("zelenskyy-guarantee-documents-ready")
    assert order.index("zelenskyy-guarantee-documents-ready") < order.index("grushko-security-interests-of-russia")
    assert order.index("grushko-security-interests-of-russia") < order.index("next-round-in-the-united-states")


def test_timeline_entries_carry_type_and_the_whole_date_object(api):
    entries = whole_timeline(api)

    assert {entry["type"] for entry in entries} == {"event", "statement"}
    for entry in entries:
        assert set(entry["date"]) >= {"text", "earliest", "latest", "precision", "basis", "edtf"}


def test_undated_entries_come_last_and_dated_true_leaves_them_out(api):
    entries = whole_timeline(api)
    dated = [e["date"]["earliest"] is not None or e["date"]["latest"] is not None for e in entries]

    assert dated == sorted(dated, reverse=True)
    assert not all(dated)
    only_dated = whole_timeline(api, dated="true")
    assert len(only_dated) == sum(dated)
    assert all(e["date"]["earliest"] or e["date"]["latest"] for e in only_dated)


def test_last_week_covers_the_iso_and_the_sunday_start_week_before_publication(api):
    date = api.get("/api/v1/events/uae-talks-second-round/").json()["date"]

    assert (date["earliest"], date["latest"], date["precision"]) == ("2026-02-01", "2026-02-08", "week")
    assert date["edtf"] == "[2026-02-01..2026-02-08]"


def test_actor_filter_returns_grushkos_statements_in_order(api):
    entries = whole_timeline(api, actor="alexander-grushko")

    # The blank-dated statement is no later than the publication, start unknown: it sorts first.
    assert [e["slug"] for e in entries if e["type"] == "statement"] == [
        "grushko-earlier-neutrality-and-nato",
        "grushko-security-interests-of-russia",
        "grushko-no-guarantees-for-russia",
        "grushko-three-demands",
    ]
    assert {e["speaker"]["slug"] for e in entries if e["type"] == "statement"} == {"alexander-grushko"}
    assert [e["slug"] for e in entries if e["type"] == "event"] == ["grushko-izvestia-interview"]


def test_actor_filter_is_any_of_repeated_slugs_and_matches_participants_not_subjects(api):
    entries = whole_timeline(api, actor=["donald-trump", "sergey-lavrov"])

    assert {e["slug"] for e in entries} == {
        "trump-involvement-in-peace-negotiations",
        "lavrov-nato-troops-under-any-flag",
    }


def test_actor_timeline_is_the_same_stream_for_one_actor(api):
    stream = slugs(api.get("/api/v1/actors/alexander-grushko/timeline/"))

    assert stream == [e["slug"] for e in whole_timeline(api, actor="alexander-grushko")]
    assert api.get("/api/v1/actors/nobody/timeline/").status_code == 404


def test_venue_filter_returns_the_two_rounds_and_the_exchange_agreed_there(api):
    entries = whole_timeline(api, venue="united-arab-emirates")

    assert [e["slug"] for e in entries] == [
        "uae-talks-first-round",
        "prisoner-exchange-agreed",
        "uae-talks-second-round",
    ]


def test_country_filter_matches_the_venues_country_case_insensitively(api):
    assert [e["slug"] for e in whole_timeline(api, country="us")] == ["next-round-in-the-united-states"]
    assert len(whole_timeline(api, country="AE")) == 3
    assert whole_timeline(api, country="FR") == []


def test_status_planned_returns_the_us_round_with_an_unknown_latest_date_and_no_statements(api):
    entries = whole_timeline(api, status="planned")

    assert [e["slug"] for e in entries] == ["next-round-in-the-united-states"]
    assert entries[0]["date"]["latest"] is None


def test_kind_filter_and_type_filter(api):
    rounds = whole_timeline(api, kind="negotiation_round")
    assert {e["slug"] for e in rounds} == {
        "uae-talks-first-round",
        "uae-talks-second-round",
        "next-round-in-the-united-states",
    }
    statements = whole_timeline(api, type="statement")
    assert statements and {e["type"] for e in statements} == {"statement"}
    assert {e["type"] for e in whole_timeline(api, type="event")} == {"event"}


def test_topic_filter_covers_events_and_statements(api):
    entries = whole_timeline(api, topic="peacekeeping-forces")

    assert {e["slug"] for e in entries} == {
        "russia-opposes-european-peacekeepers",
        "lavrov-nato-troops-under-any-flag",
        "mistrust-between-russia-and-the-west",
    }


def test_precision_filter_keeps_entries_at_least_that_precise(api):
    day = whole_timeline(api, precision="day")
    week = whole_timeline(api, precision="week")

    assert {e["date"]["precision"] for e in day} == {"day"}
    assert {e["date"]["precision"] for e in week} == {"day", "week"}
    assert len(week) == len(day) + 2


def test_date_range_returns_exactly_the_overlapping_entries(api):
    entries = whole_timeline(api, date_after="2026-02-09", date_before="2026-02-09")
    got = {e["slug"] for e in entries}

    # Monday's statement, plus what could have happened on that day: what is reported as past with no date.
    assert "zelenskyy-guarantee-documents-ready" in got
    assert "draft-treaties-restricting-nato" in got  # no later than 2026-02-10, start unknown
    assert "trilateral-talks" not in got  # ongoing, start unknown: no bound at all
    assert "uae-talks-second-round" not in got  # ended by 2026-02-08
    assert "next-round-in-the-united-states" not in got  # not before 2026-02-10
    assert "grushko-security-interests-of-russia" not in got
    for entry in entries:
        earliest, latest = entry["date"]["earliest"], entry["date"]["latest"]
        assert earliest is not None or latest is not None
        assert earliest is None or earliest <= "2026-02-09"
        assert latest is None or latest >= "2026-02-09"


def test_date_after_alone_includes_open_ended_entries_and_never_undated_ones(api):
    entries = whole_timeline(api, date_after="2026-02-11")

    assert [e["slug"] for e in entries] == ["next-round-in-the-united-states"]


def test_q_finds_the_prisoner_exchange_by_whole_word(api):
    found = {e["slug"] for e in whole_timeline(api, q="prisoners")}

    assert "prisoner-exchange-agreed" in found
    assert "moscow-demands-reciprocal-guarantees" not in found


def test_q_searches_quotes_and_filters_without_reordering(api):
    found = [e["slug"] for e in whole_timeline(api, q="flag")]
    everything = [e["slug"] for e in whole_timeline(api)]

    assert found == ["lavrov-nato-troops-under-any-flag"]
    peace = [e["slug"] for e in whole_timeline(api, q="peace")]
    assert peace == [slug for slug in everything if slug in set(peace)]


def test_q_with_search_syntax_characters_never_fails(api):
    for query in ['"unbalanced', "a & | ! :*", "-", "OR", "(((", "ünïcödé"]:
        assert api.get("/api/v1/timeline/", {"q": query}).status_code == 200


def test_keyset_pages_walk_the_whole_timeline_forwards_and_back_without_gaps(api):
    everything = [e["slug"] for e in whole_timeline(api)]
    pages, url, params = [], "/api/v1/timeline/", {"page_size": 4}
    last = None
    while url:
        last = api.get(url, params).json()
        pages.append([e["slug"] for e in last["results"]])
        url, params = last["next"], {}

    assert [slug for page in pages for slug in page] == everything
    assert all(len(page) == 4 for page in pages[:-1])
    back = api.get(last["previous"]).json()
    assert [e["slug"] for e in back["results"]] == pages[-2]


def test_descending_order_is_the_exact_reverse(api):
    forward = [e["slug"] for e in whole_timeline(api)]
    backward = [e["slug"] for e in whole_timeline(api, ordering="-date")]

    assert backward == list(reversed(forward))


def test_events_and_statements_lists_page_with_the_same_cursor(api):
    first = api.get("/api/v1/events/", {"page_size": 3}).json()
    second = api.get(first["next"]).json()

    assert len(first["results"]) == 3
    assert not {e["slug"] for e in first["results"]} & {e["slug"] for e in second["results"]}
    assert "count" not in first
