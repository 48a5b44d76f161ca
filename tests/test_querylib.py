"""The library of named queries (queries/*.rq), each asked of the real graph: the answers an analyst would check."""

from __future__ import annotations

import pytest

from conftest import LIBRARY, example_params
from kg.query.engines import ENGINES, Term, local_engine, parse_query
from kg.query.library import LibraryError, bind_parameters, find_query, parse_named_query


@pytest.fixture(scope="module")
def engines(real_build):
    return {name: local_engine(name, real_build.compiled) for name in ENGINES}


def ask(engines, name: str, *params: str, engine: str = "oxigraph") -> list[dict[str, str]]:
    """The named query's rows as {column: cell} with prefixed names (mx:amlo), as the table shows them."""
    named = LIBRARY[name]
    result = engines[engine].run(parse_query(named.text), bind_parameters(named, params))
    return [dict(zip(result.variables, row, strict=True)) for row in result.cells(short=True)]


def test_the_library_has_at_least_15_documented_questions():
    assert len(LIBRARY) >= 15
    for named in LIBRARY.values():
        assert named.title and named.description, named.name
        assert named.examples and named.examples[0].startswith(f"kg query {named.name}"), named.name


def test_every_named_query_has_its_own_test():
    missing = [name for name in LIBRARY if f"test_{name.replace('-', '_')}" not in globals()]
    assert not missing, f"named queries without a test of their answer: {missing}"


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_both_engines_give_the_same_answer(engines, name):
    named = LIBRARY[name]
    parsed = parse_query(named.text)
    bindings = bind_parameters(named, example_params(name))
    by_rdflib = engines["rdflib"].run(parsed, bindings)
    by_oxigraph = engines["oxigraph"].run(parsed, bindings)
    assert by_rdflib.rows, f"{name} (its example) has no answer on the real graph"
    assert by_rdflib.variables == by_oxigraph.variables
    assert by_rdflib.canonical() == by_oxigraph.canonical()


def test_office_holders(engines):
    rows = ask(engines, "office-holders", "office=president-of-mexico")
    terms = {(r["person"], r["start"], r["end"]) for r in rows}
    assert ("mx:felipe-calderon", "2006-12-01", "2012-11-30") in terms
    assert ("mx:enrique-pena-nieto", "2012-12-01", "2018-11-30") in terms
    assert ("mx:amlo", "2018-12-01", "2024-09-30") in terms
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts), "terms are listed in date order"
    assert {r["person"] for r in ask(engines, "office-holders", "person=amlo")} == {"mx:amlo"}


def test_incidents(engines):
    in_sinaloa = ask(engines, "incidents", "place=sinaloa")
    battle = [r for r in in_sinaloa if r["incident"] == "mx:culiacan-battle-2019"]
    assert battle and battle[0]["date"] == "2019-10-17" and battle[0]["where"] == "mx:culiacan"
    assert {(r["toll"], r["number"], r["source"]) for r in battle} == {("kg:killed", "13", "mx:shirk-2019")}
    michoacan = {(r["incident"], r["number"], r["who"]) for r in ask(engines, "incidents", "place=michoacan")}
    assert ("mx:aguililla-ambush-2019", "13", "police officers") in michoacan
    assert not any(r["incident"] == "mx:culiacan-battle-2019" for r in ask(engines, "incidents", "place=michoacan"))
    later = ask(engines, "incidents", "from=2020")
    assert later and all(r["date"] >= "2020" for r in later)


def test_homicide_series(engines):
    rows = ask(engines, "homicide-series")
    sesnsp = {(r["period"], float(r["value"])) for r in rows
              if r["agency"] == "mx:sesnsp" and r["source"] == "mx:jim-two-years"}
    assert {("2017", 28870), ("2018", 33742), ("2019", 34588), ("2020", 34515)} <= sesnsp
    projection = [r for r in rows if r["status"] == "kgc:projection"]
    assert projection and projection[0]["period"] == "2019" and projection[0]["source"] == "mx:shirk-2019"
    assert [r["period"] for r in rows] == sorted(r["period"] for r in rows)


