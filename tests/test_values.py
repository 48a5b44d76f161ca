"""Value types: dates keep their precision, impossible dates and YAML 1.1 surprises are caught."""

from __future__ import annotations

import re

import pytest
import yaml

from kg.core.namespaces import XSD
from kg.load import values
from kg.load.values import BadValue


def node(text: str):
    return yaml.compose(f"v: {text}", Loader=yaml.CSafeLoader).value[0][1]


@pytest.mark.parametrize(
    ("written", "lexical", "datatype"),
    [
        ("2019", "2019", "gYear"),
        ("2019-10", "2019-10", "gYearMonth"),
        ("2019-10-17", "2019-10-17", "date"),
        ('"2019-10-17"', "2019-10-17", "date"),
        ("2020-02-29", "2020-02-29", "date"),
    ],
)
def test_dates_keep_precision(written, lexical, datatype):
    value = values.temporal(node(written))
    assert (value.text, value.datatype) == (lexical, XSD + datatype)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2019-02-30", "February 2019 has 28 days"),
        ("2019-13", "month 13 does not exist"),
        ("17/10/2019", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2019-1-5", "expected YYYY"),
        ("٢٠١٩-10-17", "expected YYYY, YYYY-MM or YYYY-MM-DD"),  # Arabic-Indic digits
        ("２０１９", "expected YYYY"),  # full-width digits
        ("0000-01-01", "there is no year 0000"),
        ("0000", "there is no year 0000"),
    ],
)
def test_bad_dates(written, message):
    with pytest.raises(BadValue, match=message):
        values.temporal(node(written))


def test_date_bounds_cover_the_precision():
    assert values.date_bounds(values.temporal(node("2020-02"))) == values.DateBounds("2020-02-01", "2020-02-29")
    assert values.date_bounds(values.temporal(node("2019"))) == values.DateBounds("2019-01-01", "2019-12-31")


@pytest.mark.parametrize(
    ("written", "datatype", "lexical"),
    [
        ("13", "nonNegativeInteger", "13"),
        ("-17.5", "decimal", "-17.5"),
        ("34588", "decimal", "34588"),
        ("15.10", "decimal", "15.1"),
        ('"28"', "decimal", "28"),
    ],
)
def test_numbers(written, datatype, lexical):
    assert values.number(node(written), XSD + datatype).text == lexical


@pytest.mark.parametrize(
    ("written", "datatype", "message"),
    [
        ("012", "integer", "leading zero"),
        ("-1", "nonNegativeInteger", "0 or more"),
        ("2.5", "integer", "whole number"),
        ("35,000", "decimal", "no thousands separators"),
        ("yes", "decimal", "boolean"),
        ("0", "positiveInteger", "1 or more"),
        ("35_000", "integer", "no thousands separators"),  # YAML 1.1 reads 35000; XSD and every other reader do not
        ("1_000.5", "decimal", "no thousands separators"),
        ("١٢", "integer", "expected a number"),  # Arabic-Indic 12
        ("१२.5", "decimal", "expected a number"),  # Devanagari 12.5
    ],
)
def test_bad_numbers(written, datatype, message):
    with pytest.raises(BadValue, match=message):
        values.number(node(written), XSD + datatype)


@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("no", "boolean (False)"),
        ("NO", "boolean (False)"),
        ("on", "boolean (True)"),
        ("012", "number (10)"),
        ("1e3", "text"),
    ],
)
def test_yaml11_surprises_in_text(written, read_as):
    if read_as == "text":  # YAML 1.1 needs a dot for floats: 1e3 stays a string, and so it is fine as text
        assert values.text(node(written)) == written
        return
    with pytest.raises(BadValue, match=re.escape(f"read by YAML 1.1 as a {read_as}")) as info:
        values.text(node(written))
    assert info.value.rule == "yaml11-surprise"
    assert values.text(node(f'"{written}"')) == written


def test_slugs():
    assert values.slug(node("sinaloa-cartel")) == "sinaloa-cartel"
    with pytest.raises(BadValue, match="not a valid id"):
        values.slug(node("Sinaloa Cartel"))


@pytest.mark.parametrize(
    ("written", "code"),
    [
        (r'"Ovidio\x1b[2J"', "U+001B"),
        (r'"a\0b"', "U+0000"),
        (r'"evil\u202Eexe.txt"', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        (r'"x\u2066y"', "U+2066"),
        (r'"bell\a"', "U+0007"),
        (r'"c1\x85"', "U+0085"),
    ],
)
def test_hidden_characters_are_refused_with_their_code_point(written, code):
    with pytest.raises(BadValue, match=re.escape(code)) as info:
        values.text(node(written), "a label", one_line=True)
    assert info.value.rule == "hidden-character"


def test_line_breaks_are_text_but_not_names():
    assert values.text(node(r'"two\nlines\tand a tab"'), "a description") == "two\nlines\tand a tab"
    with pytest.raises(BadValue, match=re.escape("U+000A (LINE FEED)")):
        values.text(node(r'"two\nlines"'), "a label", one_line=True)
    with pytest.raises(BadValue, match=re.escape("U+000A (LINE FEED)")):
        values.slug(node(r'"a\nb"'))


def test_only_ascii_lexical_forms_reach_a_value():
    """Whatever is accepted is a valid XSD lexical form in ASCII, which rdflib and Oxigraph both read back."""
    import rdflib

    for written in ("2019-10-17", "2019-10", "0001", "2020-02-29"):
        value = values.temporal(node(written))
        assert value.text.isascii() and not rdflib.Literal(value.text, datatype=value.datatype).ill_typed
    for written in ("12", "-3.25", "+7"):
        value = values.number(node(written), XSD + "decimal")
        assert value.text.isascii() and not rdflib.Literal(value.text, datatype=value.datatype).ill_typed
