"""Proposals read from a text alone: quotations, statements, date phrases and names, each with an exact span."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from timeline.citations import selectors, span_problem
from timeline.proposals import KnownName, ProposalKind, propose

GRUSHKO = KnownName("Alexander Grushko", ("Grushko",), "alexander-grushko")
KREMLIN = KnownName("The Kremlin", (), "kremlin")
RUSSIA = KnownName("Russia", ("Moscow",), "russia")
KNOWN = (GRUSHKO, KREMLIN, RUSSIA)


def _of(kind, text, **options):
    return [proposal for proposal in propose(text, **options) if proposal.kind is kind]


def _quotations(text, **options):
    return [(p.exact, p.speaker.name if p.speaker else None) for p in _of(ProposalKind.QUOTATION, text, **options)]


def test_a_curly_quotation_followed_by_its_tag_is_proposed_with_that_speaker():
    text = "“We are ready to talk,” Deputy Foreign Minister Alexander Grushko told the Izvestia newspaper."
    assert _quotations(text, known=KNOWN) == [("We are ready to talk", "Alexander Grushko")]


def test_a_straight_quotation_with_said_before_the_name_names_a_new_speaker():
    text = 'Talks failed. "This is not a local problem," said Mayor Jan Horak.'
    [(exact, speaker)] = _quotations(text)
    [proposal] = _of(ProposalKind.QUOTATION, text)
    assert (exact, speaker) == ("This is not a local problem", "Jan Horak")
    assert proposal.speaker.is_new and proposal.speaker.slug == ""


def test_a_known_actor_is_found_by_alias_and_by_its_name_without_the_article():
    text = "Grushko said the talks were over. A Kremlin spokesman said it “will study the invitation.”"
    statements = _of(ProposalKind.STATEMENT, text, known=KNOWN)
    assert [statement.speaker.slug for statement in statements] == ["alexander-grushko", "kremlin"]


def test_according_to_names_the_speaker_of_its_sentence():
    text = "According to the United Nations, exports fell by half."
    [statement] = _of(ProposalKind.STATEMENT, text)
    assert statement.speaker.name == "United Nations"
    assert statement.confidence.rule == "statement:according_to:new_name"


def test_a_quotation_without_a_tag_continues_the_previous_speaker_of_its_paragraph():
    text = "“First,” said Anna Berg. “Second.”\n“Third.”"
    assert _quotations(text) == [("First", "Anna Berg"), ("Second.", "Anna Berg"), ("Third.", None)]


def test_a_nested_quotation_is_not_given_the_outer_speaker():
    text = "“People ask us, ‘Who is responsible?’ We answer,” said Andrei Ciobanu."  # noqa: RUF001
    assert _quotations(text) == [
        ("People ask us, ‘Who is responsible?’ We answer", "Andrei Ciobanu"),  # noqa: RUF001
        ("Who is responsible?", None),
    ]


def test_apostrophes_are_not_nested_quotation_marks():
    text = "\"The company's plan is the union's worry,\" she said."
    assert _quotations(text) == [("The company's plan is the union's worry", None)]


def test_an_unclosed_quotation_mark_proposes_nothing():
    assert _quotations("He said “we will see.\nNothing more.") == []


def test_a_pronoun_speaker_is_the_last_speaker_of_the_paragraph():
    text = "Anna Berg warned that prices would rise. She added that wages would not."
    statements = _of(ProposalKind.STATEMENT, text)
    assert [statement.speaker.name for statement in statements] == ["Anna Berg", "Anna Berg"]
    assert statements[1].confidence.rule == "statement:reporting_verb:carried_over"


def test_a_surname_alone_is_the_person_named_in_full_elsewhere():
    text = "Chief executive Pavel Dvorak spoke first. Later, “no,” Dvorak told reporters."
    assert _quotations(text) == [("no", "Pavel Dvorak")]


def test_a_negated_reporting_verb_is_not_a_statement():
    assert _of(ProposalKind.STATEMENT, "The U.S. Has not publicly commented. Russia has not confirmed it.") == []


def test_an_unnamed_ministry_speaks_for_its_state():
    text = "The talks will go ahead, the Turkish foreign ministry announced."
    [statement] = _of(ProposalKind.STATEMENT, text)
    assert (statement.speaker.name, statement.confidence.rule) == ("Turkey", "statement:reporting_verb:demonym")


def test_a_quotation_tag_alone_is_not_also_a_statement():
    text = "“We are ready,” Grushko said."
    assert _of(ProposalKind.STATEMENT, text, known=KNOWN) == []


def test_a_partial_quotation_inside_a_reported_sentence_is_both():
    text = "Grushko stated that any deal must include “security guarantees” for Russia."
    kinds = [proposal.kind for proposal in propose(text, known=KNOWN) if proposal.kind is not ProposalKind.NAME]
    assert kinds == [ProposalKind.STATEMENT, ProposalKind.QUOTATION]


def test_date_phrases_resolve_against_the_publication_date_and_name_their_sentence():
    text = "Officials met on Tuesday. Talks are scheduled for Thursday. The plan dates from 3 March 2025."
    found = _of(ProposalKind.DATE, text, published_on=date(2026, 2, 11))
    assert [(p.exact, p.date.earliest, p.date.latest) for p in found] == [
        ("on Tuesday", date(2026, 2, 10), date(2026, 2, 10)),
        ("for Thursday", date(2026, 2, 12), date(2026, 2, 12)),
        ("from 3 March 2025", date(2025, 3, 3), date(2025, 3, 3)),
    ]
    assert [text[slice(*p.sentence)] for p in found][1] == "Talks are scheduled for Thursday."
    assert [p.confidence.rule for p in found] == [
        "date:resolved_against_publication:past",
        "date:resolved_against_publication:future",
        "date:stated",
    ]


def test_relative_dates_without_a_publication_date_stay_unknown():
    [proposal] = _of(ProposalKind.DATE, "They met last week.")
    assert (proposal.date.earliest, proposal.date.latest) == (None, None)
    assert proposal.confidence.rule == "date:recognised_but_unresolved"


def test_known_names_and_new_capitalised_names_are_proposed_but_not_sentence_openers():
    text = "Farmers met Anna Berg in Palanca. Moscow\u2019s envoy and the Kremlin stayed away."
    names = {(p.exact, p.name.slug, p.confidence.rule) for p in _of(ProposalKind.NAME, text, known=KNOWN)}
    assert names == {
        ("Anna Berg", "", "name:new_capitalised"),
        ("Palanca", "", "name:new_capitalised"),
        ("Moscow", "russia", "name:known_alias"),
        ("Kremlin", "kremlin", "name:known_name"),
    }


def test_every_proposal_carries_selectors_like_a_citation():
    text = "“Ready,” said Anna Berg on Monday."
    for proposal in propose(text, published_on=date(2026, 2, 10)):
        assert proposal.selectors == selectors(text, proposal.start, proposal.end)


def test_an_empty_text_proposes_nothing():
    assert propose("") == []


_WORDS = st.sampled_from(
    [
        "said", "told", "warned", "according to", "Anna Berg", "Grushko", "Moscow", "the Kremlin", "he", "She",
        "last week", "on Tuesday", "3 March 2025", "in 2024", "“", "”", "\u2018", "\u2019", '"', "'", ",", ".",
        "?", "\n",
        "\r\n", " ", "U.S.", "Ayd\u0131n", "company's", "that", "In ,", "not", "😀",
    ]
)  # fmt: skip


@given(st.lists(_WORDS | st.text(max_size=4), max_size=40).map(" ".join))
def test_every_proposal_span_is_verbatim_in_the_text(text):
    for proposal in propose(text, published_on=date(2026, 2, 10), known=KNOWN):
        assert span_problem(text, proposal.start, proposal.end, proposal.exact) is None
        assert proposal.exact == proposal.exact.strip()
        sentence_start, sentence_end = proposal.sentence
        assert 0 <= sentence_start < sentence_end <= len(text)
        assert 0.0 < proposal.confidence.score <= 1.0 and proposal.confidence.rule


@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_proposals_are_the_same_every_time(text):
    assert propose(text, known=KNOWN) == propose(text, known=KNOWN)