def test_source_errors(engines):
    rows = ask(engines, "source-errors")
    ayotzinapa = [r for r in rows if r["subject"] == "mx:ayotzinapa-2014" and r["property"] == "kg:place"]
    assert ayotzinapa, "the post's 'in Ayotzinapa' is recorded as an error"
    assert ayotzinapa[0]["claimed"] == "mx:ayotzinapa" and ayotzinapa[0]["corrected"] == "mx:iguala"
    assert ayotzinapa[0]["source"] == "mx:jim-cienfuegos" and ayotzinapa[0]["locator"]
    assert ayotzinapa[0]["correction_source"] == "mx:curator" and "Iguala" in ayotzinapa[0]["note"]
    harfuch = [r for r in rows if r["claimed"] == "Omar García Harbuch"]
    assert harfuch and harfuch[0]["corrected"] == "Omar García Harfuch"
    only_shirk = ask(engines, "source-errors", "source=shirk-2019")
    assert only_shirk and {r["source"] for r in only_shirk} == {"mx:shirk-2019"}


def test_disagreements(engines):
    """Only values of the same measure: the Youth Building the Future cuts of 17.5 % and 40 % against one baseline,
    which one post gives and which cannot both hold; not a projection beside a count, nor two years of one budget."""
    rows = ask(engines, "disagreements")
    cuts = [r for r in rows if r["subject"] == "mx:jovenes-construyendo-el-futuro"]
    assert len(cuts) == 1 and {float(cuts[0]["value"]), float(cuts[0]["other_value"])} == {-17.5, -40}
    assert cuts[0]["between"] == "one source" and cuts[0]["period"] == "2021"
    assert not [r for r in rows if r["subject"] in ("mx:mexico", "mx:becas-benito-juarez", "mx:fgr")], rows
    assert all((r["between"] == "one source") == (r["source"] == r["other_source"]) for r in rows)


def test_differs_in_kind(engines):
    """SESNSP's official count of 34,588 for 2019 and Shirk's projection of 35,000 or more are different measures."""
    rows = ask(engines, "differs-in-kind")
    homicides_2019 = [r for r in rows if r["period"] == "2019" and r["property"] == "mx:intentional-homicides"]
    assert len(homicides_2019) == 1 and homicides_2019[0]["differs"] == "status"
    pair = homicides_2019[0]
    assert {(float(pair["value"]), pair["status"]), (float(pair["other_value"]), pair["other_status"])} == {
        (34588, "kgc:official-count"), (35000, "kgc:projection")}


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_ayotzinapa_is_a_disappearance_and_shirks_attack_a_recorded_error(engines, engine):
    """Shirk's "43 students were killed" (an attack) is recorded as his error, corrected to the forced disappearance
    the Cienfuegos post describes: one asserted type, queryable as an error, not a disagreement."""
    rows = ask(engines, "disagreements", engine=engine)
    assert not [r for r in rows if r["subject"] == "mx:ayotzinapa-2014"]
    errors = ask(engines, "source-errors", "source=shirk-2019", engine=engine)
    typed = [r for r in errors if r["subject"] == "mx:ayotzinapa-2014" and r["property"] == "kg:eventType"]
    assert typed and typed[0]["claimed"] == "kgc:attack"
    assert typed[0]["corrected"] == "kgc:abduction-forced-disappearance"
    incidents = [r for r in ask(engines, "incidents", engine=engine) if r["incident"] == "mx:ayotzinapa-2014"]
    assert len({(r["incident"], r["type"]) for r in incidents}) == 1


def test_single_source(engines):
    rows = ask(engines, "single-source", "subject=culiacan-battle-2019")
    assert {"property": "kg:killed", "value": "13", "source": "mx:shirk-2019",
            "subject": "mx:culiacan-battle-2019"} in rows
    facts = {(r["property"], r["value"]) for r in rows}
    assert ("kg:participant", "mx:sinaloa-cartel") not in facts, "both articles name the cartel"
    assert all(r["source"] == "mx:jim-cienfuegos" for r in ask(engines, "single-source", "source=jim-cienfuegos"))


def test_replacements(engines):
    rows = ask(engines, "replacements")
    guard = [r for r in rows if r["new"] == "mx:national-guard" and r["old"] == "mx:federal-police"]
    assert guard and guard[0]["source"] == "mx:shirk-2019"
    assert guard[0]["when"].startswith("2019"), "dated by the National Guard's creation"


