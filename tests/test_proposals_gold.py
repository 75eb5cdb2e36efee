"""The hand-annotated gold standard is itself checked: every span it marks is in its article, once."""

import re

import pytest

from tests.gold.load import ARTICLES, load


def test_the_gold_standard_covers_the_seed_article_and_three_of_our_own():
    assert len(ARTICLES) == 4
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
