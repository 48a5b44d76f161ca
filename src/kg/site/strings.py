"""The site's own words in English and Spanish (the data's words come from the graph and the vocabulary), and dates
written as people read them in each language."""

from __future__ import annotations

from ..core.figures import grouped

STRINGS: dict[str, dict[str, str]] = {
    "site": {"en": "Mexico security knowledge graph", "es": "Grafo de conocimiento de la seguridad en México"},
    "home": {"en": "Home", "es": "Inicio"},
    "types": {"en": "Types", "es": "Tipos"},
    "cases": {"en": "Cases", "es": "Casos"},
    "years": {"en": "Years", "es": "Años"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "explorer": {"en": "Explorer", "es": "Explorador"},
    "queries": {"en": "SPARQL examples", "es": "Ejemplos SPARQL"},
    "search": {"en": "Search", "es": "Buscar"},
    "search_placeholder": {"en": "Search names and descriptions", "es": "Buscar nombres y descripciones"},
    "switch_language": {"en": "Español", "es": "English"},
    "switch_language_title": {"en": "Esta página en español", "es": "This page in English"},
    "main_navigation": {"en": "Main navigation", "es": "Navegación principal"},
    "skip": {"en": "Skip to content", "es": "Ir al contenido"},
    "data_as_of": {"en": "Data as of", "es": "Datos al"},
    "also_known_as": {"en": "Also known as", "es": "También conocido como"},
    "description_in_other": {"en": "(description in Spanish only)", "es": "(descripción solo en inglés)"},
    "curator_note": {"en": "Curators' note", "es": "Nota de los curadores"},
    "same_as": {"en": "Same as", "es": "Igual a"},
    "iri": {"en": "Identifier (IRI)", "es": "Identificador (IRI)"},
    "data_files": {"en": "This entity's data", "es": "Datos de esta entidad"},
    "open_in_explorer": {"en": "Open in the explorer", "es": "Abrir en el explorador"},
    "death_toll": {"en": "Death toll", "es": "Número de muertos"},
    "figure": {"en": "Figure", "es": "Cifra"},
    "sources_of_entity": {"en": "Sources for its names and description", "es": "Fuentes de sus nombres y descripción"},
    "statements": {"en": "Statements", "es": "Declaraciones"},
    "no_statements": {"en": "The graph records no statements about it.", "es": "El grafo no registra declaraciones sobre esta entidad."},
    "source_error": {"en": "Source error", "es": "Error de la fuente"},
    "the_source_says": {"en": "The source says", "es": "La fuente dice"},
    "correction": {"en": "Correction", "es": "Corrección"},
    "no_correction": {"en": "No correction recorded.", "es": "No se registró corrección."},
    "sources_differ": {"en": "Sources differ", "es": "Las fuentes difieren"},
    "same_source_differs": {"en": "The same source gives another value", "es": "La misma fuente da otro valor"},
    "according_to": {"en": "according to", "es": "según"},
    "note": {"en": "Note", "es": "Nota"},
    "cited": {"en": "Sources", "es": "Fuentes"},
    "independent_one": {"en": "1 independent source", "es": "1 fuente independiente"},
    "independent_many": {"en": "{n} independent sources", "es": "{n} fuentes independientes"},
    "also_curator": {"en": "and curator knowledge", "es": "y conocimiento de los curadores"},
    "only_curator": {"en": "curator knowledge only", "es": "solo conocimiento de los curadores"},
    "source_address": {"en": "address", "es": "dirección"},
    "timeline": {"en": "Events", "es": "Eventos"},
    "timeline_more": {"en": "{shown} of {total} events shown, the earliest first.",
                      "es": "Se muestran {shown} de {total} eventos, los primeros en el tiempo."},
    "map": {"en": "On the map", "es": "En el mapa"},
    "map_through": {"en": "through", "es": "por"},
    "map_credit": {"en": "State outlines: Natural Earth.", "es": "Contornos de los estados: Natural Earth."},
    "neighbours": {"en": "Neighbours", "es": "Vecinos"},
    "referred_to_by": {"en": "Referred to by", "es": "Referido por"},
    "and_more": {"en": "and {n} more: the dumps and the explorer have them all.",
                 "es": "y {n} más: los volcados y el explorador los tienen todos."},
    "from_source": {"en": "What the graph takes from this source", "es": "Lo que el grafo toma de esta fuente"},
    "from_source_intro": {"en": "Every statement citing it, section by section and paragraph by paragraph.",
                          "es": "Cada declaración que la cita, sección por sección y párrafo por párrafo."},
    "paragraph": {"en": "Paragraph", "es": "Párrafo"},
    "section": {"en": "Section", "es": "Sección"},
    "no_locator": {"en": "Without a section or paragraph", "es": "Sin sección ni párrafo"},
    "names_and_description": {"en": "names and description", "es": "nombres y descripción"},
    "errors_in_source": {"en": "Errors found in this source", "es": "Errores encontrados en esta fuente"},
    "no_errors": {"en": "The curators recorded no errors in it.", "es": "Los curadores no registraron errores en ella."},
    "cited_by": {"en": "Cited by {statements} statement(s) about {entities} entit(y/ies).",
                 "es": "Citada por {statements} declaración(es) sobre {entities} entidad(es)."},
    "nothing_cited": {"en": "No statement cites it.", "es": "Ninguna declaración la cita."},
    "entities": {"en": "entities", "es": "entidades"},
    "all_types": {"en": "Entities by type", "es": "Entidades por tipo"},
    "all_cases": {"en": "Cases: events and what they are made of", "es": "Casos: eventos y sus partes"},
    "no_cases": {"en": "No event is part of another one.", "es": "Ningún evento forma parte de otro."},
    "all_years": {"en": "Events by year", "es": "Eventos por año"},
    "all_sources": {"en": "Sources", "es": "Fuentes"},
    "events_in": {"en": "Events in {year}", "es": "Eventos en {year}"},
    "page_n": {"en": "Page {n} of {total}", "es": "Página {n} de {total}"},
    "previous": {"en": "Previous", "es": "Anterior"},
    "next": {"en": "Next", "es": "Siguiente"},
    "count_entities": {"en": "{n} entities", "es": "{n} entidades"},
    "count_events": {"en": "{n} events", "es": "{n} eventos"},
    "publisher": {"en": "Publisher", "es": "Editorial"},
    "published": {"en": "Published", "es": "Publicado"},
    "statements_citing": {"en": "Statements citing it", "es": "Declaraciones que la citan"},
    "title": {"en": "Title", "es": "Título"},
    "undated": {"en": "undated", "es": "sin fecha"},
    "intro": {"en": ("Actors, events and indicators of Mexico's public-security crisis, where every fact cites the "
                     "source that states it, down to the section and paragraph, and the curators' corrections stand "
                     "beside the sources' errors."),
              "es": ("Actores, eventos e indicadores de la crisis de seguridad pública de México, donde cada dato "
                     "cita la fuente que lo afirma, hasta la sección y el párrafo, y las correcciones de los "
                     "curadores aparecen junto a los errores de las fuentes.")},
    "coverage": {"en": "What the graph covers", "es": "Qué cubre el grafo"},
    "coverage_statements": {"en": ("{statements} statements, {cited} of them cited ({located} down to a section and "
                                   "paragraph); {errors} source errors recorded with the curators' corrections."),
                            "es": ("{statements} declaraciones, {cited} de ellas citadas ({located} hasta la sección "
                                   "y el párrafo); {errors} errores de las fuentes registrados con las correcciones "
                                   "de los curadores.")},
    "curator_knowledge": {"en": "Curator knowledge", "es": "Conocimiento de los curadores"},
    "curator_text": {"en": ("{n} statements rest on the curators' own knowledge rather than on a published source; "
                            "they are marked as such and listed on its page."),
                     "es": ("{n} declaraciones se basan en el conocimiento de los propios curadores y no en una "
                            "fuente publicada; están marcadas como tales y listadas en su página.")},
    "take_data": {"en": "Take the data", "es": "Llevarse los datos"},
    "dumps_text": {"en": "The whole graph, the same triples as the entity pages:",
                   "es": "El grafo completo, los mismos triples que las páginas de entidades:"},
    "explorer_text": {"en": "The network, a timeline, a map and indicator charts in one page that works offline.",
                      "es": "La red, una línea de tiempo, un mapa y gráficas de indicadores en una página que funciona sin conexión."},
    "queries_text": {"en": "Questions in SPARQL, to run at any SPARQL endpoint holding the dump or with",
                     "es": "Preguntas en SPARQL, para ejecutar en cualquier servicio SPARQL que tenga el volcado o con"},
    "query_name": {"en": "NAME", "es": "NOMBRE"},
    "browse": {"en": "Browse", "es": "Explorar"},
    "run_it": {"en": "Run it", "es": "Ejecutarla"},
    "parameters": {"en": "Parameters", "es": "Parámetros"},
    "search_needs_js": {"en": "Search needs JavaScript; browse by type, case or year instead.",
                        "es": "La búsqueda necesita JavaScript; explore por tipo, caso o año."},
    "search_loading": {"en": "Preparing the index…", "es": "Preparando el índice…"},
    "search_none": {"en": "No entity matches.", "es": "Ninguna entidad coincide."},
    "search_count": {"en": "{n} match(es)", "es": "{n} resultado(s)"},
    "search_hint": {"en": "Names, aliases and descriptions in English and Spanish; accents and case do not matter.",
                    "es": "Nombres, alias y descripciones en inglés y español; los acentos y las mayúsculas no importan."},
    "not_found": {"en": "Page not found", "es": "Página no encontrada"},
    "not_found_text": {"en": "No page of the graph is at this address. Try the search, or browse from the home page.",
                       "es": "Ninguna página del grafo está en esta dirección. Pruebe la búsqueda o explore desde el inicio."},
    "qualifiers": {"en": "Qualifiers", "es": "Calificadores"},
    "history": {"en": "History", "es": "Historial"},
    "history_intro": {"en": "How this entity's record changed, commit by commit, in the graph's git repository.",
                      "es": "Cómo cambió el registro de esta entidad, commit por commit, en el repositorio git del grafo."},
    "first_recorded": {"en": "First recorded", "es": "Registrada por primera vez"},
    "last_changed": {"en": "Last changed", "es": "Último cambio"},
    "changes": {"en": "Changes", "es": "Cambios"},
    "history_added": {"en": "recorded, with {n} statement(s)", "es": "registrada, con {n} declaración(es)"},
    "history_removed": {"en": "removed from the graph", "es": "retirada del grafo"},
    "history_changed": {"en": "changed", "es": "modificada"},
    "history_renamed": {"en": "renamed from {old}", "es": "antes llamada {old}"},
    "history_more": {"en": "and {n} more change(s): kg diff lists them all.",
                     "es": "y {n} cambio(s) más: kg diff los lista todos."},
    "history_uncommitted": {"en": "Changed since the last commit: this page shows edits not yet recorded in git.",
                            "es": "Cambiada desde el último commit: esta página muestra ediciones aún no registradas en git."},
    "history_never": {"en": "Not in any commit yet: this entity is new in the working copy.",
                      "es": "Aún no está en ningún commit: esta entidad es nueva en la copia de trabajo."},
    "history_not_in_git": {"en": "No history: the graph this site was built from is not in a git repository.",
                           "es": "Sin historial: el grafo del que se hizo este sitio no está en un repositorio git."},
    "history_no_git": {"en": "No history: git was not available when this site was built.",
                       "es": "Sin historial: git no estaba disponible cuando se hizo este sitio."},
    "history_unreadable": {"en": "No history: the graph's git history could not be read when this site was built.",
                           "es": "Sin historial: no se pudo leer el historial git del grafo cuando se hizo este sitio."},
    "commit": {"en": "commit", "es": "commit"},
    "change_added": {"en": "added", "es": "añadida"},
    "change_removed": {"en": "removed", "es": "retirada"},
    "change_changed": {"en": "changed", "es": "modificada"},
    "relations_by_year": {"en": "Relations by year", "es": "Relaciones por año"},
    "relations_by_year_intro": {"en": "Each dated relation, year by year, from its statements' dates.",
                                "es": "Cada relación con fecha, año por año, según las fechas de sus declaraciones."},
    "in_force": {"en": "in force", "es": "vigente"},
    "uncertain_year": {"en": "in force, known only to the year", "es": "vigente, conocida solo al año"},
    "not_in_force": {"en": "not in force", "es": "no vigente"},
    "years_uncertain": {"en": "year only", "es": "solo el año"},
    "strip_more": {"en": "{shown} of {total} relations shown, the earliest first.",
                   "es": "Se muestran {shown} de {total} relaciones, las primeras en el tiempo."},
    "type": {"en": "Type", "es": "Tipo"},
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}


def text(key: str, lang: str, **values: object) -> str:
    """The site's phrase `key` in `lang`, with `{name}` filled from `values`."""
    phrase = STRINGS[key][lang]
    return phrase.format(**values) if values else phrase


def date_text(iso: str, lang: str) -> str:
    """An ISO date of the graph at its own precision: `2019-10-17` → "17 October 2019" / "17 de octubre de 2019",
    `2019-10` → "October 2019" / "octubre de 2019", `2019` → "2019"; anything else as it is."""
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return iso
    if len(numbers) == 1:
        return parts[0]
    if not 1 <= numbers[1] <= 12 or len(numbers) > 3:
        return iso
    month = _MONTHS[lang][numbers[1] - 1]
    if len(numbers) == 2:
        return f"{month} {parts[0]}" if lang == "en" else f"{month} de {parts[0]}"
    return f"{numbers[2]} {month} {parts[0]}" if lang == "en" else f"{numbers[2]} de {month} de {parts[0]}"


def capfirst(text: str) -> str:
    """The text with its first letter upper-case (the vocabulary's labels are lower-case, as in running text)."""
    return text[:1].upper() + text[1:]


def number_text(n: int) -> str:
    """A count with its digits grouped, by the one presenter of numbers (both languages alike, as Mexico writes
    them)."""
    return grouped(str(n))
