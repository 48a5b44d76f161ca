"""The plain-text article reader: sections and paragraph numbers, on small texts and on the real articles."""

from __future__ import annotations

import pytest

from kg.text.article import ArticleError, read_article, read_article_file, slugify
from seeds import CIENFUEGOS_TITLE, JIM, SHIRK, SHIRK_START, seeds_dir

SMALL = """Skip to main content

A Title of the Post

By Someone
A Title of the Post

First paragraph, with a sentence.

Second paragraph
runs over two lines.

Mexico’s Security Dilemma

Third paragraph.

Hope for the Future?

Fourth paragraph.

About the Author

Jane Doe

Jane Doe

Professor;
Somewhere
Read More
"""


def test_small_text_sections_paragraphs_and_lines():
    article = read_article(SMALL, start="A Title of the Post")
    assert [(s.key, s.heading, len(s.paragraphs)) for s in article.sections] == [
        ("a-title-of-the-post", "A Title of the Post", 1),
        ("a-title-of-the-post-2", "A Title of the Post", 2),
        ("mexico-s-security-dilemma", "Mexico’s Security Dilemma", 1),
        ("hope-for-the-future", "Hope for the Future?", 1),
        ("about-the-author", "About the Author", 3),
    ]
    second = article.paragraph("a-title-of-the-post-2", 2)
    assert second is not None and second.text == "Second paragraph\nruns over two lines." and second.line == 10
    assert article.paragraph("a-title-of-the-post-2", 3) is None
    assert article.paragraph("nowhere", 1) is None
    assert article.section("about-the-author").paragraphs[2].text.startswith("Professor;")
    assert [p.number for p in article.paragraphs()][:3] == [1, 1, 2]


def test_text_before_any_heading_is_the_opening_and_end_marker_cuts():
    article = read_article("A first sentence.\n\nA second one.\n\nNext Post\n\nIgnored.\n", end="Next Post")
    assert [(s.key, s.heading, len(s.paragraphs)) for s in article.sections] == [("opening", "", 2)]


def test_missing_marker_and_bad_encoding_are_clear_errors(tmp_path):
    with pytest.raises(ArticleError, match="start marker not found"):
        read_article("Some text.\n", start="Nowhere")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Michoacán.\n".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"latin.txt: not UTF-8 text \(byte 7"):
        read_article_file(latin)
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfHeading Here\n\nA paragraph.\n")
    assert read_article_file(bom).sections[0].heading == "Heading Here"


def test_slugify_folds_accents_and_punctuation():
    assert slugify("From Illusion to Reality: López Obrador’s Security Approach") == (
        "from-illusion-to-reality-lopez-obrador-s-security-approach"
    )


def test_real_articles_have_the_curated_paragraph_counts():
    seeds = seeds_dir()
    shirk = read_article_file(seeds / SHIRK, start=SHIRK_START)
    assert [len(s.paragraphs) for s in shirk.sections] == [1, 3, 4, 8, 4, 3, 1]
    assert shirk.sections[0].paragraphs[0].text == "David Shirk"
    illusion = shirk.section("from-illusion-to-reality-lopez-obrador-s-security-approach")
    assert "Aguililla" in illusion.paragraphs[5].text and illusion.paragraphs[5].line == 38
    two_years = read_article_file(seeds / JIM, end=CIENFUEGOS_TITLE)
    assert [len(s.paragraphs) for s in two_years.sections] == [2, 1, 1, 2, 2, 1, 3, 1, 14]
    cienfuegos = read_article_file(seeds / JIM, start=CIENFUEGOS_TITLE)
    assert [len(s.paragraphs) for s in cienfuegos.sections] == [4, 2, 3, 16]
    assert cienfuegos.paragraph("sources", 16).text.startswith("“DEA tiene que explicar")