def test_case_timeline(engines):
    rows = ask(engines, "case-timeline")
    events = [r["event"] for r in rows]
    order = ["mx:cienfuegos-arrest-2020", "mx:cienfuegos-charges-dropped-2020", "mx:cienfuegos-exoneration-2021"]
    assert [e for e in events if e in order] == order
    dated = [r["date"][:7] for r in rows if r["date"]]
    assert dated == sorted(dated) and rows[0]["date"], "month order, undated episodes last"
    # Known to the month only, the evidence's publication and the U.S. protest came after the 14 January decision
    # (their earliest bound), and the charge led to the arrest of the same month.
    assert events.index("mx:cienfuegos-exoneration-2021") < events.index("mx:sre-evidence-publication-2021")
    assert events.index("mx:sre-evidence-publication-2021") < events.index("mx:doj-reaction-2021")
    assert events.index("mx:cienfuegos-charge") < events.index("mx:cienfuegos-arrest-2020")
    culiacan = [r["event"] for r in ask(engines, "case-timeline", "case=culiacan-2019")]
    assert culiacan == ["mx:ovidio-capture-2019", "mx:culiacan-battle-2019", "mx:ovidio-release-2019"]


def test_people_around(engines):
    rows = {(r["relation"], r["other"], r["via"]) for r in ask(engines, "people-around")}
    assert ("parent", "mx:joaquin-guzman", "") in rows
    assert ("associated with", "mx:sinaloa-cartel", "") in rows
    assert ("rival of their organisation", "mx:cjng", "mx:sinaloa-cartel") in rows
    father = {(r["relation"], r["other"]) for r in ask(engines, "people-around", "person=joaquin-guzman")}
    assert ("child", "mx:ovidio-guzman") in father


def test_laws_approved(engines):
    rows = ask(engines, "laws-approved", "body=senate-of-mexico", "from=2020", "to=2020")
    assert {r["law"] for r in rows} >= {"mx:amnesty-law", "mx:cannabis-law"}
    cap = [r for r in rows if r["law"] == "mx:cannabis-law" and r["unit"] == "gram"]
    assert cap and float(cap[0]["quantity"]) == 28 and cap[0]["at"] == "2020-11"
    assert not ask(engines, "laws-approved", "body=senate-of-mexico", "to=2019")


def test_programs(engines):
    rows = ask(engines, "programs", "program=jovenes-construyendo-el-futuro")
    facts = {(r["fact"], r["value"], r["unit"], r["at"]) for r in rows}
    assert ("kg:runBy", "mx:stps", "", "") in facts
    assert any(f[0] == "kg:budgetChange" and float(f[1]) == -17.5 and f[2:] == ("percent", "2021") for f in facts)


def test_experts(engines):
    rows = ask(engines, "experts")
    shirk = {(r["organization"], r["source"]) for r in rows if r["person"] == "mx:david-shirk"}
    assert ("mx:university-of-san-diego", "mx:shirk-2019") in shirk
    assert {r["person"] for r in ask(engines, "experts", "organization=cide")} == {"mx:catalina-perez-correa"}


def test_entity_profile(engines):
    rows = ask(engines, "entity-profile", "entity=ovidio-guzman")
    assert any(r["direction"] == "out" and r["property"] == "kg:childOf" and r["value"] == "mx:joaquin-guzman"
               for r in rows)
    assert any(r["direction"] == "in" and r["property"] == "kg:participant" and r["value"] == "mx:ovidio-capture-2019"
               and r["role"] == "kgc:detainee" for r in rows)
    assert all(r["source"] for r in rows), "every statement shows its source"


def test_events_of(engines):
    rows = ask(engines, "events-of")
    assert {"event": "mx:culiacan-battle-2019", "role": "kgc:perpetrator", "date": "2019-10-17"}.items() <= next(
        r for r in rows if r["event"] == "mx:culiacan-battle-2019").items()
    assert any(r["event"] == "mx:cienfuegos-arrest-2020" for r in ask(engines, "events-of", "agent=salvador-cienfuegos"))


def test_places_within(engines):
    rows = ask(engines, "places-within", "place=sinaloa")
    culiacan = [r for r in rows if r["inside"] == "mx:culiacan"]
    assert culiacan and culiacan[0]["type"] == "kg:Municipality" and culiacan[0]["parent"] == "mx:sinaloa"
    guerrero = {(r["inside"], r["parent"]) for r in ask(engines, "places-within", "place=guerrero")}
    assert ("mx:tepochica", "mx:iguala") in guerrero, "places at any depth, with their direct parent"
    assert not any(r["inside"] == "mx:culiacan" for r in ask(engines, "places-within", "place=guerrero"))


def test_criminal_groups(engines):
    rows = {(r["group"], r["relation"], r["other"]) for r in ask(engines, "criminal-groups")}
    assert ("mx:cjng", "rival of", "mx:sinaloa-cartel") in rows
    assert ("mx:sinaloa-cartel", "led by", "mx:joaquin-guzman") in rows
    assert {r["group"] for r in ask(engines, "criminal-groups", "group=cjng")} == {"mx:cjng"}


