"""Numbers and dates stated in a paragraph, in English and Spanish forms, read as values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.text.article import read_article_file
from kg.text.quantities import number_readings, quantities, states_date, states_number
from seeds import JIM, seeds_dir


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("rose to 34,588 in 2019", 34588),
        ("rose to 34588 in 2019", 34588),
        ("subió a 34.588 en 2019", 34588),
        ("roughly 2.6 million youth", 2_600_000),
        ("unos 2,6 millones de jóvenes", 2_600_000),
        ("by 65,333 million pesos", 65_333_000_000),
        ("by 65,333 million pesos", 65333),
        ("a 17,280-million pesos increase", 17_280_000_000),
        ("increased 15.1% compared", Decimal("15.1")),
        ("a 17.5% decrease", Decimal("-17.5")),
        ("three women and six children", 6),
        ("over half of all homicides", 50),
        ("after a brief lull from 2012-14", 2014),
    ],
)
def test_states_number_in_every_common_form(text, value):
    assert states_number(text, value) is not None


@pytest.mark.parametrize(("text", "value"), [("rose to 34,588", 34587), ("2.6 million", 2_300_000), ("13 police", 14)])
def test_states_number_rejects_other_values(text, value):
    assert states_number(text, value) is None


def test_ambiguous_separators_give_both_readings():
    assert number_readings("34,588") == [Decimal("34588"), Decimal("34.588")]
    assert number_readings("2,6") == [Decimal("2.6")]
    assert number_readings("1.234.567") == [Decimal("1234567")]
    assert number_readings("1,234.5") == [Decimal("1234.5")]


@pytest.mark.parametrize(
    ("text", "ymd"),
    [
        ("events on October 17 demonstrated", (2019, 10, 17)),
        ("on October 17, 2019.", (2019, 10, 17)),
        ("on 17 October 2019", (2019, 10, 17)),
        ("el 17 de octubre de 2019", (2019, 10, 17)),
        ("el 17 de octubre", (2019, 10, 17)),
        ("In June 2019, the first contingent", (2019, 6, None)),
        ("in June of 2020, officials", (2020, 6, None)),
        ("en junio de 2019", (2019, 6, None)),
        ("02/01/2021 (written by", (2021, 2, 1)),
        ("In the budgets for 2019-2021", (2021, None, None)),
        ("published 2019-10-17", (2019, 10, 17)),
    ],
)
def test_states_date_in_words_and_numbers(text, ymd):
    assert states_date(text, *ymd) is not None


def test_states_date_rejects_other_dates_and_the_verb_may():
    assert states_date("on October 17, 2019", 2019, 10, 18) is None
    assert states_date("on October 17, 2019", 2020, 10, 17) is None
    assert states_date("in June 2019", 2019, 7) is None
    assert states_date("this may encourage others", None, 5) is None
    assert states_date("in May 2020", 2020, 5) is not None


def test_quantities_on_a_real_paragraph():
    article = read_article_file(seeds_dir() / JIM, end="Mexico Clears Former Defense Minister Cienfuegos of Criminal Allegations")
    paragraph = article.paragraph("first-results-and-indicators", 1)
    values = {q.value for q in quantities(paragraph.text) if q.kind == "number"}
    assert {Decimal(28870), Decimal(33742), Decimal(34588), Decimal(34515)} <= values
    assert states_date(paragraph.text, 2021, 1) is not None  # "released in January 2021"
