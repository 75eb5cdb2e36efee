"""The seed data: seeds/ -> fixtures/seed.json (build_fixtures) -> the database (load_seed_data), and checked
there (verify_citations). Runs on SQLite and PostgreSQL alike."""

import json
import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db.models import F

from tests.factories import (
    SOURCE_TEXT,
    CitationFactory,
    EventFactory,
    ParticipationFactory,
    StatementFactory,
    TopicFactory,
)
from timeline import seeds
from timeline.citations import paragraph_spans
from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "seed.json"
ARTICLE_FILE = "moscow-demands-reciprocal-security-guarantees.txt"
ARTICLE = (ROOT / "seeds" / ARTICLE_FILE).read_bytes().decode("utf-8")
MODELS = (Source, Topic, Actor, Venue, Event, Participation, Statement, Citation)
GRUSHKO_TUESDAY = ("grushko-security-interests-of-russia", "grushko-no-guarantees-for-russia", "grushko-three-demands")


def load_seed_data() -> str:
    out = StringIO()
    call_command("load_seed_data", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seeded(db):
    load_seed_data()


@pytest.fixture
def annotations() -> dict:
    """The real annotations, to be changed by a test and written to `seed_dir`."""
    return yaml.safe_load((ROOT / "seeds" / "annotations.yaml").read_bytes().decode("utf-8"))


@pytest.fixture
def seed_dir(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copyfile(ROOT / "seeds" / ARTICLE_FILE, folder / ARTICLE_FILE)
    return folder


def build_from(seed_dir: Path, annotations: dict, output: Path) -> None:
    (seed_dir / "annotations.yaml").write_text(yaml.safe_dump(annotations, allow_unicode=True, sort_keys=False))
    call_command("build_fixtures", seeds_dir=seed_dir, output=output, stdout=StringIO())


def entry(annotations: dict, section: str, slug: str) -> dict:
    return next(item for item in annotations[section] if item["slug"] == slug)


# --- build_fixtures ------------------------------------------------------------------------------


def test_rebuilding_the_fixtures_from_the_seeds_gives_exactly_fixtures_seed_json():
    records = seeds.fixture_records()

    assert records == json.loads(FIXTURE.read_bytes().decode("utf-8"))
    assert seeds.render_fixture(records).encode("utf-8") == FIXTURE.read_bytes()


def test_the_fixture_has_no_primary_keys_or_timestamps_and_names_relations_by_slug():
    records = json.loads(FIXTURE.read_bytes().decode("utf-8"))
    second_round = next(r["fields"] for r in records if r["fields"].get("slug") == "uae-talks-second-round")

    assert all("pk" not in record and "created_at" not in record["fields"] for record in records)
    assert second_round["parent"] == ["trilateral-talks"]
    assert second_round["venue"] == ["united-arab-emirates"]
    assert second_round["topics"] == [["peace-negotiations"], ["prisoners-of-war"]]
    assert second_round["uuid"] == str(seeds.seed_uuid(Event, "uae-talks-second-round"))


def test_build_fixtures_check_passes_on_the_committed_fixture():
    out = StringIO()

    call_command("build_fixtures", check=True, stdout=out)

    assert "up to date" in out.getvalue()


def test_build_fixtures_check_fails_when_the_fixture_on_disk_differs(tmp_path):
    stale = tmp_path / "seed.json"
    stale.write_bytes(FIXTURE.read_bytes().replace(b"Second round of talks", b"Second round of TALKS", 1))

    with pytest.raises(CommandError, match=r"fixtures/ is stale: run `make fixtures`"):
        call_command("build_fixtures", check=True, output=stale)


def test_build_fixtures_check_fails_when_the_fixture_is_missing(tmp_path):
    with pytest.raises(CommandError, match="stale"):
        call_command("build_fixtures", check=True, output=tmp_path / "seed.json")


def test_build_fixtures_writes_the_same_bytes_on_every_run(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"

    call_command("build_fixtures", output=first, stdout=StringIO())
    call_command("build_fixtures", output=second, stdout=StringIO())

    assert first.read_bytes() == second.read_bytes() == FIXTURE.read_bytes()


def test_a_cited_text_not_in_the_article_fails_the_build_naming_the_annotation(seed_dir, annotations, tmp_path):
    entry(annotations, "events", "uae-talks-second-round")["cites"][0] = "during their latest meeting last week"

    with pytest.raises(CommandError, match=r"^events\[uae-talks-second-round\]\.cites\[1\]: not found verbatim"):
        build_from(seed_dir, annotations, tmp_path / "seed.json")
    assert not (tmp_path / "seed.json").exists()


def test_an_ambiguous_cited_text_fails_the_build_naming_the_annotation(seed_dir, annotations, tmp_path):
    cites = entry(annotations, "statements", "grushko-security-interests-of-russia")["cites"]
    cites[1] = cites[1]["text"]  # the Grushko phrase occurs twice; drop the occurrence

    with pytest.raises(
        CommandError, match=r"^statements\[grushko-security-interests-of-russia\]\.cites\[2\]: occurs 2 times"
    ):
        build_from(seed_dir, annotations, tmp_path / "seed.json")


def _set(section, slug, key, value):
    def change(annotations):
        entry(annotations, section, slug)[key] = value

    return change


def _duplicate_topic(annotations):
    annotations["topics"].append(dict(annotations["topics"][0]))


def _circular_dates(annotations):
    entry(annotations, "events", "uae-talks-second-round")["date"]["ends_before"] = "uae-talks-first-round"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("events", "trilateral-talks", "sumary", "typo"), r"events\[1\]: unknown key\(s\) sumary"),
        (_set("events", "trilateral-talks", "venue", "geneva"), r"events\[trilateral-talks\]\.venue: unknown venue"),
        (_set("statements", "points-of-contention", "event", "no-such-event"), r"\.event: unknown event"),
        (_set("actors", "kremlin", "affiliation", "russian-federation"), r"actors\[kremlin\]\.affiliation: unknown"),
        (_set("statements", "points-of-contention", "topics", ["nato"]), r"\.topics\[1\]: unknown topic 'nato'"),
        (_duplicate_topic, r"topics: duplicate slug 'security-guarantees'"),
        (_set("events", "trilateral-talks", "kind", "summit"), r"events\[trilateral-talks\]\.kind: .*not a valid"),
        (_set("venues", "united-states", "coordinate_precision", "approx"), r"coordinate_precision: .*not a valid"),
        (_set("statements", "points-of-contention", "date", {"tense": "later"}), r"\]\.date\.tense: .*not a valid"),
        # A straight apostrophe where the article has a curly one.
        (_set("statements", "grushko-no-guarantees-for-russia", "text", "Here's a key"), r"\.text: mode is quote"),
        (_set("statements", "grushko-three-demands", "outlet", "russia"), r"\.outlet: russia is a state"),
        (_circular_dates, r"events\[uae-talks-\w+-round\]: depends on itself"),
    ],
)
def test_a_bad_annotation_fails_the_build_naming_it(seed_dir, annotations, tmp_path, change, message):
    change(annotations)

    with pytest.raises(CommandError, match=message):
        build_from(seed_dir, annotations, tmp_path / "seed.json")


