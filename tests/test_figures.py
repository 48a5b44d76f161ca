"""The one presenter of numbers (kg.core.figures): tolls add up over groups, bounds, hedges and statuses travel with
the number, disagreements become ranges, and a missing toll stays missing."""

from __future__ import annotations

from kg.core.figures import Figure, event_toll, grouped, observation_figure, statement_figure
from kg.core.model import Citation, Entity, Statement, Value
from kg.core.namespaces import KGC, XSD
from kg.core.problems import Pos

HERE = Pos("t.yaml", 1, 1)
INTEGER = XSD + "integer"


def killed(n: str, group: str | None = None, source: str = "a", bound: str | None = None) -> Statement:
    qualifiers = {}
    if group:
        qualifiers["group"] = Value("literal", group, XSD + "string")
    if bound:
        qualifiers["bound"] = Value("concept", KGC + bound)
    return Statement("e", "killed", Value("literal", n, INTEGER), [Citation(source, None, None, HERE)], HERE,
                     qualifiers)


def event(*statements: Statement) -> Entity:
    return Entity("e", "Incident", HERE, statements=list(statements))


def test_a_toll_counted_in_groups_is_their_sum():
    toll = event_toll(event(killed("3", "women"), killed("6", "children")))
    assert toll.total.value == "9" and not toll.disputed
    assert toll.text() == "9 killed (3 women, 6 children)"
    toll = event_toll(event(killed("14", "civilians"), killed("1", "soldiers")))
    assert toll.total.value == "15" and toll.record()["total"] == {"value": "15", "unit": "people"}


def test_sources_that_differ_on_one_group_give_a_range_not_a_sum():
    toll = event_toll(event(killed("13", source="article"), killed("8", source="acled-row")))
    assert toll.disputed and (toll.low, toll.high) == ("8", "13")
    assert toll.text() == "8–13 killed (sources differ)"
    assert toll.text("es") == "8–13 muertos (las fuentes difieren)"
    assert sorted(f.value for f in toll.alternatives[""]) == ["13", "8"]


def test_a_bound_travels_with_the_total():
    toll = event_toll(event(killed("35", "civilians", bound="at-least"), killed("2", "police")))
    assert toll.total.bound == "at-least" and toll.text().startswith("37 or more killed")


def test_no_toll_is_none_not_zero():
    assert event_toll(event()) is None
    error = killed("31")
    error.error = "a misprint"
    assert event_toll(event(error)) is None, "a source's error is not evidence of a toll"


def test_an_observations_figure_carries_its_unit_status_and_bound():
    entity = Entity("o", "Observation", HERE, statements=[
        Statement("o", "value", Value("literal", "35000", XSD + "decimal"), [Citation("shirk", "d", 2, HERE)], HERE,
                  {"bound": Value("concept", KGC + "at-least")}),
        Statement("o", "measureUnit", Value("literal", "homicides", XSD + "string"), [], HERE),
        Statement("o", "observationStatus", Value("concept", KGC + "projection"), [], HERE),
        Statement("o", "period", Value("literal", "2019", XSD + "gYear"), [], HERE),
    ])
    figure = observation_figure(entity)
    assert figure.record() == {"value": "35000", "unit": "homicides", "bound": "at-least", "status": "projection",
                               "at": "2019"}
    assert figure.text() == "35,000 or more homicides (projection)"
    labels = {"homicides": "homicidios", "projection": "proyección"}
    assert figure.text("es", lambda name, lang: labels.get(name, name)) == "35,000 o más homicidios (proyección)"


def test_hedges_and_quantities():
    st = Statement("x", "participant", Value("entity", "victims"), [], HERE,
                   {"quantity": Value("literal", "9", INTEGER), "unit": Value("literal", "people", XSD + "string"),
                    "hedge": Value("concept", KGC + "reportedly")})
    figure = statement_figure(st)
    assert figure == Figure("9", unit="people", hedge="reportedly")
    assert figure.text() == "reportedly 9 people"
    assert statement_figure(Statement("x", "date", Value("literal", "2019", XSD + "gYear"), [], HERE)) is None


def test_numbers_are_grouped_for_reading_and_raw_in_data():
    assert grouped("65333000000") == "65,333,000,000"
    assert grouped("-17.5") == "-17.5" and grouped("28870.0") == "28,870"


def test_a_total_without_groups_beside_counts_by_group_is_compared_not_added():
    agreed = event_toll(event(killed("3", "women"), killed("6", "children"), killed("9", source="acled-row")))
    assert (agreed.total.value, agreed.disputed) == ("9", False), "an ACLED row's 9 is the same toll, not 9 more"
    assert agreed.text() == "9 killed (3 women, 6 children)" and "acled-row" in agreed.total.sources
    differing = event_toll(event(killed("14", "civilians"), killed("1", "soldiers"), killed("8", source="acled-row")))
    assert differing.disputed and (differing.low, differing.high) == ("8", "15")
    assert differing.text() == "8–15 killed (sources differ)"
    higher = event_toll(event(killed("3", "women"), killed("6", "children"),
                              killed("12", source="acled-row", bound="at-least")))
    assert (higher.low, higher.high, higher.total.bound) == ("9", "12", "at-least") and higher.disputed
