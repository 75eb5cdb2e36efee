"""The hand-annotated gold standard is itself checked: every span it marks is in its article, once."""

import re

import pytest

from tests.gold.load import ARTICLES, REPOSITORY, load
from tests.gold.score import KINDS, score


def test_the_gold_standard_covers_the_seed_article_and_at_least_three_of_our_own():
    assert len(ARTICLES) >= 4
    assert "moscow-demands-reciprocal-security-guarantees" in ARTICLES


@pytest.mark.parametrize("name", ARTICLES)
def test_every_gold_span_is_verbatim_in_its_article(name):
    article = load(name)
    for span in (*article.quotations, *article.statements, *article.dates):
        assert article.text[span.start : span.end] == span.exact


@pytest.mark.parametrize("name", ARTICLES)
def test_every_gold_quotation_sits_between_quotation_marks(name):
    article = load(name)
    for quotation in article.quotations:
        before = article.text[quotation.start - 1]
        after = article.text[quotation.end : quotation.end + 2]
        assert before in "\"'\u201c\u2018", quotation.exact
        assert re.match(",?[\"'\u201d\u2019]", after), quotation.exact


@pytest.mark.parametrize("name", ARTICLES)
def test_every_gold_name_is_written_in_its_article(name):
    article = load(name)
    for written in article.names:
        assert re.search(rf"(?<!\w){re.escape(written)}(?!\w)", article.text), written


@pytest.mark.parametrize("name", ARTICLES)
def test_gold_date_bounds_are_in_order(name):
    for phrase in load(name).dates:
        if phrase.earliest and phrase.latest:
            assert phrase.earliest <= phrase.latest, phrase.exact


def test_the_article_without_dates_has_no_gold_date_phrase():
    assert load("river-flow-dispute").dates == ()


_REPORTED_ROW = re.compile(
    r"^\| (?P<article>[\w-]+) \| (?P<kind>\w+) \| (?P<matched>\d+)/(?P<gold>\d+) \| \d+/(?P<proposed>\d+) "
    r"\| (?P<recall>\d+%|n/a) \| (?P<precision>\d+%|n/a) \|$",
    re.MULTILINE,
)


def _reported():
    text = (REPOSITORY / "docs" / "annotation.md").read_text(encoding="utf-8")
    return {(row["article"], row["kind"]): row for row in _REPORTED_ROW.finditer(text)}


def test_docs_report_recall_and_precision_for_every_article_and_kind():
    assert set(_reported()) == {(article, kind) for article in ARTICLES for kind in KINDS}


@pytest.mark.parametrize("name", ARTICLES)
def test_recall_and_precision_stay_within_five_points_of_the_reported_figures(name):
    reported = _reported()
    for kind, measured in score(load(name)).items():
        row = reported[(name, kind)]
        assert measured.gold == int(row["gold"]), f"{name} {kind}: the gold changed; update docs/annotation.md"
        if row["recall"] == "n/a":
            assert measured.proposed == 0, f"{name} {kind}: nothing to find, yet {measured.proposed} proposed"
            continue
        assert measured.recall >= int(row["recall"][:-1]) - 5, f"{name} {kind} recall {measured.recall:.0f}%"
        assert measured.precision >= int(row["precision"][:-1]) - 5, (
            f"{name} {kind} precision {measured.precision:.0f}%"
        )


def test_the_seed_article_meets_its_targets():
    measured = score(load("moscow-demands-reciprocal-security-guarantees"))
    assert measured["quotations"].recall >= 90
    assert measured["statements"].recall >= 80
    assert measured["dates"].recall == 100
