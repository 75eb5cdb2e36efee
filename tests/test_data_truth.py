"""The seed data says nothing the article does not, and leaves out nothing it honestly could say (issue 12).

One test per corrected or added item; each reads the loaded seed, as a client would find it.
"""

import csv
import io
from datetime import date

from edtf import parse_edtf

from timeline.choices import CAMEO_LABELS, EVENT_KIND_CODES, EventKind
from timeline.models import Actor, Event, Participation, Source, Statement

PUBLISHED = date(2026, 2, 10)
# Reported in the past or present perfect with no date words, or with the date left blank in the text.
REPORTED_AS_PAST = {
    Event: ["draft-treaties-restricting-nato", "trump-involvement-in-peace-negotiations"],
    Statement: [
        "kremlin-security-concerns-overlooked",
        "grushko-earlier-neutrality-and-nato",
        "peskov-nato-infrastructure-root-cause",
        "moscow-welcomes-trump-efforts",
        "russia-opposes-european-peacekeepers",
        "lavrov-nato-troops-under-any-flag",
        "zelenskyy-next-meeting-in-united-states",
    ],
}


def test_the_ongoing_talks_never_close_at_the_publication_date(seeded):
    talks = Event.objects.get(slug="trilateral-talks")

    assert talks.date_ongoing
    assert talks.latest is None
    assert talks.edtf == "../.."
    assert not talks.edtf.endswith("2026-02-10")
    assert parse_edtf(talks.edtf) is not None


def test_undated_past_items_happened_no_later_than_the_publication_and_stay_visibly_undated(seeded):
    for model, slugs in REPORTED_AS_PAST.items():
        for item in model.objects.filter(slug__in=slugs):
            assert (item.earliest, item.latest) == (None, PUBLISHED), item.slug
            assert item.date_precision == "unknown", item.slug
            assert item.edtf == "[..2026-02-10]", item.slug
        assert model.objects.filter(slug__in=slugs).count() == len(slugs)


def test_undated_past_items_sort_before_the_planned_round_by_the_unknown_start_rule(seeded):
    planned = Event.objects.get(slug="next-round-in-the-united-states")
    for slug in REPORTED_AS_PAST[Event]:
        assert Event.objects.get(slug=slug).sort_key < planned.sort_key


def test_the_next_round_venue_is_zelenskyys_indication_not_a_fact(seeded):
    planned = Event.objects.get(slug="next-round-in-the-united-states")

    assert planned.venue_basis == "attributed"
    assert "Zelenskyy has indicated that the next meeting will take place in the United States" in planned.venue_note
    assert "Zelenskyy indicated" in planned.title
    assert "Zelenskyy has indicated" in planned.summary
    talks = Event.objects.get(slug="trilateral-talks")
    assert "Zelenskyy has indicated" in talks.summary


def test_the_reciprocal_guarantees_demand_is_the_unnamed_senior_diplomats_about_the_us_and_its_allies(seeded):
    demand = Statement.objects.get(slug="moscow-demands-reciprocal-guarantees")

    assert demand.speaker.slug == "senior-russian-diplomat"
    assert demand.speaker.affiliation.slug == "russia"
    assert demand.speaker_basis == "stated"
    assert {"united-states", "united-states-allies"} <= {actor.slug for actor in demand.about_actors.all()}


def test_grushkos_three_demands_label_the_outlet_and_keep_russias_word_and_the_agreement(seeded):
    demands = Statement.objects.get(slug="grushko-three-demands")

    assert demands.outlet.slug == "izvestia"
    assert demands.outlet_basis == "editor"
    assert "told the Izvestia newspaper" in demands.outlet_note
    assert "what Russia describes as" in demands.text
    assert "on Ukrainian soil as part of an agreement" in demands.text
    assert "what Russia describes as" in demands.title or "Russia describes" in demands.title


def test_the_blank_dated_grushko_statement_claims_nothing_about_being_earlier(seeded):
    statement = Statement.objects.get(slug="grushko-earlier-neutrality-and-nato")

    assert "earlier" not in statement.title.lower()
    assert statement.event is None
    assert statement.earliest is None


def test_trump_is_involved_not_a_mediator_and_his_participation_keeps_its_slug(seeded):
    involvement = Event.objects.get(slug="trump-involvement-in-peace-negotiations")
    participation = Participation.objects.get(event=involvement)

    assert involvement.kind == "involvement"
    assert participation.role == "involved"
    assert participation.slug == "trump-involvement-in-peace-negotiations-mediator-donald-trump"
    assert not Participation.objects.filter(actor__slug="donald-trump", role="mediator").exists()


def test_every_translation_flag_is_labelled_as_an_inference_quoting_the_article(seeded):
    translated = Statement.objects.filter(is_translation=True)

    assert translated.count() == 6
    for statement in translated:
        assert statement.translation_basis == "editor", statement.slug
        assert "does not say" in statement.translation_note, statement.slug


def test_the_source_credits_no_publisher_and_keeps_its_publication_date_with_its_basis(seeded):
    source = Source.objects.get()

    assert (source.publisher, source.publisher_basis) == ("", "unknown")
    assert (source.published_on, source.published_on_basis) == (PUBLISHED, "editor")
    assert "rewrite" in source.published_on_note