# --- load_seed_data and verify_citations ---------------------------------------------------------


@pytest.mark.usefixtures("empty_database")
def test_load_seed_data_fills_an_empty_database_with_every_fixture_record():
    output = load_seed_data()

    total = len(json.loads(FIXTURE.read_bytes().decode("utf-8")))
    assert output.strip() == f"Seed data: {total} added, 0 already present (kept as they are)."
    assert sum(counts().values()) == total


@pytest.mark.usefixtures("empty_database")
def test_plain_loaddata_accepts_the_fixture():
    call_command("loaddata", str(FIXTURE), stdout=StringIO())

    assert Citation.objects.count() == 45
    call_command("verify_citations", stdout=StringIO())


def test_verify_citations_passes_on_the_loaded_seed_data(seeded):
    out = StringIO()

    call_command("verify_citations", stdout=out)

    assert out.getvalue().strip() == f"All {Citation.objects.count()} citations are verbatim in their sources."


def test_verify_citations_fails_listing_a_citation_whose_offsets_were_shifted(seeded):
    Citation.objects.filter(slug="uae-talks-second-round-1").update(start=F("start") + 1, end=F("end") + 1)
    err = StringIO()

    with pytest.raises(CommandError, match=r"^1 bad citation\(s\)$"):
        call_command("verify_citations", stdout=StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("uae-talks-second-round-1: event uae-talks-second-round [")
    assert "not 'during their most recent meeting last week'" in lines[0]


def test_verify_citations_fails_on_a_source_whose_text_hash_is_wrong(seeded):
    Source.objects.update(text_sha256="0" * 64)

    with pytest.raises(CommandError, match=r"0 bad citation\(s\), 1 source\(s\) with a wrong text_sha256"):
        call_command("verify_citations", stdout=StringIO(), stderr=StringIO())


def test_every_quote_is_verbatim_in_the_article_and_every_citation_is_its_span(seeded):
    quotes = Statement.objects.filter(mode="quote")

    assert quotes.count() >= 2
    assert all(statement.text in ARTICLE for statement in quotes)
    assert all(ARTICLE[c.start : c.end] == c.exact for c in Citation.objects.all())
    assert Source.objects.get().text == ARTICLE


def test_every_event_and_statement_has_a_citation_and_its_sequence_is_the_first_ones_start(seeded):
    for item in [*Event.objects.all(), *Statement.objects.all()]:
        first = item.citations.order_by("position").first()
        assert first is not None, item.slug
        assert (first.position, first.slug, item.sequence) == (1, f"{item.slug}-1", first.start)


def test_each_of_the_articles_first_ten_paragraphs_has_a_citation_starting_in_it(seeded):
    starts = list(Citation.objects.values_list("start", flat=True))

    for number, (begin, end) in enumerate(paragraph_spans(ARTICLE)[:10], start=1):
        assert any(begin <= start < end for start in starts), f"paragraph {number} is not cited"


# --- What the seed data says ---------------------------------------------------------------------


def sort_key(model, slug: str) -> str:
    return model.objects.get(slug=slug).sort_key


def test_the_timeline_orders_the_two_rounds_and_the_weeks_items_as_the_article_tells_them(seeded):
    assert sort_key(Event, "uae-talks-first-round") < sort_key(Event, "uae-talks-second-round")
    expected = [
        sort_key(Event, "prisoner-exchange-agreed"),
        sort_key(Statement, "zelenskyy-guarantee-documents-ready"),
        *sorted(sort_key(Statement, slug) for slug in GRUSHKO_TUESDAY),
        sort_key(Event, "next-round-in-the-united-states"),
    ]
    assert sorted(expected) == expected
    assert len(set(expected)) == len(expected)


def test_last_week_resolves_to_the_week_before_publication_for_the_second_round(seeded):
    second_round = Event.objects.get(slug="uae-talks-second-round")

    assert second_round.date_text == "last week"
    assert (second_round.earliest, second_round.latest) == (date(2026, 2, 1), date(2026, 2, 8))
    assert (second_round.date_precision, second_round.date_basis) == ("week", "resolved")


def test_the_first_round_ends_before_the_second_begins(seeded):
    first_round = Event.objects.get(slug="uae-talks-first-round")

    assert first_round.date_ends_before.slug == "uae-talks-second-round"
    assert (first_round.earliest, first_round.latest) == (None, date(2026, 2, 7))


def test_the_planned_round_is_planned_with_no_latest_date(seeded):
    planned = Event.objects.get(slug="next-round-in-the-united-states")

    assert planned.status == "planned"
    assert planned.latest is None
    assert planned.earliest == date(2026, 2, 10)
    assert planned.venue.slug == "united-states"


def test_the_sources_publication_date_and_title_are_the_editors_and_its_publisher_unknown(seeded):
    source = Source.objects.get()

    assert source.published_on == date(2026, 2, 10)
    for fact in ("published_on", "title"):
        assert getattr(source, f"{fact}_basis") == "editor", fact
        assert getattr(source, f"{fact}_note").strip(), fact
    # The text is a rewrite of a Reuters story, not Reuters' wording: no publisher is credited.
    assert (source.publisher, source.publisher_basis) == ("", "unknown")
    assert "not Reuters' wording" in source.publisher_note
    assert not Source.objects.filter(published_on_basis="stated").exists()


# --- Loading again -------------------------------------------------------------------------------


def test_loading_again_adds_nothing_when_nothing_is_missing(seeded):
    before = counts()

    output = load_seed_data()

    assert output.strip() == f"Seed data: 0 added, {sum(before.values())} already present (kept as they are)."
    assert counts() == before


def test_loading_again_keeps_an_editors_change_and_adds_back_only_what_was_deleted(seeded):
    before = counts()
    Event.objects.filter(slug="uae-talks-second-round").update(title="Second round, Abu Dhabi")
    Topic.objects.get(slug="reconstruction").delete()

    output = load_seed_data()

    assert output.strip() == f"Seed data: 1 added, {sum(before.values()) - 1} already present (kept as they are)."
    assert Event.objects.get(slug="uae-talks-second-round").title == "Second round, Abu Dhabi"
    assert Topic.objects.filter(slug="reconstruction").exists()
    assert counts() == before
    # The events and statements exist, so they are kept as they are: their links to the topic too.
    assert not Topic.objects.get(slug="reconstruction").events.exists()


def test_changing_the_publication_date_re_resolves_the_dates_that_depend_on_it(seeded):
    source = Source.objects.get()
    source.published_on = date(2026, 2, 17)
    source.save()

    grushko = Statement.objects.get(slug="grushko-security-interests-of-russia")
    assert (grushko.earliest, grushko.latest) == (date(2026, 2, 17), date(2026, 2, 17))
    assert grushko.sort_key.startswith("2026-02-17/2026-02-17/")
    second_round = Event.objects.get(slug="uae-talks-second-round")
    assert (second_round.earliest, second_round.latest) == (date(2026, 2, 8), date(2026, 2, 15))
    assert Event.objects.get(slug="uae-talks-first-round").latest == date(2026, 2, 14)
    assert Statement.objects.get(slug="zelenskyy-guarantee-documents-ready").earliest == date(2026, 2, 16)


# --- The factories -------------------------------------------------------------------------------


@pytest.mark.usefixtures("empty_database")
def test_the_factories_make_valid_rows_with_verbatim_citations():
    topic = TopicFactory()
    event_citation = CitationFactory(event=EventFactory(topics=[topic]))
    statement_citation = CitationFactory(for_statement=True, start=SOURCE_TEXT.index("“"))
    ParticipationFactory(event=event_citation.event)

    assert event_citation.exact == event_citation.source.text[event_citation.start : event_citation.end]
    assert statement_citation.exact.startswith("“We are ready to talk,”")
    assert statement_citation.statement.earliest == date(2026, 2, 10)
    assert event_citation.event.date_precision == "week"
    assert list(event_citation.event.topics.all()) == [topic]
    out = StringIO()
    call_command("verify_citations", stdout=out)
    assert out.getvalue().strip() == "All 2 citations are verbatim in their sources."
    assert StatementFactory().citations.count() == 0


# --- corrections reach databases that already hold the seed ---------------------------------------------------


def _as_first_published(model, slug: str, **overrides) -> None:
    """Put a seeded row back to what the first published seed had, as a database loaded back then holds it."""
    published = json.loads((ROOT / "fixtures" / "published" / "seed-2026-12-07.json").read_text(encoding="utf-8"))
    fields = next(
        e["fields"] for e in published if e["model"] == model._meta.label_lower and e["fields"]["slug"] == slug
    )
    simple = {k: v for k, v in fields.items() if not isinstance(v, list) and k not in ("uuid", "slug", "source")}
    model.objects.filter(slug=slug).update(**{**simple, **overrides})


def test_update_unedited_corrects_rows_still_as_first_published_and_keeps_edited_ones(seeded):
    _as_first_published(Source, "moscow-demands-reciprocal-security-guarantees")
    _as_first_published(Participation, "trump-involvement-in-peace-negotiations-mediator-donald-trump")
    # The date flags added since then hold what their migration gave the old rows.
    added_since = {"date_ongoing": False, "date_approximate": False, "no_later_than_publication": False}
    _as_first_published(Event, "trilateral-talks", summary="An editor rewrote this summary.", **added_since)
    assert Source.objects.get().publisher == "Reuters"
    out = StringIO()

    call_command("load_seed_data", "--update-unedited", stdout=out)

    assert (Source.objects.get().publisher, Source.objects.get().publisher_basis) == ("", "unknown")
    trump = Participation.objects.get(slug="trump-involvement-in-peace-negotiations-mediator-donald-trump")
    assert trump.role == "involved"
    talks = Event.objects.get(slug="trilateral-talks")
    assert talks.summary == "An editor rewrote this summary."
    assert talks.edtf != "../.."  # kept exactly as the editor left it
    assert "2 unedited row(s) updated, 1 edited row(s) kept" in out.getvalue()


def test_load_seed_data_without_the_option_never_overwrites(seeded):
    _as_first_published(Source, "moscow-demands-reciprocal-security-guarantees")

    call_command("load_seed_data", stdout=StringIO())

    assert Source.objects.get().publisher == "Reuters"


def test_the_first_published_seed_is_kept_for_update_unedited():
    published = json.loads((ROOT / "fixtures" / "published" / "seed-2026-12-07.json").read_text(encoding="utf-8"))
    current = {(e["model"], e["fields"]["slug"]) for e in json.loads(FIXTURE.read_text(encoding="utf-8"))}

    # Every slug ever published is still in the seed: slugs never change.
    assert {(e["model"], e["fields"]["slug"]) for e in published} <= current