def test_strategies(engines):
    rows = {(r["relation"], r["other"]) for r in ask(engines, "strategies", "strategy=hugs-not-bullets")}
    assert ("contrasts with", "mx:militarized-strategy") in rows
    assert ("contrasts with", "mx:kingpin-strategy") in rows
    assert ("pursued by", "mx:amlo") in rows


def test_sources(engines):
    rows = {r["source"]: r for r in ask(engines, "sources")}
    for article in ("mx:shirk-2019", "mx:jim-two-years", "mx:jim-cienfuegos"):
        assert rows[article]["type"] == "kg:Article" and int(rows[article]["statements"]) > 50
    assert int(rows["mx:jim-two-years"]["errors"]) >= 1
    counts = [int(r["statements"]) for r in rows.values()]
    assert counts == sorted(counts, reverse=True)


# ---------------------------------------------------------------- the library's own rules


def test_parameters_are_typed_terms_with_defaults():
    named = find_query(LIBRARY, "incidents")
    bindings = bind_parameters(named, ["place=michoacan", "from=2019"])
    assert bindings["place"] == Term("uri", "https://w3id.org/mxsec/id/michoacan")
    assert bindings["from"] == Term.literal("2019", "http://www.w3.org/2001/XMLSchema#gYear")
    assert bindings["to"].value == "2100", "a default applies when the parameter is not given"


@pytest.mark.parametrize("params, message", [
    (["year=2019"], "has no parameter `year`"),
    (["from=19"], "expected a year such as 2019"),
    (["place=Michoacán"], "expected an entity id"),
    (["place=michoacan", "place=sinaloa"], "given twice"),
    (["place"], "expected NAME=VALUE"),
])
def test_bad_parameters_say_what_is_expected(params, message):
    with pytest.raises(LibraryError, match=message):
        bind_parameters(LIBRARY["incidents"], params)


def test_a_required_parameter_must_be_given():
    with pytest.raises(LibraryError, match=r"needs --param entity="):
        bind_parameters(LIBRARY["entity-profile"], [])


def test_an_unknown_entity_is_named_with_a_suggestion(real_build):
    entities = real_build.model.entities
    with pytest.raises(LibraryError, match=r"no entity `ovidio-guzmann`.*did you mean `ovidio-guzman`"):
        bind_parameters(LIBRARY["people-around"], ["person=ovidio-guzmann"], entities.__contains__, entities)


def test_an_unknown_query_name_suggests_the_closest():
    with pytest.raises(LibraryError, match=r"no query named `source-error`.*did you mean `source-errors`"):
        find_query(LIBRARY, "source-error")


@pytest.mark.parametrize("header, message", [
    ("# description: no title\nSELECT * WHERE { ?s ?p ?o }\n", "needs a `# title:` line"),
    ("# title: t\n# description: d\n# param: who person\nSELECT ?who WHERE { ?who ?p ?o }\n",
     "unknown parameter type `person`"),
    ("# title: t\n# description: d\n# param: who entity\nSELECT * WHERE { ?s ?p ?o }\n", r"not used as \?who"),
    ("# title: t\n# description: d\n# param: y gYear = 19x: year\nSELECT ?y WHERE { ?s ?p ?y }\n",
     "the default does not fit"),
    ("# title: t\n# author: me\nSELECT * WHERE { ?s ?p ?o }\n", "unknown header key `author`"),
])
def test_malformed_headers_are_reported_with_file_and_line(tmp_path, header, message):
    path = tmp_path / "broken.rq"
    path.write_text(header, encoding="utf-8")
    with pytest.raises(LibraryError, match=message) as error:
        parse_named_query(path)
    assert str(path) in str(error.value)


def test_corroboration(engines):
    """Independent sources per fact: by publisher, curator knowledge not counted (tests/test_match_events.py checks
    `reportedFrom` counted as the origin)."""
    rows = {(r["subject"], r["property"], r["value"]): r for r in ask(engines, "corroboration")}
    battle = "mx:culiacan-battle-2019"
    assert rows[(battle, "kg:participant", "mx:sinaloa-cartel")]["independent_sources"] == "2"  # both articles
    assert rows[(battle, "kg:killed", "13")]["independent_sources"] == "1"  # Shirk only
    assert rows[("mx:culiacan", "kg:locatedIn", "mx:sinaloa")]["independent_sources"] == "1"  # jim; curator not counted
    assert rows[("mx:tixtla", "kg:locatedIn", "mx:guerrero")]["independent_sources"] == "0"  # the curators only