def test_last_week_covers_both_week_conventions(seeded):
    for slug in ("uae-talks-second-round", "prisoner-exchange-agreed"):
        event = Event.objects.get(slug=slug)
        assert (event.earliest, event.latest) == (date(2026, 2, 1), date(2026, 2, 8))


def test_grushkos_interview_with_izvestia_is_an_event_the_tuesday_quotes_hang_on(seeded):
    interview = Event.objects.get(slug="grushko-izvestia-interview")

    assert interview.kind == "interview"
    assert (interview.earliest, interview.latest) == (PUBLISHED, PUBLISHED)
    assert {p.actor.slug for p in interview.participations.all()} == {"alexander-grushko", "izvestia"}
    assert set(interview.statements.values_list("slug", flat=True)) == {
        "grushko-security-interests-of-russia",
        "grushko-no-guarantees-for-russia",
        "grushko-three-demands",
    }


def test_the_previous_prisoner_exchange_is_approximately_september_2025(seeded):
    previous = Event.objects.get(slug="previous-prisoner-exchange")

    assert previous.date_approximate
    assert previous.date_basis == "editor"
    assert previous.edtf == "2025-09~"
    assert (previous.earliest, previous.latest) == (date(2025, 8, 1), date(2025, 10, 31))
    assert "in five months" in previous.date_note
    assert previous.citations.get().exact == "the first exchange of prisoners of war in five months"


def test_the_positions_the_article_attributes_to_russia_are_paraphrased_statements(seeded):
    positions = {
        "russia-nato-expansion-existential-threat": "russia",
        "kremlin-concern-nato-infrastructure-near-borders": "kremlin",
        "russia-actions-response-to-western-threats": "russia",
        "russia-security-concerns-justify-invasion": "russia",
    }
    for slug, speaker in positions.items():
        statement = Statement.objects.get(slug=slug)
        assert (statement.speaker.slug, statement.mode) == (speaker, "paraphrase"), slug
        assert statement.latest == PUBLISHED, slug
    western = Statement.objects.get(slug="russia-actions-response-to-western-threats")
    assert "the-west" in {actor.slug for actor in western.about_actors.all()}


def test_paragraph_eleven_is_cited_in_the_sources_own_voice(seeded):
    source = Source.objects.get()
    last_paragraph_start = source.text.rstrip("\n").rindex("\n") + 1
    cited = Statement.objects.filter(citations__start__gte=last_paragraph_start)

    assert cited.count() >= 2
    assert all(statement.speaker is None and statement.dated_by_publication for statement in cited)


def test_the_west_is_an_actor_where_the_text_names_it(seeded):
    the_west = Actor.objects.get(slug="the-west")

    assert set(the_west.statements_about.values_list("slug", flat=True)) == {
        "russia-actions-response-to-western-threats",
        "mistrust-between-russia-and-the-west",
    }


def test_every_stored_edtf_says_what_its_bounds_say(seeded):
    for model in (Event, Statement):
        for item in model.objects.all():
            parsed = parse_edtf(item.edtf)
            assert parsed is not None, item.slug
            if item.date_approximate or item.date_ongoing or "~" in item.edtf:
                continue
            if item.earliest is not None and item.latest is not None:
                assert parsed.lower_strict()[:3] == item.earliest.timetuple()[:3], item.slug
                assert parsed.upper_strict()[:3] == item.latest.timetuple()[:3], item.slug


# --- CAMEO and ACLED ---------------------------------------------------------------------------------------


def test_every_event_kind_has_a_cameo_and_acled_mapping_and_every_code_a_label():
    assert set(EVENT_KIND_CODES) == set(EventKind.values)
    for cameo, acled in EVENT_KIND_CODES.values():
        assert all(code in CAMEO_LABELS for code in cameo)
        assert acled is None or acled[0] == "Strategic developments"


def test_events_and_statements_carry_cameo_and_acled_codes_in_the_api(api, seeded):
    exchange = api.get("/api/v1/events/prisoner-exchange-agreed/").json()
    planned = api.get("/api/v1/events/next-round-in-the-united-states/").json()
    interview = api.get("/api/v1/events/grushko-izvestia-interview/").json()
    statement = api.get("/api/v1/statements/grushko-three-demands/").json()

    assert [code["code"] for code in exchange["cameo"]] == ["0841"]
    assert exchange["acled"] == {"event_type": "Strategic developments", "sub_event_type": "Agreement"}
    assert [code["code"] for code in planned["cameo"]] == ["036", "046", "044"]
    assert interview["acled"] is None  # ACLED has no type for an interview: none is forced
    assert statement["cameo"] == [{"code": "010", "label": "Make statement, not specified below"}]
    assert statement["acled"] is None


def test_the_csv_export_has_cameo_acled_and_approximate_columns(api, seeded):
    response = api.get("/api/v1/timeline/", {"format": "csv"})
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8")))}

    assert rows["uae-talks-second-round"]["cameo"] == "046 044"
    assert rows["uae-talks-second-round"]["acled"] == "Strategic developments: Agreement"
    assert rows["grushko-izvestia-interview"]["acled"] == ""
    assert rows["previous-prisoner-exchange"]["approximate"] == "true"
    assert rows["trilateral-talks"]["ongoing"] == "true"
